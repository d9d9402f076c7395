/** Draws RGBA pixels into a <canvas>; CSS sizes it, the canvas keeps the image's own pixels. */
import { useEffect, useRef } from "react";
import type { RgbaImage } from "../../contract/worker-protocol";

/**
 * Canvases showing document pixels offer no "Save image as…" or drag-out (Adobe's rendition rules:
 * preview pixels must not be persisted by the user either).
 */
const noSave = {
  onContextMenu: (e: { preventDefault(): void }) => e.preventDefault(),
  onDragStart: (e: { preventDefault(): void }) => e.preventDefault(),
  draggable: false,
} as const;

export function PixelsCanvas({ pixels, className, label }: { pixels: RgbaImage; className?: string; label?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawPixels(ref.current, pixels);
  }, [pixels]);
  return <canvas ref={ref} {...noSave} className={className} role={label ? "img" : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}

/** The source with the layer drawn over it, as Keep would leave the document. */
export function LayerOverSource({ source, layer, label, before = false, zoom = 1 }: { source: RgbaImage; layer: RgbaImage; label: string; before?: boolean; zoom?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !drawPixels(canvas, source) || before) return;
    const over = new OffscreenCanvas(layer.width, layer.height);
    drawPixels(over, layer);
    canvas.getContext("2d")?.drawImage(over, 0, 0, source.width, source.height);
  }, [source, layer, before]);
  // Zoomed: the canvas grows past the pane, which scrolls; 1 = fit the panel's width.
  return <canvas ref={ref} {...noSave} className="large-preview" style={zoom > 1 ? { width: `${zoom * 100}%`, maxWidth: "none" } : undefined} role="img" aria-label={label} data-testid="large-preview" data-before={before} />;
}

/** Sizes the canvas to the pixels and puts them in; false when it has no 2D context. */
function drawPixels(canvas: HTMLCanvasElement | OffscreenCanvas, pixels: RgbaImage): boolean {
  const ctx = canvas.getContext("2d") as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) return false;
  canvas.width = pixels.width;
  canvas.height = pixels.height;
  ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
  return true;
}
