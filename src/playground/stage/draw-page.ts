/**
 * Paints a fake-document page onto a 2D canvas the way Express shows it: artboard background,
 * then every node in paint order with its transform, opacity, crop (media containers) and fill.
 * Used for the on-screen stage and for renditions, so the panel crops exactly what the user sees.
 */
import type { NodeModel, PageModel } from "../fake-express";
import type { BitmapCache } from "./bitmap-cache";

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Draws `page` with page (0,0) at the context's current origin, 1 page unit = 1 context unit.
 * An animated page (several artboards) is drawn as its first scene; a transparent artboard fill
 * leaves the pixels transparent.
 */
export function drawPage(ctx: Context2D, page: PageModel, bitmaps: BitmapCache, background?: string): void {
  const artboard = page.artboard;
  const fill = background ?? artboard.fillColor;
  ctx.save();
  if (fill !== "transparent") {
    ctx.fillStyle = fill;
    ctx.fillRect(0, 0, page.width, page.height);
  }
  ctx.beginPath();
  ctx.rect(0, 0, page.width, page.height);
  ctx.clip(); // content outside the page is not part of the page
  for (const child of artboard.children) drawNode(ctx, child, bitmaps);
  ctx.restore();
}

function drawNode(ctx: Context2D, node: NodeModel, bitmaps: BitmapCache): void {
  if (node.opacity <= 0) return;
  ctx.save();
  const [a, b, c, d, e, f] = node.matrix;
  ctx.transform(a, b, c, d, e, f);
  ctx.globalAlpha *= node.opacity;
  ctx.fillStyle = node.fillColor;
  switch (node.kind) {
    case "group":
      for (const child of node.children) drawNode(ctx, child, bitmaps);
      break;
    case "mediaContainer":
      ctx.beginPath();
      ctx.rect(node.maskOffset?.x ?? 0, node.maskOffset?.y ?? 0, node.width, node.height); // the crop
      ctx.clip();
      if (node.media) drawMedia(ctx, node.media, bitmaps);
      break;
    case "rectangle":
      ctx.beginPath();
      ctx.roundRect(0, 0, node.width, node.height, node.radii);
      fillAndStroke(ctx, node);
      break;
    case "ellipse":
      ctx.beginPath();
      ctx.ellipse(0, 0, node.rx, node.ry, 0, 0, 2 * Math.PI);
      fillAndStroke(ctx, node);
      break;
    case "path":
    case "complexShape":
    case "solidColorShape":
    case "polygon": {
      const path = new Path2D(node.pathData);
      ctx.fill(path, node.evenOdd ? "evenodd" : "nonzero");
      if (node.strokeWidth > 0) strokeWith(ctx, node, path);
      break;
    }
    case "strokeShape":
      strokeWith(ctx, node, new Path2D(node.pathData), Math.max(node.strokeWidth, 2));
      break;
    case "text":
      ctx.font = `${Math.max(8, node.height * 0.8)}px system-ui, sans-serif`;
      ctx.textBaseline = "top";
      ctx.fillText(node.text, 0, 0, node.width);
      break;
    case "line":
      ctx.strokeStyle = node.fillColor;
      ctx.lineWidth = node.strokeWidth || 2;
      ctx.beginPath();
      ctx.moveTo(0, 0);
      ctx.lineTo(node.width, 0);
      ctx.stroke();
      break;
    default:
      break;
  }
  ctx.restore();
}

function fillAndStroke(ctx: Context2D, node: NodeModel): void {
  ctx.fill();
  if (node.strokeWidth > 0) strokeWith(ctx, node);
}

function strokeWith(ctx: Context2D, node: NodeModel, path?: Path2D, width = node.strokeWidth): void {
  ctx.strokeStyle = node.kind === "strokeShape" ? node.fillColor : node.strokeColor;
  ctx.lineWidth = width;
  if (path) ctx.stroke(path);
  else ctx.stroke();
}

function drawMedia(ctx: Context2D, media: NodeModel, bitmaps: BitmapCache): void {
  ctx.save();
  const [a, b, c, d, e, f] = media.matrix;
  ctx.transform(a, b, c, d, e, f);
  const image = media.bitmap ? bitmaps.get(media.bitmap) : undefined;
  if (image) {
    ctx.drawImage(image, 0, 0, media.width, media.height);
  } else if (media.kind === "unknownMediaRectangle") {
    // A video: dark frame with a play triangle.
    ctx.fillStyle = "#333";
    ctx.fillRect(0, 0, media.width, media.height);
    const s = Math.min(media.width, media.height) / 4;
    ctx.fillStyle = "#eee";
    ctx.beginPath();
    ctx.moveTo(media.width / 2 - s / 2, media.height / 2 - s / 2);
    ctx.lineTo(media.width / 2 + s / 2, media.height / 2);
    ctx.lineTo(media.width / 2 - s / 2, media.height / 2 + s / 2);
    ctx.fill();
  } else {
    ctx.fillStyle = media.bitmap?.color ?? "#999";
    ctx.fillRect(0, 0, media.width, media.height);
  }
  ctx.restore();
}
