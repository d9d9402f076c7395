/**
 * The PanelApi object a host exposes to the sandbox, fanning each push out to the panel's
 * listeners. Express allows `runtime.exposeApi` ONCE per panel, while React components subscribe
 * and unsubscribe freely (twice under StrictMode): the hub sits between the two.
 */
import type { PanelApi, SelectionSummary } from "../../contract";
import type { Unsubscribe } from "./panel-host";

export interface PanelApiHub {
  /** Expose this object (once) to the sandbox. */
  readonly panelApi: PanelApi;
  onSelectionChanged(listener: (summary: SelectionSummary) => void): Unsubscribe;
}

export function createPanelApiHub(): PanelApiHub {
  const listeners = new Set<(summary: SelectionSummary) => void>();
  let latest: SelectionSummary | undefined;
  const panelApi: PanelApi = {
    selectionChanged(summary) {
      // Summaries can arrive out of order across the bridge; keep the newest revision.
      if (latest && summary.revision < latest.revision) return;
      latest = summary;
      for (const listener of listeners) listener(summary);
    },
  };
  return {
    panelApi,
    onSelectionChanged(listener) {
      listeners.add(listener);
      if (latest) listener(latest);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
