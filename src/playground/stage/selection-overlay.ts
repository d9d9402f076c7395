/** Express-style selection outlines: the node's (rotated) bounds in blue with corner handles. */
import type { NodeModel } from "../fake-express";
import { boxCorners } from "../../contract/affine";
import { toArtboard } from "../fake-express/model";
import { localBounds } from "../fake-express/local-bounds";

const SELECTION_BLUE = "#1473e6";

/** @param unit page units per screen pixel, so lines stay 1.5 px whatever the zoom */
export function drawSelection(ctx: CanvasRenderingContext2D, selected: readonly NodeModel[], unit: number): void {
  ctx.save();
  ctx.strokeStyle = SELECTION_BLUE;
  ctx.fillStyle = "#fff";
  ctx.lineWidth = 1.5 * unit;
  for (const node of selected) {
    const corners = boxCorners(toArtboard(node), localBounds(node));
    ctx.beginPath();
    corners.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    ctx.closePath();
    ctx.stroke();
    const handle = 7 * unit;
    for (const p of corners) {
      ctx.fillRect(p.x - handle / 2, p.y - handle / 2, handle, handle);
      ctx.strokeRect(p.x - handle / 2, p.y - handle / 2, handle, handle);
    }
  }
  ctx.restore();
}
