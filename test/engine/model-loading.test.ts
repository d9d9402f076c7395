import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
import { TextEncoderModel } from "../../src/engine/components/text-encoder";
import { UNetModel } from "../../src/engine/components/unet";
import { VaeDecoderModel, VaeEncoderModel } from "../../src/engine/components/vae";
import { ModelLoadError, ModelSignatureError } from "../../src/engine/errors";
import { readFloat32 } from "../support/fixture-dirs";
import { tinyCasesDir, tinyModel } from "./support/tiny-models";

const backend = createOrtWebBackend();

describe("loading SD components through the model I/O adapter", () => {
  it("detects 4- and 9-channel UNets although the channel axis is symbolic", async () => {
    const unet = await UNetModel.load(backend, tinyModel("unet"));
    const inpaint = await UNetModel.load(backend, tinyModel("unet_inpaint"));
    expect(unet.inChannels).toBe(4);
    expect(inpaint.inChannels).toBe(9);
    expect(unet.session.inputs.timestep.type).toBe("float32");
  });

  it("reproduces the recorded text-encoder output from the case's token ids", async () => {
    const encoder = await TextEncoderModel.load(backend, tinyModel("text_encoder"));
    const caseDir = join(tinyCasesDir, "img2img_ddim_cfg");
    const spec = JSON.parse(readFileSync(join(caseDir, "case.json"), "utf8"));
    const out = await encoder.encode(Int32Array.from(spec.token_ids.prompt));
    expect(out.dims).toEqual([1, 77, 32]);
    const expected = readFloat32(join(caseDir, "prompt_embeds.bin"));
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(out.data[i] - expected[i]));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it("names the file and the tensor when a component folder holds the wrong model", async () => {
    const wrong = { ...tinyModel("unet"), name: "text_encoder/model.onnx" };
    const error = await TextEncoderModel.load(backend, wrong).catch((e) => e);
    expect(error).toBeInstanceOf(ModelSignatureError);
    expect(error.message).toContain("text_encoder/model.onnx");
    expect(error.message).toContain('"input_ids"');
    expect(error.message).toContain('"sample"'); // lists what the file really has

    const encoderAsDecoder = await VaeDecoderModel.load(backend, { ...tinyModel("vae_encoder"), name: "vae_decoder/model.onnx" }).catch((e) => e);
    expect(encoderAsDecoder).toBeInstanceOf(ModelSignatureError);
    expect(encoderAsDecoder.message).toMatch(/vae_decoder\/model\.onnx.*"latent_sample"/);

    // A UNet in the VAE-encoder folder has inputs the encoder cannot feed: named too.
    const unetAsEncoder = await VaeEncoderModel.load(backend, { ...tinyModel("unet"), name: "vae_encoder/model.onnx" }).catch((e) => e);
    expect(unetAsEncoder).toBeInstanceOf(ModelSignatureError);
    expect(unetAsEncoder.message).toMatch(/vae_encoder\/model\.onnx.*"timestep"/);
  });

  it("reports a corrupt or missing file by name", async () => {
    const corrupt = await UNetModel.load(backend, { name: "unet/model.onnx", bytes: new Uint8Array([8, 1, 2, 3, 4, 5, 6]) }).catch((e) => e);
    expect(corrupt).toBeInstanceOf(ModelLoadError);
    expect(corrupt.message).toContain("unet/model.onnx");
    const missing = await UNetModel.load(backend, { name: "unet/model.onnx", url: "/nonexistent/unet/model.onnx" }).catch((e) => e);
    expect(missing).toBeInstanceOf(ModelLoadError);
    expect(missing.message).toContain("unet/model.onnx");
  });

  it("checks fixed dimensions before running: a text encoder of another width than the UNet expects", async () => {
    const unet = await UNetModel.load(backend, tinyModel("unet"));
    const run = unet.predictNoise(new Float32Array(4 * 64), [1, 4, 8, 8], 1, new Float32Array(77 * 768), [1, 77, 768]);
    await expect(run).rejects.toThrow(/unet\/model\.onnx.*"encoder_hidden_states".*\[batch, sequence, 32\]/);
  });
});
