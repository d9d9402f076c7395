/** Draws RGBA pixels into a <canvas>; CSS sizes it, the canvas keeps the image's own pixels. */
import { useEffect, useRef } from "react";
import type { RgbaPixels } from "../../contract/worker-protocol";

export function PixelsCanvas({ pixels, className, label }: { pixels: RgbaPixels; className?: string; label?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
  }, [pixels]);
  return <canvas ref={ref} className={className} role={label ? "img" : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}

/** The source with the layer drawn over it, as Keep would leave the document. */
export function LayerOverSource({ source, layer, label }: { source: RgbaPixels; layer: RgbaPixels; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    canvas.width = source.width;
    canvas.height = source.height;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(source.data), source.width, source.height), 0, 0);
    const over = new OffscreenCanvas(layer.width, layer.height);
    over.getContext("2d")?.putImageData(new ImageData(new Uint8ClampedArray(layer.data), layer.width, layer.height), 0, 0);
    ctx.drawImage(over, 0, 0, source.width, source.height);
  }, [source, layer]);
  return <canvas ref={ref} className="large-preview" role="img" aria-label={label} />;
}
