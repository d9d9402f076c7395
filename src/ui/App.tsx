/**
 * PLACEHOLDER panel: proves the host wiring (selection pushed by the sandbox reaches React).
 * The real panel replaces this component; keep the `host` prop.
 */
import { useEffect, useState } from "react";
import type { SelectionSummary } from "../contract";
import type { PanelHost } from "./host/panel-host";

export function App({ host }: { host: PanelHost }) {
  const [selection, setSelection] = useState<SelectionSummary | undefined>(undefined);
  useEffect(() => host.onSelectionChanged(setSelection), [host]);
  return (
    <main className="panel">
      <h1>Local Generative Fill</h1>
      <p data-testid="selection-status">{describe(selection)}</p>
    </main>
  );
}

function describe(selection: SelectionSummary | undefined): string {
  if (!selection) return "Waiting for the document…";
  switch (selection.type) {
    case "image":
      return `Image selected (${Math.round(selection.image.width)}×${Math.round(selection.image.height)})`;
    case "image-with-mask":
      return `Image with ${selection.maskShapes.length} mask shape(s) selected`;
    case "page-region":
      return `${selection.maskShapes.length} shape(s) selected: fill the page region under them`;
    case "unsupported":
      return selection.message;
  }
}
