/**
 * Entry of the region editor page in the playground (dist/playground/editor.html), shown in the
 * fake dialog of FakeDialogSdk: the same editor page as in Express, its SDK calls answered by the
 * playground page that opened it.
 */
import { mountEditorPage } from "../ui/editor/editor-page";
import { REGION_EDITOR_INPUT_KEY } from "../contract/region-editor";

const root = document.getElementById("root");
if (!root) throw new Error("editor.html has no #root element");
const sdk = window.parent !== window ? window.parent.fakeAddOnDialogRuntime : undefined;
if (!sdk) {
  root.textContent = "This page is the region editor dialog: open it from the playground panel's Mark region button.";
} else {
  void mountEditorPage(root, {
    // Values cross frames as clones made in this frame's realm, as a postMessage would deliver them.
    readInput: async () => structuredClone(await sdk.clientStorage.getItem(REGION_EDITOR_INPUT_KEY)),
    close: (result) => sdk.runtime.dialog.close(result),
  });
}
