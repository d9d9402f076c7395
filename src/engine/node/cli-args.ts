/**
 * genfill's command line → checked options, before anything is loaded. Every mistake is one
 * CliUsageError sentence that names the option and what to type instead; nothing here touches the
 * disk or the model.
 */
import { parseArgs } from "node:util";
import type { Seed } from "../../core/torch-generator";

export class CliUsageError extends Error {
  override name = "CliUsageError";
}

export const USAGE = `Usage: genfill --model-dir DIR (--prompt TEXT | --token-ids 0,17,345,2) [--image in.png [--mask mask.png]] --out DIR
  --negative-prompt TEXT | --negative-token-ids IDS   (default: empty prompt; ids needed without a tokenizer)
  --strength 0.6   --steps 20   --guidance 7.5   --count 1..4   --seed N | --seeds 1,2,3
  --width 512 --height 512 (text-to-image)   --scheduler DDIMScheduler|EulerDiscreteScheduler|...
  --max-side N   (largest side the model works at; default: the model's own size, larger inputs are planned down)
  --raw          (with --image: write the model's output as generated, not resized back or composited with --mask)
  --memory-limit-mb N (default: 3/4 of the memory available now)
  --backend auto|wasm|node (default auto: onnxruntime-node when installed)   --threads N   --unet-batch N`;

const STRING_OPTIONS = [
  "model-dir", "prompt", "token-ids", "negative-prompt", "negative-token-ids", "image", "mask", "strength", "steps",
  "guidance", "count", "seed", "seeds", "width", "height", "scheduler", "backend", "threads", "unet-batch", "out",
  "max-side", "memory-limit-mb",
] as const;

type StringOption = (typeof STRING_OPTIONS)[number];

export interface CliOptions {
  modelDir: string;
  prompt?: string;
  tokenIds?: number[];
  negativePrompt?: string;
  negativeTokenIds?: number[];
  image?: string;
  mask?: string;
  raw: boolean;
  strength?: number;
  steps: number;
  guidance?: number;
  count?: number;
  seed?: Seed;
  seeds?: Seed[];
  width: number;
  height: number;
  scheduler?: string;
  backend: "auto" | "wasm" | "node";
  threads?: number;
  unetBatch?: number;
  out: string;
  maxSide?: number;
  memoryLimitMb?: number;
  help: boolean;
}

/**
 * node:util's parseArgs refuses `--strength -0.5` (a value that starts with a dash looks like an
 * option to it). A negative number after an option that takes a value is joined as `--opt=-0.5`.
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : "";
    const next = argv[i + 1];
    if ((STRING_OPTIONS as readonly string[]).includes(name) && next !== undefined && /^-(\d|\.\d|inf|Infinity|NaN)/i.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

function readRaw(argv: readonly string[]): { values: Partial<Record<StringOption, string>> & { raw?: boolean; help?: boolean } } {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = { raw: { type: "boolean" }, help: { type: "boolean", short: "h" } };
  for (const name of STRING_OPTIONS) options[name] = { type: "string" };
  try {
    return parseArgs({ args: joinNegativeValues(argv), options, strict: true, allowPositionals: false }) as never;
  } catch (error) {
    throw new CliUsageError(parseArgsSentence(error as Error & { code?: string }));
  }
}

/** parseArgs' multi-line messages → one sentence with the fix. */
function parseArgsSentence(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `Unknown option ${option ?? error.message}: check its spelling against the list below.`;
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const arg = /argument '([^']*)'/.exec(error.message)?.[1];
    return `Unexpected argument "${arg ?? "?"}": every value belongs after an option (put quotes around a prompt with spaces).`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `${option ?? "An option"} needs a value: write it as ${option ?? "--option"}=VALUE.`;
  return `${error.message.split("\n")[0]} (see the usage below).`;
}

function number(name: string, text: string | undefined, check: { min?: number; max?: number; integer?: boolean; above?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  const n = text.trim() === "" ? NaN : Number(text);
  const whole = check.integer ? "a whole number" : "a number";
  const range =
    check.above !== undefined && check.max !== undefined ? ` above ${check.above} and at most ${check.max}`
    : check.min !== undefined && check.max !== undefined ? ` from ${check.min} to ${check.max}`
    : check.min !== undefined ? ` of at least ${check.min}` : "";
  const bad = !Number.isFinite(n) || (check.integer && !Number.isInteger(n)) || (check.min !== undefined && n < check.min) ||
    (check.max !== undefined && n > check.max) || (check.above !== undefined && n <= check.above);
  if (bad) throw new CliUsageError(`--${name} must be ${whole}${range}; got "${text}".`);
  return n;
}

const TORCH_SEED_MIN = -(1n << 63n);
const TORCH_SEED_MAX = (1n << 64n) - 1n;

/** A seed as torch takes it: whole numbers in [-2^63, 2^64); beyond 2^53 kept exact as a BigInt. */
export function parseSeed(text: string, option = "seed"): Seed {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) throw new CliUsageError(`--${option}: "${text}" is not a whole number; seeds are whole numbers like 42.`);
  const big = BigInt(t);
  if (big < TORCH_SEED_MIN || big > TORCH_SEED_MAX) {
    throw new CliUsageError(`--${option}: ${t} is outside the seeds torch accepts (-2^63 to 2^64 - 1); use a smaller seed.`);
  }
  return big >= -(1n << 53n) && big <= 1n << 53n ? Number(big) : big;
}

