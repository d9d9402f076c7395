/**
 * Writes the tiny TAESD-shaped twin to test/fixtures/model-twins/taesd/fp32/ (run:
 * `npx tsx scripts/twins/make-taesd-twin.ts`): the layout, IO names and dtypes of the catalogue's
 * deinferno/taesd-onnx export, and TAESD's own topology at width 4 instead of 64.
 *
 * Facts and sources:
 *   - Files vae_decoder/model.onnx, vae_encoder/model.onnx (Hub tree of deinferno/taesd-onnx),
 *     Optimum's layout: latent_sample f32 [batch, 4, h, w] → sample f32 [batch, 3, 8h, 8w] and
 *     sample → latent_sample (src/engine/models/contracts.ts).
 *   - Layers: madebyollin/taesd taesd.py and diffusers DecoderTiny/EncoderTiny. Decoder:
 *     Clamp (tanh(x / 3) · 3), conv 4→C, ReLU, 3 × [3 Blocks, nearest ×2, conv C→C without bias],
 *     Block, conv C→3. Block(n, n) = ReLU(conv(ReLU(conv(ReLU(conv(x))))) + x). Encoder: conv
 *     3→C, Block, 3 × [stride-2 conv without bias, 3 Blocks], conv C→4.
 *   - Range: diffusers' DecoderTiny returns x · 2 − 1, so the export's sample is in [-1, 1] and its
 *     latents are the pipeline's scaled latents (TAESD's scale factor is 1, its README says).
 *
 * Weights (not random, so a preview through the twin looks like something and a test can compute
 * its output in Node): conv_in puts the SD 1.x latent→RGB projection (keturn's table, as
 * src/engine/preview/latent-rgb-projection.ts) on channels 0–2 as x / 2 + 0.5; each Block's last
 * conv is zero, so a Block passes its (non-negative) input on; the upsampling convs are identity
 * taps; conv_out maps the channels back to 2x − 1. So the twin's output is the projection of the
 * clamped latents, ≥ −1, repeated over 8×8 pixels: `taesdTwinReference` below computes it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SD1_LATENT_RGB } from "../../src/engine/preview/latent-rgb-projection";
import { encodeOnnxModel, type OnnxInitializer, type OnnxNode } from "../onnx/onnx-writer";

export const TAESD_TWIN_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/model-twins/taesd/fp32");

/** The twin's width (TAESD's is 64). */
const C = 4;

class Layers {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private n = 0;

  private tensor(prefix: string, dims: number[], values: Float32Array): string {
    const name = `${prefix}_${this.n++}`;
    this.initializers.push({ name, dims, data: values });
    return name;
  }

  op(op: string, inputs: string[], attributes?: OnnxNode["attributes"]): string {
    const out = `${op.toLowerCase()}_${this.n++}`;
    this.nodes.push({ op, inputs, outputs: [out], attributes });
    return out;
  }

  /** 3×3 conv (pad 1) whose kernel is zero except the centre tap centre[o][i]. */
  conv(x: string, centre: number[][], options: { bias?: number[]; stride?: number } = {}): string {
    const cout = centre.length;
    const cin = centre[0].length;
    const w = new Float32Array(cout * cin * 9); // [cout, cin, 3, 3]
    for (let o = 0; o < cout; o++) for (let i = 0; i < cin; i++) w[(o * cin + i) * 9 + 4] = centre[o][i];
    const inputs = [x, this.tensor("w", [cout, cin, 3, 3], w)];
    if (options.bias) inputs.push(this.tensor("b", [cout], Float32Array.from(options.bias)));
    const s = options.stride ?? 1;
    return this.op("Conv", inputs, { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [s, s] });
  }

  relu(x: string): string {
    return this.op("Relu", [x]);
  }

  /** TAESD's Block(C, C) with identity first convs and a zero last conv: passes a ReLU'd input on. */
  block(x: string): string {
    let h = this.relu(this.conv(x, identity(C), { bias: zeros(C) }));
    h = this.relu(this.conv(h, identity(C), { bias: zeros(C) }));
    h = this.conv(h, zerosMatrix(C, C), { bias: zeros(C) });
    return this.relu(this.op("Add", [h, x]));
  }

  scalar(value: number): string {
    return this.tensor("k", [], Float32Array.of(value));
  }

  upsample2x(x: string): string {
    return this.op("Resize", [x, "", this.tensor("scales", [4], Float32Array.of(1, 1, 2, 2))], { mode: "nearest", coordinate_transformation_mode: "asymmetric", nearest_mode: "floor" });
  }

