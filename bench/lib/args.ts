/**
 * `npm run bench -- [flags]`:
 *   --quick            64² tiny models, Node wasm only, one run per stage (the test uses it)
 *   --model-dir DIR    also measure a real model folder (diffusers/Optimum ONNX layout)
 *   --size N           image side for --model-dir (default 512)
 *   --taesd-dir DIR    a TAESD ONNX export (vae_encoder/, vae_decoder/); default: synthetic TAESD graph
 *   --steps N          denoising steps of the fill ("total"), default 4 (quick: 2)
 *   --no-browser       skip Chromium;  --no-ort-node  skip onnxruntime-node;  --no-variations
 *   --out FILE         JSON path (default bench/results/bench-<timestamp>.json)
 *   --budget-s N       stop starting stages after N seconds (default 270: the command must end in 5 min)
 */
export interface BenchArgs {
  quick: boolean;
  modelDir: string | null;
  size: number;
  taesdDir: string | null;
  steps: number;
  browser: boolean;
  ortNode: boolean;
  variations: boolean;
  out: string | null;
  budgetSeconds: number;
}

export class BenchUsageError extends Error {
  override name = "BenchUsageError";
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, modelDir: null, size: 512, taesdDir: null, steps: 0, browser: true, ortNode: true, variations: true, out: null, budgetSeconds: 270 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new BenchUsageError(`${flag} needs a value (see bench/lib/args.ts).`);
      return v;
    };
    const positiveInt = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`${flag} must be a whole number ≥ 1.`);
      return n;
    };
    switch (flag) {
      case "--quick": args.quick = true; break;
      case "--model-dir": args.modelDir = value(); break;
      case "--size": args.size = positiveInt(); break;
      case "--taesd-dir": args.taesdDir = value(); break;
      case "--steps": args.steps = positiveInt(); break;
      case "--no-browser": args.browser = false; break;
      case "--no-ort-node": args.ortNode = false; break;
      case "--no-variations": args.variations = false; break;
      case "--out": args.out = value(); break;
      case "--budget-s": args.budgetSeconds = positiveInt(); break;
      default: throw new BenchUsageError(`Unknown flag ${flag}. Flags: --quick, --model-dir DIR, --size N, --taesd-dir DIR, --steps N, --no-browser, --no-ort-node, --no-variations, --out FILE, --budget-s N.`);
    }
  }
  if (args.size % 8 !== 0) throw new BenchUsageError(`--size must be a multiple of 8 (got ${args.size}).`);
  if (args.steps === 0) args.steps = args.quick ? 2 : 4;
  if (args.quick) {
    args.browser = false;
    args.ortNode = false;
  }
  return args;
}
