/**
 * Entry point for src/sandbox/main.ts:
 *
 *   import addOnSandboxSdk from "add-on-sdk-document-sandbox";
 *   import { editor, constants } from "express-document-sdk";
 *   exposeSandboxApi(addOnSandboxSdk.instance.runtime, { editor, constants });
 *
 * Exposes SandboxApi to the panel and pushes a SelectionSummary to the panel's
 * `selectionChanged` on every selection change (and once when the panel's API is reachable).
 */
import type { Runtime, RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import type { PanelApi, SandboxApi } from "../contract/sandbox-api";
import type { SelectionSummary } from "../contract/selection";
import type { ExpressHost } from "./express-surface";
import { createSandboxService } from "./sandbox-api";

export type SandboxRuntime = Pick<Runtime, "exposeApi" | "apiProxy">;

export interface ExposedSandbox {
  api: SandboxApi;
  /** Resolves once the panel's API is reachable and the first summary was pushed. */
  panelConnected: Promise<void>;
  /** Stops following selection changes. */
  stop(): void;
}

/** The enum's value, spelled as the SDK's declaration says (the enum object is not importable at runtime here). */
const PANEL_RUNTIME = "panel" as RuntimeType;

export function exposeSandboxApi(runtime: SandboxRuntime, host: ExpressHost): ExposedSandbox {
  const service = createSandboxService(host);
  runtime.exposeApi(service.api);

  let panel: { selectionChanged(summary: SelectionSummary): Promise<void> } | undefined;
  const push = (): void => {
    if (!panel) return; // the first push happens when the proxy arrives
    // Describe now, synchronously, while the selection's nodes are valid; only data is sent.
    const summary = service.describe();
    panel.selectionChanged(summary).catch((error: unknown) => console.warn("Could not send the selection to the panel:", error));
  };
  const selectionChange = host.constants.EditorEvent.selectionChange;
  const handlerId = host.editor.context.on(selectionChange, push);

  const panelConnected = runtime.apiProxy<PanelApi>(PANEL_RUNTIME).then((proxy) => {
    panel = proxy;
    return panel!.selectionChanged(service.describe());
  });

  return {
    api: service.api,
    panelConnected,
    stop: () => host.editor.context.off(selectionChange, handlerId),
  };
}
