/**
 * A NoiseSource that hands out recorded draws in order — the reference run's noise, so a
 * stochastic scheduler (or a whole pipeline) can be replayed value for value.
 */

import { SchedulerStateError, TensorShapeError } from "./errors";
import type { NoiseSource } from "./scheduler";
import { numelOf } from "./torch-generator";

export class ReplayNoise implements NoiseSource {
  private next = 0;

  constructor(private readonly draws: readonly Float32Array[]) {}

  /** Draws not handed out yet. */
  get remaining(): number {
    return this.draws.length - this.next;
  }

  randn(shape: readonly number[]): Float32Array {
    if (this.next >= this.draws.length) {
      throw new SchedulerStateError(
        `ReplayNoise: draw ${this.next + 1} was requested but only ${this.draws.length} were recorded.`,
      );
    }
    const draw = this.draws[this.next];
    const n = numelOf(shape);
    if (draw.length !== n) {
      throw new TensorShapeError(
        `ReplayNoise: draw ${this.next + 1} has ${draw.length} values but shape [${shape.join(", ")}] needs ${n}.`,
      );
    }
    this.next++;
    return draw.slice();
  }
}
