/**
 * Generative Expand, step 1: how far the image grows on each side, in the image's own units.
 *
 * Everything happens along the image's own axes (a rotated image grows along its rotated edges):
 * the target gives the new width × height, the anchor says where the original sits in it, and the
 * result is four margins. Then the page: margins are clipped so the new edges stay on the page
 * (one notice line says so), targets that would not grow the image are refused, and so are targets
 * beyond MAX_EXPAND_FACTOR, with the largest size allowed in the message.
 */
import { applyAffine, invertAffine } from "../contract/affine";
import type { Affine2D } from "../contract/geometry";
import { ImagingError } from "./errors";

export const EXPAND_ASPECTS = ["1:1", "4:3", "3:2", "16:9", "9:16", "4:5"] as const;
export type ExpandAspect = (typeof EXPAND_ASPECTS)[number];
export const EXPAND_SCALES = [1.25, 1.5, 2] as const;
export type ExpandScale = (typeof EXPAND_SCALES)[number];

/** Margins in image units (≥ 0) on each side of the original. */
export interface ExpandMargins {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type ExpandTarget =
  | { kind: "aspect"; ratio: ExpandAspect }
  | { kind: "scale"; factor: ExpandScale }
  /** Cover the page (= the artboard the image is on); the anchor does not apply. */
  | { kind: "page" }
  /**
   * Free margins in image units. The hook for the region editor's margin handles: the dialog
   * returns these four numbers and Expand runs them like any other target (the anchor does not apply).
   */
  | { kind: "margins"; margins: ExpandMargins };

export const EXPAND_ANCHORS_X = ["left", "centre", "right"] as const;
export const EXPAND_ANCHORS_Y = ["top", "middle", "bottom"] as const;
export interface ExpandAnchor {
  x: (typeof EXPAND_ANCHORS_X)[number];
  y: (typeof EXPAND_ANCHORS_Y)[number];
}

/** The largest growth per axis: beyond 4× the original is a small part of what the model invents. */
export const MAX_EXPAND_FACTOR = 4;

export class ExpandTargetError extends ImagingError {
  constructor(message: string) {
    super(message);
    this.name = "ExpandTargetError";
  }
}

export interface ExpandGeometryInput {
  /** The image's size in its own units (document px). */
  image: { width: number; height: number };
  /** Image space → page space (rotation and scale folded in). */
  imageToPage: Affine2D;
  /** Page (artboard) size in page units. */
  page: { width: number; height: number };
  target: ExpandTarget;
  anchor: ExpandAnchor;
}

export interface ExpandGeometry {
  margins: ExpandMargins;
  /** The expanded box in image units: [x, x+width] × [y, y+height], contains [0,w]×[0,h]. */
  box: { x: number; y: number; width: number; height: number };
  /** One line for the panel when something was adjusted (clipped to the page), else null. */
  notice: string | null;
}

export function ratioOf(aspect: ExpandAspect): number {
  const [w, h] = aspect.split(":").map(Number);
  return w / h;
}

export function describeTarget(target: ExpandTarget): string {
  switch (target.kind) {
    case "aspect":
      return target.ratio;
    case "scale":
      return `×${target.factor}`;
    case "page":
      return "page";
    case "margins":
      return "margins";
  }
}

const EPS = 1e-6;

function fmt(v: number): string {
  return String(Math.round(v));
}

/** Requested margins before the page is considered. */
function requestedMargins(input: ExpandGeometryInput): ExpandMargins {
  const { width: w, height: h } = input.image;
  const { target } = input;
  if (target.kind === "margins") {
    const m = target.margins;
    const values = [m.left, m.top, m.right, m.bottom];
    if (values.some((v) => !Number.isFinite(v))) throw new ExpandTargetError("The margins must be numbers. Drag the margin handles again.");
    if (values.some((v) => v < 0)) throw new ExpandTargetError("A margin is negative, which would make the image smaller. Expand only grows an image: drag the handles outward.");
    return { ...m };
  }
  if (target.kind === "page") return pageMargins(input);
  let W: number, H: number;
  if (target.kind === "scale") {
    W = w * target.factor;
    H = h * target.factor;
  } else {
    const r = ratioOf(target.ratio);
    if (Math.abs(w / h / r - 1) < 0.005) {
      throw new ExpandTargetError(`The image is already ${target.ratio}, so there is nothing to add. Pick another ratio or a scale.`);
    }
    // The smallest box of that ratio that holds the image.
    if (w / h < r) [W, H] = [h * r, h];
    else [W, H] = [w, w / r];
  }
  const share = { left: 0, centre: 0.5, right: 1 }[input.anchor.x];
  const shareY = { top: 0, middle: 0.5, bottom: 1 }[input.anchor.y];
  return { left: (W - w) * share, right: (W - w) * (1 - share), top: (H - h) * shareY, bottom: (H - h) * (1 - shareY) };
}

/** The page's bounding box in image space, as margins around the image (0 where the image reaches further). */
function pageMargins(input: ExpandGeometryInput): ExpandMargins {
  const inv = invertAffine(input.imageToPage, () => new ExpandTargetError("The image has no size on the page. Resize it, then expand again."));
  const { width: pw, height: ph } = input.page;
  const corners = [applyAffine(inv, 0, 0), applyAffine(inv, pw, 0), applyAffine(inv, 0, ph), applyAffine(inv, pw, ph)];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const { width: w, height: h } = input.image;
  return {
    left: Math.max(0, -Math.min(...xs)),
    top: Math.max(0, -Math.min(...ys)),
    right: Math.max(0, Math.max(...xs) - w),
    bottom: Math.max(0, Math.max(...ys) - h),
  };
}

type Side = keyof ExpandMargins;
const SIDES: Side[] = ["left", "top", "right", "bottom"];

/**
 * Whether every outer corner of the expanded box is on the page. A page edge the image's own
 * corner already crosses only asks the new corner not to go further out than that image corner:
 * the expansion cannot undo where the image sits.
 */
function cornersOnPage(m: ExpandMargins, input: ExpandGeometryInput): boolean {
  const { width: w, height: h } = input.image;
  const { width: pw, height: ph } = input.page;
  const t = input.imageToPage;
  const tol = 1e-9 * Math.max(1, pw, ph);
  const corners: [number, number, number, number][] = [
    [-m.left, -m.top, 0, 0],
    [w + m.right, -m.top, w, 0],
    [-m.left, h + m.bottom, 0, h],
    [w + m.right, h + m.bottom, w, h],
  ];
  return corners.every(([x, y, ix, iy]) => {
    const [px, py] = applyAffine(t, x, y);
    const [qx, qy] = applyAffine(t, ix, iy);
    return px >= Math.min(0, qx) - tol && px <= Math.max(pw, qx) + tol && py >= Math.min(0, qy) - tol && py <= Math.max(ph, qy) + tol;
  });
}

/** Largest f in [lo, 1] with feasible(f) (feasible(lo) holds), to 1e-9. */
function largestFeasible(lo: number, feasible: (f: number) => boolean): number {
  if (feasible(1)) return 1;
  let hi = 1;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (feasible(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Margins clipped to the page: all sides shrink together until every new corner is on the page,
 * then each side grows back alone as far as the page allows (exact for upright images, a maximal
 * fit for rotated ones).
 */
function clipToPage(wanted: ExpandMargins, input: ExpandGeometryInput): ExpandMargins {
  const scaled = (f: number): ExpandMargins => ({ left: wanted.left * f, top: wanted.top * f, right: wanted.right * f, bottom: wanted.bottom * f });
  const common = largestFeasible(0, (f) => cornersOnPage(scaled(f), input));
  const m = scaled(common);
  if (common === 1) return m;
  for (const s of SIDES) {
    if (wanted[s] === 0) continue;
    const f = largestFeasible(common, (g) => cornersOnPage({ ...m, [s]: wanted[s] * g }, input));
    m[s] = wanted[s] * f;
  }
  return m;
}

export function planExpandGeometry(input: ExpandGeometryInput): ExpandGeometry {
  const { width: w, height: h } = input.image;
  if (!(w > 0 && h > 0 && Number.isFinite(w) && Number.isFinite(h))) throw new ExpandTargetError("The image has no size. Select an image, then expand again.");
  const wanted = requestedMargins(input);
  const W = w + wanted.left + wanted.right;
  const H = h + wanted.top + wanted.bottom;
  if (W <= w + EPS && H <= h + EPS) {
    throw new ExpandTargetError(
      input.target.kind === "page"
        ? "The image already covers the page, so there is nothing to add. Pick a ratio or a scale instead."
        : "That target is not larger than the image. Pick a larger ratio, scale or margin.",
    );
  }
  if (W > MAX_EXPAND_FACTOR * w + EPS || H > MAX_EXPAND_FACTOR * h + EPS) {
    throw new ExpandTargetError(
      `That target is ${fmt(W)} × ${fmt(H)}; the largest allowed is ${MAX_EXPAND_FACTOR}× the image on each side (${fmt(w * MAX_EXPAND_FACTOR)} × ${fmt(h * MAX_EXPAND_FACTOR)} here). Pick a smaller target or enlarge the image first.`,
    );
  }
  // The page target covers the page by definition; a rotated image's box then reaches past it.
  const margins = input.target.kind === "page" ? wanted : clipToPage(wanted, input);
  const clipped = SIDES.some((s) => margins[s] < wanted[s] - 1e-3);
  const box = { x: -margins.left, y: -margins.top, width: w + margins.left + margins.right, height: h + margins.top + margins.bottom };
  let notice: string | null = null;
  if (clipped) {
    notice =
      box.width <= w + EPS && box.height <= h + EPS
        ? null
        : `Clipped to the page: ${fmt(box.width)} × ${fmt(box.height)} instead of ${fmt(W)} × ${fmt(H)}.`;
    if (notice === null) throw new ExpandTargetError("The image already reaches the page edges on the sides it would grow. Move the anchor or the image, then expand again.");
  } else if (input.target.kind === "page" && isRotated(input.imageToPage)) {
    notice = "The image is rotated, so the new layer reaches past the page edges to cover the page.";
  }
  return { margins, box, notice };
}

/** Not a multiple of 90°: the image's edges are not parallel to the page's. */
function isRotated(m: Affine2D): boolean {
  const tol = EPS * Math.max(Math.abs(m[0]), Math.abs(m[1]), Math.abs(m[2]), Math.abs(m[3]));
  const upright = Math.abs(m[1]) <= tol && Math.abs(m[2]) <= tol;
  const quarter = Math.abs(m[0]) <= tol && Math.abs(m[3]) <= tol;
  return !upright && !quarter;
}
