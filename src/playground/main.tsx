/**
 * Entry of the playground page (dist/playground/): the add-on's panel, unchanged, next to a
 * simulated Express document. Open it with `npm run playground` (or `npm start`).
 */
import { mountPanel, showStartupError } from "../ui/mount-panel";
import type { PanelHost } from "../ui/host/panel-host";
import { seedDemoDocument } from "./demo-document";
import { FakeDocument } from "./fake-express";
import { readPngSize } from "./fake-express/png-size";
import { createPlaygroundHost } from "./playground-host";
import { BitmapCache } from "./stage/bitmap-cache";
import { DocumentStage } from "./stage/document-stage";
import { FakeDialogSdk } from "./fake-ui-sdk/fake-dialog-sdk";
import { dialogLauncher } from "../ui/editor/open-region-editor";
import { inPanelLauncher } from "../ui/editor/in-panel-launcher";

/** Handles for tests and for poking around in the devtools console. */
export interface PlaygroundHandles {
  doc: FakeDocument;
  host: PanelHost;
  stage: DocumentStage;
  /** The UI SDK's dialog API as the playground plays it (region editor). */
  dialogs: FakeDialogSdk;
}

declare global {
  interface Window {
    playground?: PlaygroundHandles;
  }
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`playground/index.html has no #${id}`);
  return found;
}

async function start(): Promise<void> {
  const response = await fetch(new URL("assets/demo-photo.png", document.baseURI));
  if (!response.ok) throw new Error(`Could not load the demo photo (${response.status}); rebuild with 'npm run playground'.`);
  const photo = await response.arrayBuffer();
  const doc = new FakeDocument();
  // Express unloads content between frames in large documents: the playground holds the add-on to that.
  doc.largeDocumentMode = true;
  seedDemoDocument(doc, photo, readPngSize(photo));

  const bitmaps = new BitmapCache();
  const stage = new DocumentStage(element("stage"), doc, bitmaps);
  stage.start();
  const host = await createPlaygroundHost(doc, bitmaps);
  // The panel also offers the tiny test model, served by the dev server under dev-models/.
  const dialogs = new FakeDialogSdk();
  // ?regionEditor=in-panel shows the fallback Express uses when it cannot open a dialog.
  const inPanel = new URLSearchParams(location.search).get("regionEditor") === "in-panel";
  const regionEditor = inPanel ? inPanelLauncher() : dialogLauncher(dialogs, inPanelLauncher());
  // ?testFault=device-lost-after-N: the engine loses its GPU after step N (tests of the fallback notice).
  const lostAfter = /^device-lost-after-(\d+)$/.exec(new URLSearchParams(location.search).get("testFault") ?? "");
  const testFault = lostAfter ? { kind: "device-lost" as const, afterStep: Number(lostAfter[1]) } : undefined;
  mountPanel(element("panel-root"), host, { devModelsBase: new URL("dev-models/", document.baseURI), regionEditor, ...(testFault ? { testFault } : {}) });
  window.playground = { doc, host, stage, dialogs };
}

start().catch((error: unknown) => showStartupError(element("panel-root"), error));