  encode(name: string, input: string, inputDims: (number | string)[], output: string, outputDims: (number | string)[]): Uint8Array {
    this.nodes[this.nodes.length - 1].outputs = [output];
    return encodeOnnxModel({
      name,
      producer: "local-generative-fill twin",
      opset: 17,
      nodes: this.nodes,
      initializers: this.initializers,
      inputs: [{ name: input, type: "FLOAT", dims: inputDims }],
      outputs: [{ name: output, type: "FLOAT", dims: outputDims }],
    });
  }
}

const zeros = (n: number) => new Array<number>(n).fill(0);
const zerosMatrix = (rows: number, cols: number) => Array.from({ length: rows }, () => zeros(cols));
const identity = (n: number) => Array.from({ length: n }, (_, o) => zeros(n).map((_, i) => (i === o ? 1 : 0)));

export function taesdTwinDecoder(): Uint8Array {
  const g = new Layers();
  let x = g.op("Mul", [g.op("Tanh", [g.op("Div", ["latent_sample", g.scalar(3)])]), g.scalar(3)]); // Clamp
  // conv_in: channel k < 3 = projection_k(latent) / 2 + 0.5; channel 3 unused.
  const project = [0, 1, 2].map((k) => SD1_LATENT_RGB.weights.map((w) => w[k] / 2));
  x = g.relu(g.conv(x, [...project, zeros(4)], { bias: [0.5, 0.5, 0.5, 0] }));
  for (let stage = 0; stage < 3; stage++) {
    for (let i = 0; i < 3; i++) x = g.block(x);
    x = g.conv(g.upsample2x(x), identity(C));
  }
  x = g.block(x);
  g.conv(x, [0, 1, 2].map((k) => zeros(C).map((_, i) => (i === k ? 2 : 0))), { bias: [-1, -1, -1] }); // back to [-1, 1]
  return g.encode("taesd_twin_decoder", "latent_sample", ["batch_size", 4, "height_latent", "width_latent"], "sample", ["batch_size", 3, "height", "width"]);
}

export function taesdTwinEncoder(): Uint8Array {
  const g = new Layers();
  // sample in [-1, 1] → channels 0–2 = (x + 1) / 2 ≥ 0, so the ReLUs keep the colours.
  let x = g.conv("sample", [...identity(3).map((r) => r.map((v) => v / 2)), zeros(3)], { bias: [0.5, 0.5, 0.5, 0] });
  x = g.block(x);
  for (let stage = 0; stage < 3; stage++) {
    x = g.conv(x, identity(C), { stride: 2 });
    for (let i = 0; i < 3; i++) x = g.block(x);
  }
  g.conv(x, [0, 1, 2, 3].map((c) => [0.3, 0.2, 0.1, 0].map((v, i) => (i === c % 3 ? v + 0.5 : v))), { bias: [-0.5, -0.5, -0.5, -0.5] });
  return g.encode("taesd_twin_encoder", "sample", ["batch_size", 3, "height", "width"], "latent_sample", ["batch_size", 4, "height_latent", "width_latent"]);
}

/**
 * The twin decoder's output computed in Node: latents [B, 4, h, w] → [B, 3, 8h, 8w].
 * out = 2 · max(0, P(clamp(x)) / 2 + 0.5) − 1, P the SD 1.x projection, clamp(x) = 3 tanh(x / 3).
 */
export function taesdTwinReference(latents: Float32Array, dims: readonly number[]): { data: Float32Array; dims: number[] } {
  const [batch, channels, h, w] = dims;
  const H = 8 * h;
  const W = 8 * w;
  const out = new Float32Array(batch * 3 * H * W);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < 3; k++) {
          let v = 0.5;
          for (let c = 0; c < channels; c++) v += (SD1_LATENT_RGB.weights[c][k] / 2) * 3 * Math.tanh(latents[((b * channels + c) * h + y) * w + x] / 3);
          const value = 2 * Math.max(0, v) - 1;
          for (let dy = 0; dy < 8; dy++) out.fill(value, ((b * 3 + k) * H + 8 * y + dy) * W + 8 * x, ((b * 3 + k) * H + 8 * y + dy) * W + 8 * x + 8);
        }
      }
    }
  }
  return { data: out, dims: [batch, 3, H, W] };
}

export function writeTaesdTwin(dir = TAESD_TWIN_DIR): string[] {
  const files: [string, Uint8Array][] = [
    ["vae_decoder/model.onnx", taesdTwinDecoder()],
    ["vae_encoder/model.onnx", taesdTwinEncoder()],
  ];
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return files.map(([p]) => p);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of writeTaesdTwin()) console.log(`wrote ${join(TAESD_TWIN_DIR, path)}`);
}
