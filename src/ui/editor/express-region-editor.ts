/**
 * The region editor inside Adobe Express: a custom modal dialog showing dist/editor.html, with the
 * in-panel editor as the fallback. Imported only by the Express entry (the playground has no UI SDK).
 */
/// <reference path="../../../node_modules/@adobe/ccweb-add-on-sdk-types/add-on-ui-sdk.d.ts" />
import addOnUISdk from "https://new.express.adobe.com/static/add-on-sdk/sdk.js";
import { inPanelLauncher } from "./in-panel-launcher";
import { dialogLauncher, type DialogSdk, type RegionEditorLauncher } from "./open-region-editor";

export function expressRegionEditor(): RegionEditorLauncher {
  const sdk: DialogSdk = {
    app: {
      async showModalDialog(options) {
        await addOnUISdk.ready;
        return addOnUISdk.app.showModalDialog({ ...options, variant: addOnUISdk.constants.Variant.custom });
      },
    },
    instance: {
      clientStorage: {
        async setItem(key, value) {
          await addOnUISdk.ready;
          await addOnUISdk.instance.clientStorage.setItem(key, value as never);
        },
        async removeItem(key) {
          await addOnUISdk.ready;
          await addOnUISdk.instance.clientStorage.removeItem(key);
        },
      },
    },
  };
  return dialogLauncher(sdk, inPanelLauncher());
}
