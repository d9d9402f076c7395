/**
 * Writes the tiny random-weight twin of Xenova/slimsam-77-uniform to
 * test/fixtures/model-twins/slimsam-77-uniform/int8/ (run: `npm run make-twin:slimsam`). Same file layout, IO
 * names, dtypes and dims as the real export; trivial weights, so the real loading path, pre/post
 * processing and the worker's "segment" request run in CI without the 14 MB download.
 *
 * Real IO (transformers.js models/sam/modeling_sam.js; the Hub's onnx/ listing @ d827ef0):
 *   vision_encoder_quantized.onnx
 *     pixel_values f32 [batch_size, 3, 1024, 1024]
 *       → image_embeddings f32 [batch_size, 256, 64, 64], image_positional_embeddings f32 [batch_size, 256, 64, 64]
 *   prompt_encoder_mask_decoder_quantized.onnx
 *     image_embeddings, image_positional_embeddings f32 [batch_size, 256, 64, 64],
 *     input_points f32 [batch_size, point_batch_size, nb_points, 2], input_labels i64 [batch_size, point_batch_size, nb_points]
 *       → iou_scores f32 [batch_size, point_batch_size, 3], pred_masks f32 [batch_size, point_batch_size, 3, 256, 256]
 * Twin graphs: encoder = 16×16 average pool + two 1×1 convolutions (3 → 256); decoder = channel
 * means of both embeddings → 1×1 conv to 3 masks → 4× bilinear upsample to 256², plus a bias from
 * the points and labels (so every input is used), iou = mean of each mask.
 * Deterministic: weights come from a fixed-seed generator, so the files are byte-identical per run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeOnnxModel, type OnnxNode } from "../onnx/onnx-writer";

export const SLIMSAM_TWIN_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/model-twins/slimsam-77-uniform/int8");

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

const floats = (n: number, rnd: () => number, scale = 1) => Float32Array.from({ length: n }, () => rnd() * scale);

export function slimsamTwinEncoder(): Uint8Array {
  const rnd = random(77);
  const nodes: OnnxNode[] = [
    { op: "AveragePool", inputs: ["pixel_values"], outputs: ["pooled"], attributes: { kernel_shape: [16, 16], strides: [16, 16] } },
    { op: "Conv", inputs: ["pooled", "w_embed", "b_embed"], outputs: ["image_embeddings"] },
    { op: "Conv", inputs: ["pooled", "w_pos", "b_pos"], outputs: ["image_positional_embeddings"] },
  ];
  return encodeOnnxModel({
    name: "slimsam_twin_vision_encoder",
    producer: "local-generative-fill twin",
    opset: 13,
    nodes,
    initializers: [
      { name: "w_embed", dims: [256, 3, 1, 1], data: floats(768, rnd) },
      { name: "b_embed", dims: [256], data: floats(256, rnd, 0.1) },
      { name: "w_pos", dims: [256, 3, 1, 1], data: floats(768, rnd) },
      { name: "b_pos", dims: [256], data: floats(256, rnd, 0.1) },
    ],
    inputs: [{ name: "pixel_values", type: "FLOAT", dims: ["batch_size", 3, 1024, 1024] }],
    outputs: [
      { name: "image_embeddings", type: "FLOAT", dims: ["batch_size", 256, 64, 64] },
      { name: "image_positional_embeddings", type: "FLOAT", dims: ["batch_size", 256, 64, 64] },
    ],
  });
}

export function slimsamTwinDecoder(): Uint8Array {
  const rnd = random(78);
  const nodes: OnnxNode[] = [
    { op: "ReduceMean", inputs: ["image_embeddings"], outputs: ["e"], attributes: { axes: [1], keepdims: 1 } },
    { op: "ReduceMean", inputs: ["image_positional_embeddings"], outputs: ["pe"], attributes: { axes: [1], keepdims: 1 } },
    { op: "Add", inputs: ["e", "pe"], outputs: ["s"] },
    { op: "Conv", inputs: ["s", "w_mask", "b_mask"], outputs: ["m3"] },
    { op: "Resize", inputs: ["m3", "", "scales"], outputs: ["up"], attributes: { mode: "linear" } },
    { op: "ReduceMean", inputs: ["input_points"], outputs: ["pm"], attributes: { keepdims: 1 } },
    { op: "Cast", inputs: ["input_labels"], outputs: ["lf"], attributes: { to: 1 } },
    { op: "ReduceMean", inputs: ["lf"], outputs: ["lm"], attributes: { keepdims: 1 } },
    { op: "Mul", inputs: ["pm", "point_scale"], outputs: ["pb"] },
    { op: "Mul", inputs: ["lm", "label_scale"], outputs: ["lb"] },
    { op: "Add", inputs: ["pb", "lb"], outputs: ["bias"] },
    { op: "Add", inputs: ["up", "bias"], outputs: ["logits"] },
    { op: "Unsqueeze", inputs: ["logits", "axis1"], outputs: ["pred_masks"] },
    { op: "ReduceMean", inputs: ["pred_masks"], outputs: ["iou_scores"], attributes: { axes: [3, 4], keepdims: 0 } },
  ];
  return encodeOnnxModel({
    name: "slimsam_twin_prompt_encoder_mask_decoder",
    producer: "local-generative-fill twin",
    opset: 13,
    nodes,
    initializers: [
      { name: "w_mask", dims: [3, 1, 1, 1], data: floats(3, rnd, 4) },
      { name: "b_mask", dims: [3], data: floats(3, rnd, 0.5) },
      { name: "scales", dims: [4], data: Float32Array.from([1, 1, 4, 4]) },
      { name: "point_scale", dims: [1], data: Float32Array.from([0.001]) },
      { name: "label_scale", dims: [1], data: Float32Array.from([0.1]) },
      { name: "axis1", dims: [1], data: BigInt64Array.from([1n]) },
    ],
    inputs: [
      { name: "image_embeddings", type: "FLOAT", dims: ["batch_size", 256, 64, 64] },
      { name: "image_positional_embeddings", type: "FLOAT", dims: ["batch_size", 256, 64, 64] },
      { name: "input_points", type: "FLOAT", dims: ["batch_size", "point_batch_size", "nb_points_per_image", 2] },
      { name: "input_labels", type: "INT64", dims: ["batch_size", "point_batch_size", "nb_points_per_image"] },
    ],
    outputs: [
      { name: "iou_scores", type: "FLOAT", dims: ["batch_size", "point_batch_size", 3] },
      { name: "pred_masks", type: "FLOAT", dims: ["batch_size", "point_batch_size", 3, 256, 256] },
    ],
  });
}

/** preprocessor_config.json as published for SlimSAM (nielsr/slimsam-50-uniform, Zigeng/SlimSAM-uniform-*; SamImageProcessor). */
export const SLIMSAM_PREPROCESSOR_CONFIG = {
  do_convert_rgb: true,
  do_normalize: true,
  do_pad: true,
  do_rescale: true,
  do_resize: true,
  image_mean: [0.485, 0.456, 0.406],
  image_processor_type: "SamImageProcessor",
  image_std: [0.229, 0.224, 0.225],
  pad_size: { height: 1024, width: 1024 },
  processor_class: "SamProcessor",
  resample: 2,
  rescale_factor: 0.00392156862745098,
  size: { longest_edge: 1024 },
};

export function writeSlimsamTwin(dir = SLIMSAM_TWIN_DIR): string[] {
  const files: [string, Uint8Array | string][] = [
    ["onnx/vision_encoder_quantized.onnx", slimsamTwinEncoder()],
    ["onnx/prompt_encoder_mask_decoder_quantized.onnx", slimsamTwinDecoder()],
    ["preprocessor_config.json", `${JSON.stringify(SLIMSAM_PREPROCESSOR_CONFIG, null, 2)}\n`],
  ];
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return files.map(([p]) => p);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of writeSlimsamTwin()) console.log(`wrote ${join(SLIMSAM_TWIN_DIR, path)}`);
}