/** "5,6,7" → seeds; an empty item (",", "5,,6", trailing comma) is refused rather than read as 0. */
export function parseSeedList(text: string): Seed[] {
  const items = text.split(",");
  const empty = items.findIndex((s) => s.trim() === "");
  if (empty >= 0) throw new CliUsageError(`--seeds "${text}" has an empty item (number ${empty + 1}); list whole numbers separated by commas, like 1,2,3.`);
  if (items.length > 4) throw new CliUsageError(`--seeds lists ${items.length} seeds; one run makes at most 4 images.`);
  return items.map((s) => parseSeed(s, "seeds"));
}

/** "0,17,345,2" → ids (checked against the vocabulary once the model folder is read). */
export function parseTokenIds(text: string, option: string): number[] {
  const items = text.split(",");
  if (items.some((s) => !/^\s*\d+\s*$/.test(s))) {
    throw new CliUsageError(`--${option} "${text}" must be whole numbers ≥ 0 separated by commas, like 0,17,345,2.`);
  }
  const ids = items.map(Number);
  if (ids.length > 77) throw new CliUsageError(`--${option} has ${ids.length} ids; the text encoder takes at most 77.`);
  return ids;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values: v } = readRaw(argv);
  const help = v.help === true;
  const modelDir = v["model-dir"];
  if (!help && !modelDir) throw new CliUsageError("--model-dir is required: give the folder that holds text_encoder/, unet/ and vae_decoder/.");
  if (v.prompt !== undefined && v["token-ids"] !== undefined) throw new CliUsageError("Give either --prompt or --token-ids, not both.");
  if (!help && v.prompt === undefined && v["token-ids"] === undefined) throw new CliUsageError("--prompt or --token-ids is required (an empty prompt is --prompt \"\").");
  if (v["negative-prompt"] !== undefined && v["negative-token-ids"] !== undefined) throw new CliUsageError("Give either --negative-prompt or --negative-token-ids, not both.");
  if (v.mask !== undefined && v.image === undefined) throw new CliUsageError("--mask needs --image: the mask marks the area of that image to repaint.");
  if (v.raw && v.image === undefined) throw new CliUsageError("--raw only applies with --image (text-to-image output already is the model's).");
  if (v.seed !== undefined && v.seeds !== undefined) throw new CliUsageError("Give either --seed (one generator for the batch) or --seeds (one per image), not both.");
  const backend = v.backend ?? "auto";
  if (backend !== "auto" && backend !== "wasm" && backend !== "node") throw new CliUsageError(`--backend must be auto, wasm or node; got "${backend}".`);
  const seeds = v.seeds !== undefined ? parseSeedList(v.seeds) : undefined;
  const count = number("count", v.count, { min: 1, max: 4, integer: true });
  if (seeds && count !== undefined && count !== seeds.length) {
    throw new CliUsageError(`--count ${count} does not match the ${seeds.length} seed(s) in --seeds; give one seed per image or leave --count out.`);
  }
  return {
    modelDir: modelDir ?? "",
    prompt: v.prompt,
    tokenIds: v["token-ids"] !== undefined ? parseTokenIds(v["token-ids"], "token-ids") : undefined,
    negativePrompt: v["negative-prompt"],
    negativeTokenIds: v["negative-token-ids"] !== undefined ? parseTokenIds(v["negative-token-ids"], "negative-token-ids") : undefined,
    image: v.image,
    mask: v.mask,
    raw: v.raw === true,
    strength: number("strength", v.strength, { above: 0, max: 1 }),
    steps: number("steps", v.steps ?? "20", { min: 1, max: 1000, integer: true })!,
    guidance: number("guidance", v.guidance, { min: 0, max: 100 }),
    count,
    seed: v.seed !== undefined ? parseSeed(v.seed) : undefined,
    seeds,
    width: number("width", v.width ?? "512", { min: 8, max: 16384, integer: true })!,
    height: number("height", v.height ?? "512", { min: 8, max: 16384, integer: true })!,
    scheduler: v.scheduler,
    backend,
    threads: number("threads", v.threads, { min: 1, max: 256, integer: true }),
    unetBatch: number("unet-batch", v["unet-batch"], { min: 1, max: 8, integer: true }),
    out: v.out ?? "out",
    maxSide: number("max-side", v["max-side"], { min: 64, max: 16384, integer: true }),
    memoryLimitMb: number("memory-limit-mb", v["memory-limit-mb"], { min: 1, integer: true }),
    help,
  };
}
