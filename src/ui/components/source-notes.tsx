/**
 * The source notes under the mode hint (issue 15): one line each, only when they apply. The
 * overlap and transparency lines are silent for a layer whose exact pixels this add-on kept.
 */
import { useEffect, useState } from "react";
import type { SelectionSummary } from "../../contract";
import type { SourceInfo } from "../flow/obtain-source";
import type { KeptPixelsStore } from "../storage/kept-pixels-store";
import { boxMaskNote, overlapNote, transparencyNote, workingNote } from "./source-notes-text";

export function SourceNotes(props: { selection: SelectionSummary | undefined; maxModelSide: number | null; lastSource: SourceInfo | null; keptPixels: KeptPixelsStore | null }) {
  const { selection, maxModelSide, lastSource, keptPixels } = props;
  const exact = useKeptPixels(selection, keptPixels);
  const notes = [
    ["overlap-note", overlapNote(selection, exact)],
    ["transparency-note", transparencyNote(selection, exact)],
    ["box-mask-note", boxMaskNote(selection)],
    ["working-note", workingNote(selection, maxModelSide, lastSource)],
  ].filter((n): n is [string, string] => n[1] !== null);
  if (notes.length === 0) return null;
  return (
    <div className="source-notes">
      {notes.map(([id, text]) => (
        <p key={id} className="hint" data-testid={id}>
          {text}
        </p>
      ))}
    </div>
  );
}

/** Whether the selected layer's kept pixels are stored here (then nothing else is baked in). */
function useKeptPixels(selection: SelectionSummary | undefined, store: KeptPixelsStore | null): boolean {
  const [known, setKnown] = useState<{ nodeId: string; stored: boolean } | null>(null);
  const nodeId = selection && (selection.type === "image" || selection.type === "image-with-mask") && selection.image.generation && selection.image.uncropped ? selection.image.nodeId : null;
  useEffect(() => {
    if (!nodeId || !store) return;
    let live = true;
    store.has(nodeId).then(
      (stored) => live && setKnown({ nodeId, stored }),
      () => live && setKnown({ nodeId, stored: false }),
    );
    return () => {
      live = false;
    };
  }, [nodeId, store]);
  return nodeId !== null && known?.nodeId === nodeId && known.stored;
}
