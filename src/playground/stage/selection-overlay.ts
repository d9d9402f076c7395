/** Express-style selection outlines: the node's (rotated) bounds in blue with corner handles. */
import type { NodeModel } from "../fake-express";
import { toArtboard, transformPoint } from "../fake-express/model";
import { localBounds } from "../fake-express/nodes";

const SELECTION_BLUE = "#1473e6";

/** @param unit page units per screen pixel, so lines stay 1.5 px whatever the zoom */
export function drawSelection(ctx: CanvasRenderingContext2D, selected: readonly NodeModel[], unit: number): void {
  ctx.save();
  ctx.strokeStyle = SELECTION_BLUE;
  ctx.fillStyle = "#fff";
  ctx.lineWidth = 1.5 * unit;
  for (const node of selected) {
    const box = localBounds(node);
    const m = toArtboard(node);
    const corners = [
      transformPoint(m, box.x, box.y),
      transformPoint(m, box.x + box.width, box.y),
      transformPoint(m, box.x + box.width, box.y + box.height),
      transformPoint(m, box.x, box.y + box.height),
    ];
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
