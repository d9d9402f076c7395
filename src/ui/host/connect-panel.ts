/**
 * The handshake every host performs, in Express's order: expose the panel's API first (the
 * sandbox pushes the first selection as soon as it can reach it), then ask for the sandbox proxy.
 */
import type { PanelApi, Remote, SandboxApi } from "../../contract";
import { createPanelApiHub } from "./panel-api-hub";
import type { PanelHost } from "./panel-host";

/** The two runtime calls a panel needs (Express's `addOnUISdk.instance.runtime`, or the playground's fake). */
export interface PanelRuntime {
  exposeApi(api: PanelApi): void;
  apiProxy(runtimeType: "documentSandbox"): Promise<Remote<SandboxApi>>;
}

export async function connectPanel(runtime: PanelRuntime, renderPage: PanelHost["renderPage"]): Promise<PanelHost> {
  const hub = createPanelApiHub();
  runtime.exposeApi(hub.panelApi);
  const sandbox = await runtime.apiProxy("documentSandbox");
  return { sandbox, onSelectionChanged: hub.onSelectionChanged, renderPage };
}
