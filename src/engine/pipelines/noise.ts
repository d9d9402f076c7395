/**
 * Where a run's random numbers come from, following diffusers' `generator` argument: one source
 * draws the whole batch at once; a list draws each image's slice from its own source, so an image
 * made with seeds[k] is the same whether it was generated alone or among others.
 */
import type { NoiseSource } from "../../core/scheduler";
import { ReplayNoise } from "../../core/replay-noise";
import { TorchGenerator, type Seed } from "../../core/torch-generator";
import { InvalidInputError } from "../errors";

/** A batch draw [B, ...] built from one [1, ...] draw per source (torch.cat of per-generator draws). */
export class PerImageNoise implements NoiseSource {
  constructor(private readonly sources: readonly NoiseSource[]) {}

  randn(shape: readonly number[]): Float32Array {
    if (shape[0] !== this.sources.length) {
      throw new InvalidInputError(`A noise draw for a batch of ${shape[0]} was asked from ${this.sources.length} per-image sources.`);
    }
    const itemShape = [1, ...shape.slice(1)];
    const itemSize = itemShape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(itemSize * this.sources.length);
    this.sources.forEach((source, k) => out.set(source.randn(itemShape), k * itemSize));
    return out;
  }
}

export interface NoiseChoice {
  noise?: NoiseSource | NoiseSource[];
  /** Replayed draws (the request's noiseDraws): a fresh replay per run, so a fallback re-run draws the same. */
  noiseDraws?: Float32Array[];
  seeds?: Seed[];
  seed?: Seed;
}

export const MAX_IMAGES_PER_PROMPT = 4;

/** Resolves the batch size and the noise source of a run; `seeds` is set when seeds decide the result. */
export function resolveNoise(given: NoiseChoice, numImagesPerPrompt: number | undefined): { batch: number; noise: NoiseSource; seeds: Seed[] | null } {
  const choice = { ...given, noise: given.noise ?? (given.noiseDraws ? new ReplayNoise(given.noiseDraws) : undefined) };
  const listLength = Array.isArray(choice.noise) ? choice.noise.length : choice.noise ? undefined : choice.seeds?.length;
  const batch = numImagesPerPrompt ?? listLength ?? 1;
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_IMAGES_PER_PROMPT) {
    throw new InvalidInputError(`Ask for 1 to ${MAX_IMAGES_PER_PROMPT} images at a time (got ${batch}).`);
  }
  if (listLength !== undefined && listLength !== batch) {
    throw new InvalidInputError(`${listLength} seeds/noise sources were given for ${batch} images; give one per image.`);
  }
  if (choice.noise) {
    return { batch, noise: Array.isArray(choice.noise) ? new PerImageNoise(choice.noise) : choice.noise, seeds: null };
  }
  if (choice.seeds) {
    return { batch, noise: new PerImageNoise(choice.seeds.map((s) => new TorchGenerator(s))), seeds: [...choice.seeds] };
  }
  if (choice.seed !== undefined) return { batch, noise: new TorchGenerator(choice.seed), seeds: null };
  const seeds = Array.from({ length: batch }, randomSeed);
  return { batch, noise: new PerImageNoise(seeds.map((s) => new TorchGenerator(s))), seeds };
}

function randomSeed(): number {
  const words = new Uint32Array(1);
  globalThis.crypto.getRandomValues(words);
  return words[0];
}
