/**
 * Entry of the region editor page inside Adobe Express (dist/editor.html), opened by the panel with
 * `showModalDialog({ variant: "custom", src: "editor.html" })`. The input comes from the add-on's
 * clientStorage (the dialog has no other channel from the panel), the result goes back with
 * `runtime.dialog.close(result)`.
 */
/// <reference path="../../../node_modules/@adobe/ccweb-add-on-sdk-types/add-on-ui-sdk.d.ts" />
import addOnUISdk from "https://new.express.adobe.com/static/add-on-sdk/sdk.js";
import { REGION_EDITOR_INPUT_KEY } from "../../contract/region-editor";
import { catalogueSegmenter } from "./catalogue-segmenter";
import { mountEditorPage } from "./editor-page";

const root = document.getElementById("root");
if (!root) throw new Error("editor.html has no #root element");

addOnUISdk.ready
  .then(() =>
    mountEditorPage(root, {
      readInput: () => addOnUISdk.instance.clientStorage.getItem(REGION_EDITOR_INPUT_KEY),
      close: (result) => {
        const dialog = addOnUISdk.instance.runtime.dialog;
        if (!dialog) throw new Error("The region editor was opened outside its dialog; open it from the panel's Mark region button.");
        dialog.close(result);
      },
      // Express shows the dialog's title itself.
      hostShowsTitle: true,
      createSegmenter: (input, picture) => catalogueSegmenter(input, picture),
    }),
  )
  .catch((error: unknown) => {
    root.textContent = `The region editor could not start: ${(error as Error)?.message ?? String(error)} Close it and try again.`;
    console.error(error);
  });
