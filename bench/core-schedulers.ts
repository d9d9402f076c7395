/**
 * Cost of one scheduler step() on a [1, 4, 64, 64] float32 latent (a 512×512 image), for every
 * scheduler, with fresh output arrays and with caller-owned output buffers; plus scaleModelInput
 * and the seeded noise draw. Run: npx tsx bench/core-schedulers.ts
 */
import { performance } from "node:perf_hooks";
import { createScheduler, SCHEDULER_CLASS_NAMES } from "../src/core/create-scheduler";
import type { NoiseSource, SchedulerConfig } from "../src/core/scheduler";
import { TorchGenerator } from "../src/core/torch-generator";
import { SD15_SCHEDULER_CONFIG as SD15 } from "../src/engine/model-layout";

const SHAPE = [1, 4, 64, 64]; // [B, 4, H/8, W/8] float32
const N = SHAPE.reduce((a, b) => a * b, 1);
const STEPS = 25;
const RUNS = 8;

/** Noise that costs nothing, so the figures are the step's own maths. */
const freeNoise: NoiseSource = { randn: () => noiseBuffer };
const noiseBuffer = new TorchGenerator(1).randn(SHAPE);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function benchStep(className: string, extra: SchedulerConfig, reuseBuffers: boolean): { step: number; scale: number } {
  const scheduler = createScheduler({ ...SD15, ...extra }, { className });
  const modelOutput = new TorchGenerator(2).randn(SHAPE);
  const prevOut = new Float32Array(N);
  const predOut = new Float32Array(N);
  const scaleOut = new Float32Array(N);
  const stepTimes: number[] = [];
  const scaleTimes: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    scheduler.setTimesteps(STEPS);
    let latents: Float32Array = new TorchGenerator(3).randn(SHAPE).map((v) => v * scheduler.initNoiseSigma);
    for (const t of scheduler.timesteps) {
      const s0 = performance.now();
      scheduler.scaleModelInput(latents, t, reuseBuffers ? scaleOut : undefined);
      const s1 = performance.now();
      const out = scheduler.step(modelOutput, t, latents, {
        noise: freeNoise,
        shape: SHAPE,
        prevSampleOut: reuseBuffers ? prevOut : undefined,
        predOriginalSampleOut: reuseBuffers ? predOut : undefined,
      });
      const s2 = performance.now();
      if (run > 0) {
        scaleTimes.push(s1 - s0);
        stepTimes.push(s2 - s1);
      }
      latents = reuseBuffers ? latents : out.prevSample;
      if (reuseBuffers) latents.set(out.prevSample);
    }
  }
  return { step: median(stepTimes), scale: median(scaleTimes) };
}

const extras: Record<string, SchedulerConfig> = {
  DPMSolverMultistepScheduler: { use_karras_sigmas: true },
  LCMScheduler: { set_alpha_to_one: true },
};

console.log(`scheduler step() on [${SHAPE.join(", ")}] float32 (${N} values), median of ${RUNS}×${STEPS} steps`);
console.log("scheduler".padEnd(34), "step fresh".padStart(12), "step reused".padStart(12), "scaleInput".padStart(12));
for (const className of SCHEDULER_CLASS_NAMES) {
  const fresh = benchStep(className, extras[className] ?? {}, false);
  const reused = benchStep(className, extras[className] ?? {}, true);
  const ms = (v: number) => `${v.toFixed(3)} ms`.padStart(12);
  console.log(className.padEnd(34), ms(fresh.step), ms(reused.step), ms(reused.scale));
}

const g = new TorchGenerator(42);
const draws: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  g.randn(SHAPE);
  draws.push(performance.now() - t0);
}
console.log(`TorchGenerator.randn([${SHAPE.join(", ")}]): ${median(draws.slice(5)).toFixed(3)} ms`);
