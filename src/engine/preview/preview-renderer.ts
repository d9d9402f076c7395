/**
 * Turns one denoising step's latents into small RGBA previews for the panel: TAESD when a preview
 * decoder is loaded, otherwise the linear latent projection (no model, microseconds).
 */
import type { PreviewKind, RgbaImage } from "../../contract/worker-protocol";
import type { RunOptions } from "../io/model-session";
import { projectLatentsToRgb } from "./latent-rgb-projection";
import type { TaesdPreviewDecoder } from "./taesd-preview-decoder";
import { resampleToRgba, thumbnailSize } from "./thumbnail";

export class PreviewRenderer {
  constructor(private readonly decoder: TaesdPreviewDecoder | null) {}

  get kind(): PreviewKind {
    return this.decoder ? "taesd" : "latent-projection";
  }

  /**
   * latents [B, 4, h, w] → one thumbnail per image, its long side ≤ maxSize and ≤ the image's
   * (imageWidth × imageHeight is the size being generated).
   */
  async render(latents: Float32Array, dims: readonly number[], imageWidth: number, imageHeight: number, maxSize: number, runOptions?: RunOptions): Promise<RgbaImage[]> {
    const size = thumbnailSize(imageWidth, imageHeight, maxSize);
    const [batch, , h, w] = dims;
    if (this.decoder) {
      const decoded = await this.decoder.decode(latents, dims, runOptions);
      const plane = decoded.width * decoded.height * 3;
      return Array.from({ length: decoded.count }, (_, b) =>
        resampleToRgba(decoded.rgb.subarray(b * plane, (b + 1) * plane), decoded.width, decoded.height, size.width, size.height),
      );
    }
    return Array.from({ length: batch }, (_, b) => resampleToRgba(projectLatentsToRgb(latents, dims, b), w, h, size.width, size.height));
  }
}
