/** The latest selection summary the sandbox pushed (undefined until the first one arrives). */
import { useEffect, useState } from "react";
import type { SelectionSummary } from "../../contract";
import type { PanelHost } from "../host/panel-host";

export function useSelection(host: PanelHost): SelectionSummary | undefined {
  const [selection, setSelection] = useState<SelectionSummary | undefined>(undefined);
  useEffect(() => host.onSelectionChanged(setSelection), [host]);
  return selection;
}
