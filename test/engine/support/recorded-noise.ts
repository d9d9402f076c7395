/** Replays a case's recorded random draws (noise_KK.bin) in call order, checking each shape. */
import { join } from "node:path";
import type { NoiseSource } from "../../../src/core/scheduler";
import { readFloat32 } from "../../support/fixture-dirs";

export interface NoiseDrawSpec {
  k: number;
  caller: string;
  file: string;
  shape: number[];
}

export class RecordedNoise implements NoiseSource {
  private next = 0;
  constructor(
    private readonly caseDir: string,
    private readonly draws: readonly NoiseDrawSpec[],
  ) {}

  randn(shape: readonly number[]): Float32Array {
    const draw = this.draws[this.next];
    if (!draw) throw new Error(`Noise draw ${this.next} of shape [${shape}] was asked for, but the reference run made only ${this.draws.length} draws.`);
    if (draw.shape.join(",") !== shape.join(",")) {
      throw new Error(`Noise draw ${this.next}: the port asked for shape [${shape}], the reference (${draw.caller}) drew [${draw.shape}].`);
    }
    this.next++;
    return readFloat32(join(this.caseDir, draw.file));
  }

  get used(): number {
    return this.next;
  }
}
