/** Small guards and buffer helpers shared by the schedulers. */

import { SchedulerStateError, TensorShapeError } from "./errors";
import type { StepOptions } from "./scheduler";
import { numelOf } from "./torch-generator";

/** All arrays given to one call must have the same number of elements. */
export function requireSameLength(what: string, ...arrays: ArrayLike<number>[]): number {
  const n = arrays[0].length;
  for (const a of arrays) {
    if (a.length !== n) {
      throw new TensorShapeError(`${what}: tensors have ${n} and ${a.length} elements; they must have the same shape.`);
    }
  }
  if (n === 0) throw new TensorShapeError(`${what}: the tensors are empty.`);
  return n;
}

/**
 * The caller's output buffer when given (it may alias an input: every scheduler formula is
 * element-wise), else a fresh array that the caller then owns.
 */
export function outputBuffer(out: Float32Array | undefined, length: number, what: string): Float32Array {
  if (!out) return new Float32Array(length);
  if (out.length !== length) {
    throw new TensorShapeError(`${what}: output buffer has ${out.length} elements, expected ${length}.`);
  }
  return out;
}

/** A timestep that indexes the training schedule directly (DDIM, LCM, their add_noise). */
export function requireTrainTimestep(timestep: number, numTrainTimesteps: number): number {
  if (!Number.isInteger(timestep) || timestep < 0 || timestep >= numTrainTimesteps) {
    throw new SchedulerStateError(
      `Timestep ${String(timestep)} is not a whole number in [0, ${numTrainTimesteps - 1}]. ` +
        `Pass one of the scheduler's own timesteps.`,
    );
  }
  return timestep;
}

/** scaleModelInput of schedulers that do not scale: the sample itself, or a copy in `out`. */
export function identityScale(sample: Float32Array, out?: Float32Array): Float32Array {
  if (!out || out === sample) return sample;
  outputBuffer(out, sample.length, "scaleModelInput").set(sample);
  return out;
}

/**
 * The noise a stochastic step consumes: options.noise.randn(options.shape ?? [len]), checked to
 * have as many elements as the sample.
 */
export function drawStepNoise(options: StepOptions, len: number, who: string): Float32Array {
  if (!options.noise) {
    throw new SchedulerStateError(`${who} draws noise at this step: pass a NoiseSource as options.noise.`);
  }
  const shape = options.shape ?? [len];
  if (numelOf(shape) !== len) {
    throw new TensorShapeError(`${who}: options.shape [${shape.join(", ")}] does not have ${len} elements.`);
  }
  const noise = options.noise.randn(shape);
  if (noise.length !== len) {
    throw new TensorShapeError(`${who}: the noise source returned ${noise.length} values, expected ${len}.`);
  }
  return noise;
}
