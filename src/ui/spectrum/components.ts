/**
 * React wrappers of the Spectrum Web Components the panel uses, made with @lit/react (what the
 * @swc-react packages do). We wrap the 1.12.2 elements ourselves because the @swc-react wrappers
 * are published at mismatched exact versions, which would load two copies of SWC's base and
 * register custom elements twice. Importing this module registers the elements.
 */
import * as React from "react";
import { createComponent, type EventName } from "@lit/react";
import { Theme } from "@spectrum-web-components/theme/src/Theme.js";
import "@spectrum-web-components/theme/sp-theme.js";
import "@spectrum-web-components/theme/express/theme-light.js";
import "@spectrum-web-components/theme/express/scale-medium.js";
import { Button } from "@spectrum-web-components/button";
import "@spectrum-web-components/button/sp-button.js";
import { ActionButton } from "@spectrum-web-components/action-button";
import "@spectrum-web-components/action-button/sp-action-button.js";
import { Textfield } from "@spectrum-web-components/textfield";
import "@spectrum-web-components/textfield/sp-textfield.js";
import { Slider } from "@spectrum-web-components/slider";
import "@spectrum-web-components/slider/sp-slider.js";
import { Picker } from "@spectrum-web-components/picker";
import "@spectrum-web-components/picker/sp-picker.js";
import { MenuItem } from "@spectrum-web-components/menu";
import "@spectrum-web-components/menu/sp-menu-item.js";
import { ProgressBar } from "@spectrum-web-components/progress-bar";
import "@spectrum-web-components/progress-bar/sp-progress-bar.js";
import { Switch } from "@spectrum-web-components/switch";
import "@spectrum-web-components/switch/sp-switch.js";
import { FieldLabel } from "@spectrum-web-components/field-label";
import "@spectrum-web-components/field-label/sp-field-label.js";
import { HelpText } from "@spectrum-web-components/help-text";
import "@spectrum-web-components/help-text/sp-help-text.js";

const change = "change" as EventName<Event>;
const input = "input" as EventName<Event>;

export const SpTheme = createComponent({ react: React, tagName: "sp-theme", elementClass: Theme });
export const SpButton = createComponent({ react: React, tagName: "sp-button", elementClass: Button });
export const SpActionButton = createComponent({
  react: React,
  tagName: "sp-action-button",
  elementClass: ActionButton,
  events: { onChange: change },
});
export const SpTextfield = createComponent({
  react: React,
  tagName: "sp-textfield",
  elementClass: Textfield,
  events: { onInput: input, onChange: change },
});
export const SpSlider = createComponent({
  react: React,
  tagName: "sp-slider",
  elementClass: Slider,
  events: { onInput: input, onChange: change },
});
export const SpPicker = createComponent({ react: React, tagName: "sp-picker", elementClass: Picker, events: { onChange: change } });
export const SpMenuItem = createComponent({ react: React, tagName: "sp-menu-item", elementClass: MenuItem });
export const SpProgressBar = createComponent({ react: React, tagName: "sp-progress-bar", elementClass: ProgressBar });
export const SpSwitch = createComponent({ react: React, tagName: "sp-switch", elementClass: Switch, events: { onChange: change } });
export const SpFieldLabel = createComponent({ react: React, tagName: "sp-field-label", elementClass: FieldLabel });
export const SpHelpText = createComponent({ react: React, tagName: "sp-help-text", elementClass: HelpText });
