/**
 * Graphs the fixtures do not have, built in memory with random weights:
 *
 * - TAESD encoder/decoder with exactly TAESD's layers (madebyollin/taesd `Encoder()`/`Decoder()`:
 *   64-channel 3×3 convs in residual Blocks, stride-2 convs down, nearest ×2 + conv up). A dense
 *   conv costs the same whatever its weights, so timing these measures TAESD's cost without
 *   downloading it. Their output is noise — never use them for pictures. A real TAESD export
 *   (`--taesd-dir`) replaces them when given.
 * - A conv throughput probe: one SD-sized conv (320→320, 3×3, on the 64×64 latent of a 512²
 *   image, the UNet's widest-resolution layer). Its GFLOP/s is what this backend reaches on the
 *   op that dominates SD, so real-model times are estimated from FLOPs ÷ this rate (a lower
 *   bound: real graphs also pay for norms, attention softmax and memory traffic).
 */
import { encodeOnnxModel, type OnnxGraph, type OnnxNode, type OnnxInitializer } from "../../scripts/onnx/onnx-writer";

/** Deterministic uniform noise in [-1, 1) (mulberry32), so every run builds the same bytes. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** Builds a float32 graph node by node, weights drawn from a seeded generator (same bytes every run). */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private counter = 0;
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = noise(seed);
  }

  private name(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** A float32 initializer of uniform noise in [-scale, scale). */
  weight(dims: number[], scale: number): string {
    const name = this.name("w");
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = this.random() * scale;
    this.initializers.push({ name, dims, data });
    return name;
  }

  /** A float32 initializer with the given values (e.g. GroupNorm's unit scale). */
  constant(dims: number[], values: Float32Array): string {
    const name = this.name("k");
    this.initializers.push({ name, dims, data: values });
    return name;
  }

  /** An int64 vector (Reshape's target shape). */
  ints(values: number[]): string {
    const name = this.name("i");
    this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  }

  scalar(value: number): string {
    const name = this.name("c");
    this.initializers.push({ name, dims: [], data: Float32Array.of(value) });
    return name;
  }

  op(op: string, inputs: string[], attributes?: OnnxNode["attributes"]): string {
    const output = this.name(op.toLowerCase());
    this.nodes.push({ op, inputs, outputs: [output], attributes });
    return output;
  }

  /** Conv2d(cin → cout, k×k) with He-like uniform weights (keeps activations finite and non-denormal). */
  conv(x: string, cin: number, cout: number, options: { kernel?: number; stride?: number; bias?: boolean } = {}): string {
    const k = options.kernel ?? 3;
    const pad = (k - 1) / 2;
    const w = this.weight([cout, cin, k, k], Math.sqrt(3 / (cin * k * k)));
    const inputs = [x, w];
    if (options.bias ?? true) inputs.push(this.weight([cout], 0.01));
    return this.op("Conv", inputs, { kernel_shape: [k, k], pads: [pad, pad, pad, pad], strides: [options.stride ?? 1, options.stride ?? 1] });
  }

  relu(x: string): string {
    return this.op("Relu", [x]);
  }

  /** TAESD's Block(n, n): relu(conv(relu(conv(relu(conv(x))))) + x). */
  block(x: string, channels: number): string {
    let h = this.relu(this.conv(x, channels, channels));
    h = this.relu(this.conv(h, channels, channels));
    h = this.conv(h, channels, channels);
    return this.relu(this.op("Add", [h, x]));
  }

  /** nn.Upsample(scale_factor=2), mode nearest. */
  upsample2x(x: string): string {
    const scales = this.name("scales");
    this.initializers.push({ name: scales, dims: [4], data: Float32Array.of(1, 1, 2, 2) });
    return this.op("Resize", [x, "", scales], { mode: "nearest", coordinate_transformation_mode: "asymmetric", nearest_mode: "floor" });
  }

  finish(name: string, input: { name: string; shape: (number | string)[] }, output: string, outputShape: (number | string)[]): Uint8Array {
    const graph: OnnxGraph = {
      name,
      nodes: this.nodes,
      initializers: this.initializers,
      inputs: [{ name: input.name, dims: input.shape }],
      outputs: [{ name: output, dims: outputShape }],
      producer: "local-generative-fill bench",
    };
    return encodeOnnxModel(graph);
  }
}

const C = 64; // TAESD's width everywhere

/** TAESD Decoder: latents [B, 4, h, w] (raw, not ÷ scaling factor) → image [B, 3, 8h, 8w] in about [0, 1]. */
export function buildTaesdDecoder(seed = 1): Uint8Array {
  const g = new GraphBuilder(seed);
  // Clamp(): tanh(x / 3) * 3
  let x = g.op("Mul", [g.op("Tanh", [g.op("Div", ["latent_sample", g.scalar(3)])]), g.scalar(3)]);
  x = g.relu(g.conv(x, 4, C));
  for (let stage = 0; stage < 3; stage++) {
    for (let i = 0; i < 3; i++) x = g.block(x, C);
    x = g.conv(g.upsample2x(x), C, C, { bias: false });
  }
  x = g.block(x, C);
  g.conv(x, C, 3);
  return renameLastOutput(g, "taesd_decoder", { name: "latent_sample", shape: ["batch", 4, "h", "w"] }, "sample", ["batch", 3, "H", "W"]);
}

/** TAESD Encoder: image [B, 3, H, W] in [0, 1] → latents [B, 4, H/8, W/8]. */
export function buildTaesdEncoder(seed = 2): Uint8Array {
  const g = new GraphBuilder(seed);
  let x = g.conv("sample", 3, C);
  x = g.block(x, C);
  for (let stage = 0; stage < 3; stage++) {
    x = g.conv(x, C, C, { stride: 2, bias: false });
    for (let i = 0; i < 3; i++) x = g.block(x, C);
  }
  g.conv(x, C, 4);
  return renameLastOutput(g, "taesd_encoder", { name: "sample", shape: ["batch", 3, "H", "W"] }, "latent_sample", ["batch", 4, "h", "w"]);
}

export const CONV_PROBE = { channels: 320, kernel: 3 } as const;

/** One Conv(320 → 320, 3×3, pad 1) on [1, 320, h, w]: the probe for attainable conv GFLOP/s. */
export function buildConvProbe(seed = 3): Uint8Array {
  const g = new GraphBuilder(seed);
  g.conv("x", CONV_PROBE.channels, CONV_PROBE.channels, { kernel: CONV_PROBE.kernel });
  return renameLastOutput(g, "conv_probe", { name: "x", shape: [1, CONV_PROBE.channels, "h", "w"] }, "y", [1, CONV_PROBE.channels, "h", "w"]);
}

/** FLOPs of one probe run on an h×w map (2 per multiply-add). */
export function convProbeFlops(h: number, w: number): number {
  const { channels, kernel } = CONV_PROBE;
  return 2 * channels * channels * kernel * kernel * h * w;
}

export function renameLastOutput(
  g: GraphBuilder,
  name: string,
  input: { name: string; shape: (number | string)[] },
  output: string,
  outputShape: (number | string)[],
): Uint8Array {
  g.nodes[g.nodes.length - 1].outputs = [output];
  return g.finish(name, input, output, outputShape);
}
