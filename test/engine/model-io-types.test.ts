/**
 * The model I/O adapter on graphs with the input types real exports use and the tiny fixtures do
 * not: float16 tensors, int64 token ids and timesteps, scalar / [1] timesteps, and an Optimum-style
 * `latent_parameters` VAE output (mean and log-variance). Built in memory, run by onnxruntime-web.
 */
import { describe, expect, it } from "vitest";
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
import { TextEncoderModel } from "../../src/engine/components/text-encoder";
import { UNetModel } from "../../src/engine/components/unet";
import { VaeEncoderModel } from "../../src/engine/components/vae";
import { ModelSignatureError } from "../../src/engine/errors";
import { fromFloat16Array, toFloat16Array } from "../../src/engine/io/float16";
import { ElemType, encodeOnnxModel, type Dim, type ElemTypeName } from "../../scripts/onnx/onnx-writer";

const backend = createOrtWebBackend();
const int64s = (...values: number[]) => BigInt64Array.from(values, BigInt);

/** out_sample = sample + timestep + mean(encoder_hidden_states), computed in fp32 between fp16 casts. */
function fakeUnet(timestepType: ElemTypeName, timestepDims: Dim[], floatType: ElemTypeName): Uint8Array {
  return encodeOnnxModel({
    name: "fake_unet",
    opset: 14,
    inputs: [
      { name: "sample", type: floatType, dims: ["batch", "channels", "height", "width"] },
      { name: "timestep", type: timestepType, dims: timestepDims },
      { name: "encoder_hidden_states", type: floatType, dims: ["batch", "sequence", 8] },
    ],
    outputs: [{ name: "out_sample", type: floatType, dims: ["batch", 4, "height", "width"] }],
    initializers: [{ name: "to_b111", dims: [4], data: int64s(-1, 1, 1, 1) }],
    nodes: [
      { op: "Cast", inputs: ["sample"], outputs: ["s32"], attributes: { to: ElemType.FLOAT } },
      { op: "Cast", inputs: ["encoder_hidden_states"], outputs: ["e32"], attributes: { to: ElemType.FLOAT } },
      { op: "Reshape", inputs: ["timestep", "to_b111"], outputs: ["t4"] },
      { op: "Cast", inputs: ["t4"], outputs: ["t32"], attributes: { to: ElemType.FLOAT } },
      { op: "ReduceMean", inputs: ["e32"], outputs: ["m3"], attributes: { axes: [1, 2], keepdims: 1 } },
      { op: "Reshape", inputs: ["m3", "to_b111"], outputs: ["m4"] },
      { op: "Add", inputs: ["s32", "t32"], outputs: ["st"] },
      { op: "Add", inputs: ["st", "m4"], outputs: ["o32"] },
      { op: "Cast", inputs: ["o32"], outputs: ["out_sample"], attributes: { to: ElemType[floatType] } },
    ],
  });
}

