/**
 * PanelHost for the playground: the real sandbox code (exposeSandboxApi) runs against the fake
 * document behind the fake bridge, so the panel goes through the same async, copying calls as in
 * Express; renditions are drawn from the fake document.
 */
import { exposeSandboxApi } from "../sandbox/expose";
import { connectPanel } from "../ui/host/connect-panel";
import type { PanelHost } from "../ui/host/panel-host";
import { createFakeBridge, FAKE_CONSTANTS, type FakeDocument } from "./fake-express";
import type { BitmapCache } from "./stage/bitmap-cache";
import { renderPagePng } from "./stage/renditions";

export async function createPlaygroundHost(doc: FakeDocument, bitmaps: BitmapCache): Promise<PanelHost> {
  const bridge = createFakeBridge({ onSandboxCall: () => doc.beginOperation() });
  // What dist/sandbox.js does inside Express, with the fake editor in place of express-document-sdk.
  exposeSandboxApi(bridge.sandboxRuntime, { editor: doc.editor, constants: FAKE_CONSTANTS });
  const host = await connectPanel(bridge.panelRuntime, (request) => renderPagePng(doc, bitmaps, request));
  return { ...host, exportAllowed: async () => doc.exportAllowed };
}
