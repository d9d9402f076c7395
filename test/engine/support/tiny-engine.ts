/** The tiny-sd models as one engine (both UNets), for behaviour tests. */
import { join } from "node:path";
import { loadEngineFromSources } from "../../../src/engine/worker/engine-from-sources";
import { createOrtWebBackend, type OrtWebBackendOptions } from "../../../src/engine/runtime/ort-web-backend";
import type { PromptTokenizer } from "../../../src/engine/tokenizer-port";
import { SD15_DDIM } from "../../support/sd15-scheduler";
import { readGrayPng, readRgbaPng } from "./png";
import { tinyCasesDir, tinySources } from "./tiny-models";

/** Re-exported for tests that build engines themselves. */
export { SD15_DDIM };

export async function loadTinyEngine(options: { backend?: OrtWebBackendOptions; tokenizer?: PromptTokenizer; withInpaintUnet?: boolean } = {}) {
  const backend = createOrtWebBackend(options.backend);
  return loadEngineFromSources(backend, tinySources(options), { schedulerConfig: SD15_DDIM, tokenizer: options.tokenizer });
}

/** The tiny vocabulary's ids (BOS 0, EOS 2, padded with EOS to 77), from the fixture README. */
export function tinyIds(...content: number[]): { inputIds: Int32Array } {
  const ids = new Int32Array(77).fill(2);
  ids[0] = 0;
  ids.set(content.slice(0, 75), 1);
  ids[Math.min(content.length, 75) + 1] = 2;
  return { inputIds: ids };
}

/** A 64×64 input image and a rectangle mask from the fixture cases. */
export function fixtureImage() {
  return readRgbaPng(join(tinyCasesDir, "inpaint_ddim_rect", "input_image.png"));
}
export function fixtureMask() {
  return readGrayPng(join(tinyCasesDir, "inpaint_ddim_rect", "mask.png"));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
