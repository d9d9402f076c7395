/**
 * PanelHost inside Adobe Express: the UI SDK (loaded from Express's CDN, kept external by webpack
 * as Adobe's templates do) provides the sandbox proxy, the panel API exposure and page renditions.
 */
/// <reference path="../../../node_modules/@adobe/ccweb-add-on-sdk-types/add-on-ui-sdk.d.ts" />
import addOnUISdk from "https://new.express.adobe.com/static/add-on-sdk/sdk.js";
import type { Remote, SandboxApi } from "../../contract";
import { connectPanel } from "./connect-panel";
import type { PageRendition, PageRenditionRequest, PanelHost } from "./panel-host";

export class ExpressHostError extends Error {
  override name = "ExpressHostError";
}

export async function createExpressHost(): Promise<PanelHost> {
  await addOnUISdk.ready;
  const { runtime } = addOnUISdk.instance;
  const { RuntimeType, Range, RenditionFormat, RenditionIntent } = addOnUISdk.constants;
  if (!runtime.exposeApi || !runtime.apiProxy) {
    throw new ExpressHostError("This panel has no document sandbox: check that manifest.json declares \"documentSandbox\": \"sandbox.js\".");
  }

  const { exposeApi, apiProxy } = runtime;
  const panelRuntime = {
    exposeApi: (api: object) => exposeApi.call(runtime, api),
    // The SDK's Remote<T> and the contract's describe the same proxy; the contract's is exported.
    apiProxy: () => apiProxy.call(runtime, RuntimeType.documentSandbox) as unknown as Promise<Remote<SandboxApi>>,
  };

  async function renderPage(request: PageRenditionRequest): Promise<PageRendition> {
    const renditions = await addOnUISdk.app.document.createRenditions(
      {
        range: Range.specificPages,
        pageIds: [request.pageId],
        format: RenditionFormat.png,
        ...(request.requestedSize ? { requestedSize: request.requestedSize } : {}),
        ...(request.backgroundColor !== undefined ? { backgroundColor: request.backgroundColor } : {}),
      },
      // Export intent for pixels that may be kept (the panel checked exportAllowed() first);
      // preview pixels are only shown and never persisted, as Adobe's rules ask.
      request.intent === "export" ? RenditionIntent.export : RenditionIntent.preview,
    );
    const rendition = renditions[0];
    if (!rendition) throw new ExpressHostError(`Express returned no rendition for page ${request.pageId}; try again, or select the page first.`);
    return { png: rendition.blob, pageId: request.pageId };
  }

  const host = await connectPanel(panelRuntime, renderPage);
  return { ...host, exportAllowed: () => addOnUISdk.app.document.exportAllowed() };
}
