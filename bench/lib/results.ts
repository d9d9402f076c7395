/**
 * The shape of bench/results/*.json. One `BenchRun` per (backend, model, size); every stage is
 * either measured (`status: "ok"` with finite times) or says why not (`"n/a"` + `reason`).
 */

export const STAGE_NAMES = [
  "modelLoad",
  "tokenize",
  "textEncoder",
  "unetStepBatch1",
  "unetStepBatch4",
  "vaeEncode",
  "vaeDecode",
  "taesdEncode",
  "taesdDecode",
  "imaging",
  "total",
] as const;

export type StageName = (typeof STAGE_NAMES)[number];

export interface MemorySample {
  /** Node: peak resident set size during the stage (VmHWM after a reset), MiB. */
  peakRssMiB?: number;
  /** Node: RSS after the stage, MiB. */
  rssMiB?: number;
  /** JS heap in use after the stage (Node heapUsed / Chromium performance.memory), MiB. */
  jsHeapMiB?: number;
  /** Chromium: performance.measureUserAgentSpecificMemory() after the stage, MiB (includes wasm memory). */
  uaMemoryMiB?: number;
}

export interface StageResult {
  status: "ok" | "n/a";
  reason?: string;
  /** Median wall time of the measured runs. */
  ms?: number;
  minMs?: number;
  runs?: number;
  /** Warm-up run (first session.run on this session), when made. */
  firstMs?: number;
  memory?: MemorySample;
  /** FLOPs of one run (architecture estimate, see bench/lib/flops.ts). */
  gflop?: number;
  /** gflop / ms: what this backend achieved on this stage. */
  gflopPerS?: number;
  /** What exactly ran, e.g. "unet_inpaint [4, 9, 64, 64]" or "synthetic TAESD (random weights)". */
  detail?: string;
}

export interface PipelineResult {
  mode: "inpaint" | "img2img" | "text-to-image";
  steps: number;
  guidanceScale: number;
  images: number;
  unetBatchSize: number;
  /** Fills measured; the figures below are from the one with the least time outside session.run. */
  runs?: number;
  totalMs: number;
  /** Inside session.run, from the engine's own hook (StageTimings.sessionRun). */
  sessionRunMs: number;
  /** The same, counted by the bench's timing decorator around the backend's sessions (cross-check). */
  decoratorSessionRunMs: number;
  sessionRunCalls: number;
  outsideRunMs: number;
  /** (total − inside session.run) / total. */
  overheadRatio: number;
  unetStepsMs: number[];
  /** outsideRunMs split: model wrappers (tensor conversion), denoise loop (scheduler, guidance), pre/post-processing. */
  outsideRunBreakdown: Record<string, number>;
  timings: Record<string, unknown>;
}

export interface VariationsResult {
  images: number;
  steps: number;
  guidanceScale: number;
  sequential: PipelineResult;
  batched: PipelineResult;
  /** backend.batching.maxUnetBatch: what StableDiffusionEngine uses when the caller says nothing. */
  engineUnetBatch: number;
  enginePicks: "sequential" | "batched";
  faster: "sequential" | "batched";
}

export interface BenchRun {
  /** "wasm" (onnxruntime-web in Node), "onnxruntime-node", "chromium-wasm", "chromium-webgpu". */
  backend: string;
  environment: "node" | "chromium";
  model: string;
  width: number;
  height: number;
  stages: Record<StageName, StageResult>;
  /** Per-model session creation times inside modelLoad. */
  modelLoadParts?: Record<string, number>;
  pipeline?: PipelineResult;
  variations?: VariationsResult;
  /** Conv throughput probe (320→320 3×3 on the latent grid), GFLOP/s: the op SD spends most FLOPs on. */
  convProbeGflopPerS?: number;
  notes: string[];
  error?: string;
  /** backend.batching.maxUnetBatch: the UNet batch the engine uses by default on this backend. */
  engineUnetBatch?: number;
  /** WebGPU on a software adapter (SwiftShader): figures check the harness, they are not GPU speed. */
  emulatedGpu?: boolean;
  /** Wall time of this whole run (all stages), ms. */
  wallMs?: number;
}

export interface TargetResult {
  name: string;
  status: "PASS" | "FAIL" | "n/a" | "info";
  detail: string;
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemGiB: number;
  loadAvgStart: number[];
  loadAvgEnd?: number[];
  chromium?: string;
}

export interface BenchReport {
  version: 1;
  startedAt: string;
  wallSeconds: number;
  argv: string[];
  quick: boolean;
  machine: MachineInfo;
  runs: BenchRun[];
  flops: Record<string, unknown>;
  targets: TargetResult[];
  notes: string[];
}

export function notApplicable(reason: string): StageResult {
  return { status: "n/a", reason };
}
