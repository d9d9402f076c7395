/**
 * Euler ancestral, as diffusers' EulerAncestralDiscreteScheduler: an Euler step down to σ_down,
 * then fresh noise of size σ_up, with σ_down² + σ_up² = σ_next². Draws noise on EVERY step
 * (the last one too, where σ_up = 0), so a seeded run consumes the generator like the reference.
 */

import { EulerFamilyScheduler } from "./euler-family";
import { interpOnIndexGrid } from "./numpy-like";
import { predOriginalFromSigma } from "./prediction";
import type { SchedulerConfig, SchedulerStepOutput, StepOptions } from "./scheduler";
import { drawStepNoise, outputBuffer, requireSameLength } from "./tensor-checks";
import { spacedTimesteps } from "./timesteps";

const f32 = Math.fround;

export class EulerAncestralDiscreteScheduler extends EulerFamilyScheduler {
  readonly className = "EulerAncestralDiscreteScheduler";

  constructor(config: SchedulerConfig) {
    // diffusers raises NotImplementedError for "sample" here.
    super(config, ["epsilon", "v_prediction"]);
  }

  protected buildSchedule(n: number): void {
    const timesteps = spacedTimesteps(this.timestepSpacing, this.numTrainTimesteps, n, this.stepsOffset, false);
    const sigmas = timesteps.map((t) => interpOnIndexGrid(t, this.trainSigmas));
    this.sigmaValues = Float32Array.from([...sigmas, 0]);
    this.fullTimesteps = timesteps.map(f32);
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): SchedulerStepOutput {
    this.requireSchedule();
    const len = requireSameLength(`${this.className} step`, modelOutput, sample);
    const index = this.ensureStepIndex(timestep);
    const sigmaFrom = this.sigmaAt(index);
    const sigmaTo = this.sigmaAt(index + 1);

    const from2 = f32(sigmaFrom * sigmaFrom);
    const to2 = f32(sigmaTo * sigmaTo);
    const sigmaUp = f32(Math.sqrt(f32(f32(to2 * f32(from2 - to2)) / from2)));
    const sigmaDown = f32(Math.sqrt(f32(to2 - f32(sigmaUp * sigmaUp))));
    const dt = f32(sigmaDown - sigmaFrom);

    const predOriginal = outputBuffer(options.predOriginalSampleOut, len, `${this.className} predOriginalSample`);
    predOriginalFromSigma(this.predictionType, modelOutput, sample, sigmaFrom, predOriginal);
    const noise = drawStepNoise(options, len, this.className);
    const prev = outputBuffer(options.prevSampleOut, len, `${this.className} prevSample`);
    for (let i = 0; i < len; i++) {
      const derivative = f32(f32(sample[i] - predOriginal[i]) / sigmaFrom);
      const x = f32(sample[i] + f32(derivative * dt));
      prev[i] = x + f32(noise[i] * sigmaUp);
    }
    this.currentStepIndex = index + 1;
    return { prevSample: prev, predOriginalSample: predOriginal };
  }
}
