/**
 * Zoom and pan of the editor's canvas: screen px = mask px × zoom + pan. Pan is kept on whole
 * screen pixels so at 100 % every mask pixel sits on one screen pixel.
 */
import type { Point } from "./mask-raster";

export interface View {
  zoom: number;
  panX: number;
  panY: number;
}

export const ZOOM_LIMITS = { min: 0.05, max: 16 } as const;
export const ZOOM_STEP = 1.25;

function clampZoom(z: number): number {
  return Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, z));
}

/** The whole image centred in a viewport, never enlarged past 100 % (a small image stays sharp). */
export function fitView(imageW: number, imageH: number, viewW: number, viewH: number, margin = 16): View {
  const zoom = clampZoom(Math.min(1, (viewW - 2 * margin) / imageW, (viewH - 2 * margin) / imageH));
  return centred(imageW, imageH, viewW, viewH, zoom);
}

export function centred(imageW: number, imageH: number, viewW: number, viewH: number, zoom: number): View {
  return { zoom, panX: Math.round((viewW - imageW * zoom) / 2), panY: Math.round((viewH - imageH * zoom) / 2) };
}

/** Zooms by `factor` keeping the point under (sx, sy) in place. */
export function zoomAt(view: View, factor: number, sx: number, sy: number): View {
  const zoom = clampZoom(view.zoom * factor);
  const k = zoom / view.zoom;
  return { zoom, panX: Math.round(sx - (sx - view.panX) * k), panY: Math.round(sy - (sy - view.panY) * k) };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, panX: Math.round(view.panX + dx), panY: Math.round(view.panY + dy) };
}

export function screenToMask(view: View, sx: number, sy: number): Point {
  return { x: (sx - view.panX) / view.zoom, y: (sy - view.panY) / view.zoom };
}

export function maskToScreen(view: View, x: number, y: number): Point {
  return { x: x * view.zoom + view.panX, y: y * view.zoom + view.panY };
}
