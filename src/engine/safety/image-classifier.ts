/**
 * The image content filter: runs an ONNX image classifier (a Hugging Face image-classification
 * export such as the catalogue's "nsfw-vit-base") on every result and withholds the result when
 * a flagged label scores at or above its threshold.
 *
 * Labels, input size and normalisation come from the model's own config.json /
 * preprocessor_config.json (downloaded with it), never from guesses in code.
 */
import type { ExecutionBackend, InferenceSession } from "../runtime/backend";

export interface ClassifierConfig {
  /** Labels by output index (config.json `id2label`). */
  labels: string[];
  /** Input size the model expects (preprocessor_config.json `size`). */
  width: number;
  height: number;
  /** Pixel value scale before normalisation (`rescale_factor`, 1/255 for HF exports). */
  rescaleFactor: number;
  mean: [number, number, number];
  std: [number, number, number];
}

/** Reads the Hugging Face config.json + preprocessor_config.json of an image classifier. */
export function parseClassifierConfig(config: unknown, preprocessor: unknown): ClassifierConfig {
  const c = config as { id2label?: Record<string, string> };
  const p = preprocessor as {
    size?: number | { height?: number; width?: number; shortest_edge?: number };
    rescale_factor?: number;
    do_rescale?: boolean;
    do_normalize?: boolean;
    image_mean?: number[];
    image_std?: number[];
  };
  if (!c?.id2label || Object.keys(c.id2label).length === 0) throw new Error("classifier config.json has no id2label");
  const labels: string[] = [];
  for (const [index, label] of Object.entries(c.id2label)) labels[Number(index)] = label.toLowerCase();
  const size = typeof p?.size === "number" ? { height: p.size, width: p.size } : (p?.size ?? {});
  const height = size.height ?? (size as { shortest_edge?: number }).shortest_edge;
  const width = size.width ?? (size as { shortest_edge?: number }).shortest_edge;
  if (!height || !width) throw new Error("preprocessor_config.json has no usable size");
  const normalize = p.do_normalize !== false;
  return {
    labels,
    width,
    height,
    rescaleFactor: p.do_rescale === false ? 1 : (p.rescale_factor ?? 1 / 255),
    mean: normalize ? ((p.image_mean ?? [0.5, 0.5, 0.5]) as [number, number, number]) : [0, 0, 0],
    std: normalize ? ((p.image_std ?? [0.5, 0.5, 0.5]) as [number, number, number]) : [1, 1, 1],
  };
}

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row-major. */
  data: Uint8Array | Uint8ClampedArray;
}

export interface ImageVerdict {
  allowed: boolean;
  /** Softmax probability per label. */
  scores: Record<string, number>;
  flagged: { label: string; score: number; threshold: number }[];
  message: string | null;
}

/**
 * Classifies one image. `thresholds` maps label → minimum probability that withholds the result
 * (labels not listed are never flagged). A label in `thresholds` the model does not have is an
 * error: a silent typo would switch the filter off.
 */
export async function classifyImage(
  backend: ExecutionBackend,
  session: InferenceSession,
  image: RgbaImage,
  config: ClassifierConfig,
  thresholds: Record<string, number>,
): Promise<ImageVerdict> {
  for (const label of Object.keys(thresholds)) {
    if (!config.labels.includes(label)) throw new Error(`threshold for unknown label "${label}" (model labels: ${config.labels.join(", ")})`);
  }
  const pixels = toModelInput(image, config); // [1, 3, H, W] float32
  const input = backend.createTensor("float32", pixels, [1, 3, config.height, config.width]);
  const outputs = await session.run({ [session.inputNames[0]]: input });
  const logits = outputs[session.outputNames[0]].data as Float32Array; // [1, numLabels]
  if (logits.length !== config.labels.length) {
    throw new Error(`classifier gave ${logits.length} outputs for ${config.labels.length} labels`);
  }
  const probabilities = softmax(logits);
  const scores: Record<string, number> = {};
  config.labels.forEach((label, i) => (scores[label] = probabilities[i]));
  const flagged = Object.entries(thresholds)
    .filter(([label, threshold]) => scores[label] >= threshold)
    .map(([label, threshold]) => ({ label, score: scores[label], threshold }));
  return {
    allowed: flagged.length === 0,
    scores,
    flagged,
    message:
      flagged.length === 0
        ? null
        : `This result was withheld because the content filter rated it as ${flagged.map((f) => `"${f.label}" (${Math.round(f.score * 100)}%)`).join(", ")}. ` +
          `Try a different prompt or seed.`,
  };
}

/** Bilinear resize to the model's size, rescale and normalise, RGBA → planar RGB. */
export function toModelInput(image: RgbaImage, config: ClassifierConfig): Float32Array {
  const { width: W, height: H } = config;
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 4) {
    throw new Error(`image data does not match ${image.width}x${image.height} RGBA`);
  }
  const out = new Float32Array(3 * H * W);
  const sx = image.width / W;
  const sy = image.height / H;
  for (let y = 0; y < H; y++) {
    // Pixel-centre alignment, as PIL/torchvision resize do.
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => image.data[(yy * image.width + xx) * 4 + c];
        const top = p(y0, x0) * (1 - wx) + p(y0, x1) * wx;
        const bottom = p(y1, x0) * (1 - wx) + p(y1, x1) * wx;
        const value = (top * (1 - wy) + bottom * wy) * config.rescaleFactor;
        out[c * H * W + y * W + x] = (value - config.mean[c]) / config.std[c];
      }
    }
  }
  return out;
}

function softmax(logits: Float32Array): number[] {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
