/**
 * Expand's two settings as the panel stores them (short codes that survive storage and the layer
 * record) and as imaging reads them (ExpandTarget, ExpandAnchor).
 */
import { EXPAND_ANCHORS_X, EXPAND_ANCHORS_Y, EXPAND_ASPECTS, EXPAND_SCALES, type ExpandAnchor, type ExpandAspect, type ExpandScale, type ExpandTarget } from "../../imaging";

export const EXPAND_TARGET_CODES = [...EXPAND_ASPECTS, ...EXPAND_SCALES.map((f) => `scale-${f}` as const), "page"] as const;
export type ExpandTargetCode = (typeof EXPAND_TARGET_CODES)[number];
export type ExpandAnchorCode = `${ExpandAnchor["x"]}-${ExpandAnchor["y"]}`;
export const EXPAND_ANCHOR_CODES: readonly ExpandAnchorCode[] = EXPAND_ANCHORS_Y.flatMap((y) => EXPAND_ANCHORS_X.map((x) => `${x}-${y}` as const));

export const DEFAULT_EXPAND_TARGET: ExpandTargetCode = "16:9";
export const DEFAULT_EXPAND_ANCHOR: ExpandAnchorCode = "centre-middle";

export function isExpandTargetCode(v: unknown): v is ExpandTargetCode {
  return EXPAND_TARGET_CODES.includes(v as ExpandTargetCode);
}

export function isExpandAnchorCode(v: unknown): v is ExpandAnchorCode {
  return EXPAND_ANCHOR_CODES.includes(v as ExpandAnchorCode);
}

export function expandTargetOf(code: ExpandTargetCode): ExpandTarget {
  if (code === "page") return { kind: "page" };
  if (code.startsWith("scale-")) return { kind: "scale", factor: Number(code.slice(6)) as ExpandScale };
  return { kind: "aspect", ratio: code as ExpandAspect };
}

export function expandAnchorOf(code: ExpandAnchorCode): ExpandAnchor {
  const [x, y] = code.split("-") as [ExpandAnchor["x"], ExpandAnchor["y"]];
  return { x, y };
}

export function expandTargetLabel(code: ExpandTargetCode): string {
  if (code === "page") return "Page";
  if (code.startsWith("scale-")) return `×${code.slice(6)}`;
  return code;
}

export const ANCHOR_LABELS: Record<ExpandAnchor["x"] | ExpandAnchor["y"], string> = {
  left: "left",
  centre: "centre",
  right: "right",
  top: "top",
  middle: "middle",
  bottom: "bottom",
};
