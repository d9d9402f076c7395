/**
 * Entry of the region editor page in the playground (dist/playground/editor.html), shown in the
 * fake dialog of FakeDialogSdk: the same editor page as in Express, its SDK calls answered by the
 * playground page that opened it.
 */
import { mountEditorPage } from "../ui/editor/editor-page";
import { workerSegmenter } from "../ui/editor/worker-segmenter";
import { createEngineWorker } from "../engine/worker";
import { REGION_EDITOR_INPUT_KEY } from "../contract/region-editor";

function playgroundTwinSpec() {
  const at = (path: string) => ({ url: new URL(`dev-models/slimsam-twin/${path}`, document.baseURI).href });
  return {
    id: "slimsam-twin",
    displayName: "SlimSAM twin (random weights)",
    encoder: at("onnx/vision_encoder_quantized.onnx"),
    decoder: at("onnx/prompt_encoder_mask_decoder_quantized.onnx"),
    preprocessorConfig: at("preprocessor_config.json"),
  };
}

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
    hostShowsTitle: true,
    // Click-select with the SlimSAM twin (random weights, exact IO) the dev server serves; the
    // product uses the catalogue's SlimSAM-77 (src/ui/editor/catalogue-segmenter.ts).
    createSegmenter: (input, picture) =>
      workerSegmenter({
        engine: () => {
          const engine = createEngineWorker();
          void engine.init({ forceBackend: "wasm" }).catch(() => undefined);
          return engine;
        },
        source: { kind: "spec", spec: playgroundTwinSpec() },
        picture,
        imageKey: input.sessionId,
      }),
  });
}
