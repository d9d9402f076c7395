/**
 * The panel's sentences that depend on counts and states, in one place so they read alike and are
 * tested in Node: the selection line, proper plurals, the device note.
 */
import type { SelectionSummary } from "../../contract";

/** "1 shape" / "2 shapes". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line about the selection (the playground tests read these exact texts). */
export function describeSelection(selection: SelectionSummary | undefined): string {
  if (!selection) return "Waiting for the document…";
  switch (selection.type) {
    case "image":
      return `Image selected (${Math.round(selection.image.width)}×${Math.round(selection.image.height)})`;
    case "image-with-mask":
      return `Image with ${plural(selection.maskShapes.length, "mask shape")} selected`;
    case "page-region": {
      const n = selection.maskShapes.length;
      return `${plural(n, "shape")} selected: fill the page region under ${n === 1 ? "it" : "them"}`;
    }
    case "unsupported":
      return selection.message;
  }
}

/** Why Generative fill is greyed out when it is, in words that say how to get it. */
export function fillUnavailableNote(selection: SelectionSummary | undefined): string | null {
  return selection?.type === "image" ? "Generative fill needs shapes: draw one over the image, then select both." : null;
}

/** A sentence from an engine reason that may start lower-case and lack its full stop. */
export function asSentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t[0].toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