describe("model I/O adapter conversions", () => {
  it("runs an fp16 UNet with an int64 [B] timestep, converting both ways", async () => {
    const unet = await UNetModel.load(backend, { name: "fp16-unet.onnx", bytes: fakeUnet("INT64", ["batch"], "FLOAT16") });
    expect(unet.inChannels).toBe(4); // probed with an fp16 run
    expect(unet.session.inputs.sample.type).toBe("float16");
    const batch = 2;
    const sample = Float32Array.from({ length: batch * 4 * 2 * 3 }, (_, i) => i * 0.37 - 3);
    const hidden = new Float32Array(batch * 77 * 8).fill(0.25);
    const out = await unet.predictNoise(sample, [batch, 4, 2, 3], 981, hidden, [batch, 77, 8]);
    // What the graph computes from fp16-rounded inputs, rounded to fp16 again.
    const expected = fromFloat16Array(toFloat16Array(fromFloat16Array(toFloat16Array(sample)).map((s) => s + 981 + 0.25)));
    expect([...out]).toEqual([...expected]);
  });

  it("feeds scalar and [1]-shaped timesteps as the model declares them", async () => {
    for (const dims of [[], [1]] as Dim[][]) {
      const unet = await UNetModel.load(backend, { name: `scalar-t${dims.length}.onnx`, bytes: fakeUnet("FLOAT", dims, "FLOAT") }, { inChannels: 4 });
      const out = await unet.predictNoise(new Float32Array(2 * 4), [2, 4, 1, 1], 499.5, new Float32Array(2 * 77 * 8), [2, 77, 8]);
      expect([...out]).toEqual(new Array(8).fill(499.5));
    }
  });

  it("refuses a UNet with a fixed batch other than the run's, naming file and tensor", async () => {
    const unet = await UNetModel.load(backend, { name: "fixed-batch.onnx", bytes: fakeUnet("FLOAT", [3], "FLOAT") }, { inChannels: 4 });
    const error = await unet.predictNoise(new Float32Array(8), [2, 4, 1, 1], 1, new Float32Array(2 * 77 * 8), [2, 77, 8]).catch((e) => e);
    expect(error).toBeInstanceOf(ModelSignatureError);
    expect(error.message).toMatch(/fixed-batch\.onnx.*"timestep".*fixed batch of 3/);
  });

  it("feeds int64 token ids and reads an fp16 last_hidden_state", async () => {
    const model = encodeOnnxModel({
      name: "test_graph",
      opset: 14,
      inputs: [{ name: "input_ids", type: "INT64", dims: ["batch", "sequence"] }],
      outputs: [{ name: "last_hidden_state", type: "FLOAT16", dims: ["batch", "sequence", 1] }],
      initializers: [{ name: "to_bs1", dims: [3], data: int64s(0, 0, 1) }],
      nodes: [
        { op: "Cast", inputs: ["input_ids"], outputs: ["f"], attributes: { to: ElemType.FLOAT16 } },
        { op: "Reshape", inputs: ["f", "to_bs1"], outputs: ["last_hidden_state"] },
      ],
    });
    const encoder = await TextEncoderModel.load(backend, { name: "int64-text-encoder.onnx", bytes: model });
    expect(encoder.session.inputs.inputIds.type).toBe("int64");
    const ids = Int32Array.from({ length: 77 }, (_, i) => (i * 97) % 2048);
    const out = await encoder.encode(ids);
    expect(out.dims).toEqual([1, 77, 1]);
    expect([...out.data]).toEqual([...ids]);
  });

  it("takes the mean half of an 8-channel latent_parameters VAE output", async () => {
    const model = encodeOnnxModel({
      name: "test_graph",
      opset: 14,
      inputs: [{ name: "sample", type: "FLOAT", dims: ["batch", 3, "height", "width"] }],
      outputs: [{ name: "latent_parameters", type: "FLOAT", dims: ["batch", 8, "h", "w"] }],
      initializers: [{ name: "starts", dims: [1], data: int64s(0) }, { name: "ends", dims: [1], data: int64s(8) }, { name: "axes", dims: [1], data: int64s(1) }],
      nodes: [
        { op: "AveragePool", inputs: ["sample"], outputs: ["p"], attributes: { kernel_shape: [8, 8], strides: [8, 8] } },
        { op: "Neg", inputs: ["p"], outputs: ["np"] },
        { op: "Concat", inputs: ["p", "np", "p"], outputs: ["c9"], attributes: { axis: 1 } },
        { op: "Slice", inputs: ["c9", "starts", "ends", "axes"], outputs: ["latent_parameters"] },
      ],
    });
    const vae = await VaeEncoderModel.load(backend, { name: "optimum-vae-encoder.onnx", bytes: model });
    const image = new Float32Array(2 * 3 * 8 * 8);
    for (let b = 0; b < 2; b++) for (let c = 0; c < 3; c++) image.fill(b * 10 + c + 1, (b * 3 + c) * 64, (b * 3 + c + 1) * 64);
    const mean = await vae.encodeMean(image, [2, 3, 8, 8]);
    expect(mean.dims).toEqual([2, 4, 1, 1]);
    expect([...mean.data]).toEqual([1, 2, 3, -1, 11, 12, 13, -11]); // channels p0, p1, p2, −p0 of each image
  });
});
