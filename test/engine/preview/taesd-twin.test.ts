/**
 * The TAESD twin (test/fixtures/model-twins/taesd/fp32, made by scripts/twins/make-taesd-twin.ts)
 * through the real loading path in Node (onnxruntime-web wasm, TaesdPreviewDecoder.load with the
 * catalogue export's IO names): its output against the same function computed in Node, as a
 * preview (shrunk latents → thumbnail) and as the "Fast" quality's whole-image decode.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { TaesdPreviewDecoder, PREVIEW_LATENT_SIDE, shrinkLatents } from "../../../src/engine/preview/taesd-preview-decoder";
import { PreviewRenderer } from "../../../src/engine/preview/preview-renderer";
import { resampleToRgba } from "../../../src/engine/preview/thumbnail";
import { latentsLike } from "./latents-like";
import { TAESD_TWIN_DIR, taesdTwinDecoder, taesdTwinEncoder, taesdTwinReference } from "../../../scripts/twins/make-taesd-twin";

const read = (p: string) => new Uint8Array(readFileSync(join(TAESD_TWIN_DIR, p)));

/** [B, 3, H, W] in [-1, 1] → image b as [H, W, 3] in [0, 1] (what the preview path does). */
function toUnitRgb(image: { data: Float32Array; dims: number[] }, b: number): Float32Array {
  const [, , H, W] = image.dims;
  const plane = H * W;
  const rgb = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) for (let i = 0; i < plane; i++) rgb[i * 3 + c] = Math.min(1, Math.max(0, image.data[(b * 3 + c) * plane + i] / 2 + 0.5));
  return rgb;
}

let decoder: TaesdPreviewDecoder;

beforeAll(async () => {
  decoder = await TaesdPreviewDecoder.load(createOrtWebBackend({ device: "wasm" }), { name: "taesd/vae_decoder/model.onnx", bytes: read("vae_decoder/model.onnx") });
});

describe("TAESD twin (onnxruntime-web wasm, Node)", () => {
  it("is what the twin script writes, byte for byte, with the catalogue export's IO names", () => {
    expect(read("vae_decoder/model.onnx")).toEqual(taesdTwinDecoder());
    expect(read("vae_encoder/model.onnx")).toEqual(taesdTwinEncoder());
    expect(decoder.session.inputs.latentSample.name).toBe("latent_sample");
    expect(decoder.session.outputs.sample.name).toBe("sample");
  });

  it("decodes a whole image (Fast quality) exactly as the Node computation of its layers", async () => {
    const dims = [2, 4, 6, 5];
    const latents = latentsLike(2, 6, 5);
    const got = await decoder.decodeImage(latents, dims);
    const want = taesdTwinReference(latents, dims);
    expect(got.dims).toEqual([2, 3, 48, 40]);
    let worst = 0;
    for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(got.data[i] - want.data[i]));
    expect(worst).toBeLessThan(1e-5);
    // Not a constant picture: the colours follow the latents.
    expect(Math.max(...got.data) - Math.min(...got.data)).toBeGreaterThan(0.5);
  });

  it("renders a preview thumbnail from latents shrunk to the preview size", async () => {
    const dims = [1, 4, 64, 48]; // a 512×384 image
    const latents = latentsLike(1, 64, 48, 2);
    const [thumb] = await new PreviewRenderer(decoder).render(latents, dims, 384, 512, 96);
    const small = shrinkLatents(latents, dims, PREVIEW_LATENT_SIDE);
    const reference = taesdTwinReference(small.data, small.dims);
    const want = resampleToRgba(toUnitRgb(reference, 0), reference.dims[3], reference.dims[2], 72, 96);
    expect({ width: thumb.width, height: thumb.height }).toEqual({ width: 72, height: 96 });
    let worst = 0;
    for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(thumb.data[i] - want.data[i]));
    expect(worst).toBeLessThanOrEqual(1); // uint8 rounding
  });
});
