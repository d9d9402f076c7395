/**
 * Writes the tiny twin of MI-GAN's published ONNX pipeline (andraniksargsyan/migan
 * `migan_pipeline_v2.onnx`) to test/fixtures/model-twins/migan-512-places2/fp32/ (run:
 * `npm run make-twin:migan`). Same file name, IO names, dtypes and dims as the real export; no
 * generator, so the real download/loading path, the pre/post-processing and the worker's "remove"
 * request run in CI without the 28 MB download.
 *
 * Real IO (Picsart-AI-Research/MI-GAN scripts/create_onnx_pipeline.py, opset 17):
 *   image uint8 [batch_size, 3, height, width] (RGB), mask uint8 [batch_size, 1, height, width]
 *   (255 = keep, 0 = fill) → result uint8 [batch_size, 3, height, width]; height/width dynamic.
 * Twin graph: keep = mask / 255; each hole pixel becomes the mean colour of the kept pixels, each
 * kept pixel stays; then EVERY pixel is raised by 3 (capped at 255). The real pipeline also
 * touches kept pixels next to the hole (its blend mask is the keep mask dilated and blurred), so
 * the +3 lets tests see that the engine pastes the result back only inside the hole.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeOnnxModel, type OnnxNode } from "../onnx/onnx-writer";

export const MIGAN_TWIN_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/model-twins/migan-512-places2/fp32");
export const MIGAN_TWIN_FILE = "migan_pipeline_v2.onnx";
/** What the twin adds to every pixel it returns (see above). */
export const MIGAN_TWIN_LIFT = 3;

const scalar = (name: string, value: number) => ({ name, dims: [1], data: Float32Array.from([value]) });

export function miganTwinGraph(): Uint8Array {
  const nodes: OnnxNode[] = [
    { op: "Cast", inputs: ["image"], outputs: ["image_f"], attributes: { to: 1 } },
    { op: "Cast", inputs: ["mask"], outputs: ["mask_f"], attributes: { to: 1 } },
    { op: "Div", inputs: ["mask_f", "c255"], outputs: ["keep"] },
    { op: "Mul", inputs: ["image_f", "keep"], outputs: ["known"] },
    { op: "ReduceMean", inputs: ["known"], outputs: ["known_mean"], attributes: { axes: [2, 3], keepdims: 1 } },
    { op: "ReduceMean", inputs: ["keep"], outputs: ["keep_mean"], attributes: { axes: [2, 3], keepdims: 1 } },
    { op: "Add", inputs: ["keep_mean", "eps"], outputs: ["keep_den"] },
    { op: "Div", inputs: ["known_mean", "keep_den"], outputs: ["fill_colour"] },
    { op: "Sub", inputs: ["one", "keep"], outputs: ["hole"] },
    { op: "Mul", inputs: ["fill_colour", "hole"], outputs: ["filled"] },
    { op: "Add", inputs: ["known", "filled"], outputs: ["composed"] },
    { op: "Add", inputs: ["composed", "lift"], outputs: ["lifted"] },
    { op: "Min", inputs: ["lifted", "c255"], outputs: ["capped"] },
    // + 0.5 then Cast (which truncates): rounds, and keeps integer values exact.
    { op: "Add", inputs: ["capped", "half"], outputs: ["rounded"] },
    { op: "Cast", inputs: ["rounded"], outputs: ["result"], attributes: { to: 2 } },
  ];
  return encodeOnnxModel({
    name: "migan_twin_pipeline",
    producer: "local-generative-fill twin",
    opset: 17,
    nodes,
    initializers: [scalar("c255", 255), scalar("eps", 1e-6), scalar("one", 1), scalar("lift", MIGAN_TWIN_LIFT), scalar("half", 0.5)],
    inputs: [
      { name: "image", type: "UINT8", dims: ["batch_size", 3, "height", "width"] },
      { name: "mask", type: "UINT8", dims: ["batch_size", 1, "height", "width"] },
    ],
    outputs: [{ name: "result", type: "UINT8", dims: ["batch_size", 3, "height", "width"] }],
  });
}

export function writeMiganTwin(dir = MIGAN_TWIN_DIR): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, MIGAN_TWIN_FILE);
  writeFileSync(path, miganTwinGraph());
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(`wrote ${writeMiganTwin()}`);
