/**
 * The FLOP side of the report: per-call FLOPs of the published models at 384² and 512², the
 * check against published counts, and what share of a whole run the VAE is (the "VAE is more than
 * half of CPU time for few-step models" claim, by arithmetic rather than by assertion).
 */
import { modelFlops, PUBLISHED_ARCHITECTURES, type ModelFlops } from "./flops";
import { round } from "./measure";

/**
 * onnx-tool (github.com/ThanatosShinji/onnx-tool, README "Model Zoo Results"): MACs of the SD 1.4
 * ONNX exports at 512², counting every op. The UNet export runs batch 2 (CFG), hence ÷ 2.
 */
export const PUBLISHED_SD14_GFLOP_512 = {
  source: "onnx-tool README (SD 1.4 ONNX, 512², all ops counted; MACs × 2; UNet exported at batch 2 → ÷ 2)",
  textEncoder: 6.782 * 2,
  unetCall: (888.87 * 2) / 2,
  vaeEncode: 566.371 * 2,
  vaeDecode: 1271.959 * 2,
};

export interface Scenario {
  name: string;
  model: keyof typeof PUBLISHED_ARCHITECTURES;
  unetCalls: (images: number) => number;
  images: number;
  vaeEncodes: number;
}

/** What the product asks for (README Models table): a restyle, 4 variations, a fill. */
export const SCENARIOS: Scenario[] = [
  { name: "SD-Turbo restyle, 2 steps × strength 0.5 = 1 step, no CFG", model: "SD-Turbo", images: 1, unetCalls: (n) => n, vaeEncodes: 1 },
  { name: "SD-Turbo 4 variations, 1 step, no CFG", model: "SD-Turbo", images: 4, unetCalls: (n) => n, vaeEncodes: 1 },
  { name: "LCM restyle, 4 steps × strength 0.6 = 2 steps, no CFG", model: "SD 1.5", images: 1, unetCalls: (n) => 2 * n, vaeEncodes: 1 },
  { name: "SD 1.5 inpainting fill, 20 steps, CFG (2 rows/step)", model: "SD 1.5 inpainting", images: 1, unetCalls: (n) => 40 * n, vaeEncodes: 1 },
];

export function flopsSection(sizes: readonly number[]) {
  const perModel: Record<string, Record<string, ModelFlops>> = {};
  for (const [name, arch] of Object.entries(PUBLISHED_ARCHITECTURES)) {
    perModel[name] = {};
    for (const s of sizes) perModel[name][`${s}`] = scale(modelFlops(arch, s, s), 1e-9);
  }
  const ours = perModel["SD 1.5"]["512"];
  const published = PUBLISHED_SD14_GFLOP_512;
  const check = Object.fromEntries(
    (["textEncoder", "unetCall", "vaeEncode", "vaeDecode"] as const).map((k) => [k, { ours: ours[k], published: round(published[k], 1), ratio: round(ours[k] / published[k], 3) }]),
  );
  const vaeShare = SCENARIOS.flatMap((scenario) =>
    sizes.map((s) => {
      const f = perModel[scenario.model][`${s}`];
      const unet = scenario.unetCalls(scenario.images) * f.unetCall;
      const vae = scenario.vaeEncodes * f.vaeEncode + scenario.images * f.vaeDecode;
      const taesd = scenario.vaeEncodes * f.taesdEncode + scenario.images * f.taesdDecode;
      return {
        scenario: scenario.name,
        size: s,
        unetGflop: round(unet, 1),
        vaeGflop: round(vae, 1),
        vaeShare: round(vae / (vae + unet + f.textEncoder), 3),
        vaeShareWithTaesd: round(taesd / (taesd + unet + f.textEncoder), 3),
      };
    }),
  );
  return { unit: "GFLOP per call, batch 1 (bench/lib/flops.ts)", perModel, checkAgainstPublished: { source: published.source, ...check }, vaeShare };
}

function scale(f: ModelFlops, k: number): ModelFlops {
  return Object.fromEntries(Object.entries(f).map(([key, v]) => [key, round(v * k, 1)])) as unknown as ModelFlops;
}
