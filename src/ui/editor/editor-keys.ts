/**
 * The region editor's keyboard map, one place for the handler and the on-screen hints:
 *   B brush · E eraser · S click-select · [ / ] brush size · I invert · Delete clear
 *   Ctrl/⌘+Z undo · Ctrl/⌘+Shift+Z or Ctrl+Y redo · + / − zoom · 0 fit · 1 100 % · arrows pan
 *   Enter applies a click-select candidate · Escape cancels the editor.
 */
export type EditorCommand =
  | { kind: "tool"; tool: "brush" | "eraser" | "select" }
  | { kind: "size"; direction: 1 | -1 }
  | { kind: "invert" }
  | { kind: "clear" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "zoom"; direction: 1 | -1 }
  | { kind: "fit" }
  | { kind: "actual-size" }
  | { kind: "pan"; dx: number; dy: number }
  | { kind: "apply-selection" }
  | { kind: "cancel" };

interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

/** Keys typed into a form field (sliders excepted) are the field's, not the editor's. Duck-typed: runs in Node tests. */
function typingTarget(target: TargetLike | null): boolean {
  if (!target) return false;
  if (target.tagName === "INPUT") return target.type !== "range";
  return target.tagName === "TEXTAREA" || target.isContentEditable === true;
}

export const PAN_STEP_PX = 48;

export function commandForKey(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey" | "target">): EditorCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key;
  if (key === "Escape") return { kind: "cancel" };
  const target = event.target as TargetLike | null;
  if (typingTarget(target)) return null;
  // A focused slider keeps its own arrow keys.
  if (target?.tagName === "INPUT" && key.startsWith("Arrow")) return null;
  if (mod && (key === "z" || key === "Z")) return event.shiftKey ? { kind: "redo" } : { kind: "undo" };
  if (mod && (key === "y" || key === "Y")) return { kind: "redo" };
  if (mod || event.altKey) return null;
  switch (key) {
    case "b":
    case "B":
      return { kind: "tool", tool: "brush" };
    case "e":
    case "E":
      return { kind: "tool", tool: "eraser" };
    case "s":
    case "S":
      return { kind: "tool", tool: "select" };
    case "[":
      return { kind: "size", direction: -1 };
    case "]":
      return { kind: "size", direction: 1 };
    case "i":
    case "I":
      return { kind: "invert" };
    case "Delete":
    case "Backspace":
      return { kind: "clear" };
    case "+":
    case "=":
      return { kind: "zoom", direction: 1 };
    case "-":
    case "_":
      return { kind: "zoom", direction: -1 };
    case "0":
      return { kind: "fit" };
    case "1":
      return { kind: "actual-size" };
    case "Enter":
      return target?.tagName === "BUTTON" ? null : { kind: "apply-selection" };
    case "ArrowLeft":
      return { kind: "pan", dx: PAN_STEP_PX, dy: 0 };
    case "ArrowRight":
      return { kind: "pan", dx: -PAN_STEP_PX, dy: 0 };
    case "ArrowUp":
      return { kind: "pan", dx: 0, dy: PAN_STEP_PX };
    case "ArrowDown":
      return { kind: "pan", dx: 0, dy: -PAN_STEP_PX };
    default:
      return null;
  }
}
