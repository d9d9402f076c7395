/**
 * The mask as the user sees it: a tinted layer over the source. Painted pixels are tinted strongly;
 * the extra area the grow/feather settings add around them (the blend mask of the fill,
 * imaging/prepareMasks) fades out in a lighter tint, so the settings are previewed live.
 * The painted layer is updated per dirty rectangle while a stroke runs; the grow/feather halo is
 * recomputed when a stroke ends or a setting changes.
 */
import { prepareMasks, type GrayImage, type Rect } from "../../imaging";

/** Tint of the mask overlay (Firefly-like magenta), and its opacities. */
export const MASK_TINT = { r: 236, g: 28, b: 124 } as const;
const PAINTED_ALPHA = 0.55;
const HALO_ALPHA = 0.35;

export class MaskOverlay {
  readonly painted: HTMLCanvasElement;
  readonly halo: HTMLCanvasElement;
  private readonly paintedCtx: CanvasRenderingContext2D;
  private readonly haloCtx: CanvasRenderingContext2D;

  constructor(private readonly mask: GrayImage) {
    this.painted = canvasOf(mask.width, mask.height);
    this.halo = canvasOf(mask.width, mask.height);
    this.paintedCtx = this.painted.getContext("2d")!;
    this.haloCtx = this.halo.getContext("2d")!;
    this.updatePainted({ x: 0, y: 0, width: mask.width, height: mask.height });
  }

  /** Re-tints the painted layer inside `rect` (mask px). */
  updatePainted(rect: Rect): void {
    const { x, y, width, height } = rect;
    if (width <= 0 || height <= 0) return;
    const image = this.paintedCtx.createImageData(width, height);
    const out = image.data;
    const src = this.mask.data;
    for (let row = 0; row < height; row++) {
      const from = (y + row) * this.mask.width + x;
      for (let col = 0; col < width; col++) {
        const v = src[from + col];
        const o = (row * width + col) * 4;
        out[o] = MASK_TINT.r;
        out[o + 1] = MASK_TINT.g;
        out[o + 2] = MASK_TINT.b;
        out[o + 3] = Math.round(v * PAINTED_ALPHA);
      }
    }
    this.paintedCtx.putImageData(image, x, y);
  }

  /** Recomputes the grow/feather halo: the blend mask minus what is painted. */
  updateHalo(growPx: number, featherPx: number): void {
    const { width, height } = this.mask;
    const image = this.haloCtx.createImageData(width, height);
    if (growPx > 0 || featherPx > 0) {
      const { blendMask } = prepareMasks(this.mask, { growPx, featherPx });
      const b = blendMask.data, m = this.mask.data, out = image.data;
      for (let i = 0; i < b.length; i++) {
        const extra = b[i] - m[i];
        if (extra <= 0) continue;
        const o = i * 4;
        out[o] = MASK_TINT.r;
        out[o + 1] = MASK_TINT.g;
        out[o + 2] = MASK_TINT.b;
        out[o + 3] = Math.round(extra * HALO_ALPHA);
      }
    }
    this.haloCtx.putImageData(image, 0, 0);
  }
}

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}
