/**
 * What Stable Diffusion starts from inside the hole (issue 17 item 3). With a prompt at full
 * strength the model paints the hole from noise and the start hardly matters: the smooth push-pull
 * fill ("blur"). When the run keeps part of the start image (strength < 1) or has no prompt to
 * follow, the start's content survives into the result, so the candidates were "blur" and the
 * built-in exemplar fill ("exemplar", texture continued from the surroundings).
 *
 * Measured (`npm run bench:sd-prefill`, the removal photos, 6 seeded holes each, model size 256),
 * with the built-in fill as it is now (the image's own choice of smooth guess, self-check.ts): the
 * exemplar start scores better inside the hole on every score and photo — PSNR 12.76 / 20.01 /
 * 16.76 dB against blur's 12.03 / 19.36 / 16.02, SSIM 0.365 / 0.516 / 0.500 against 0.257 / 0.485
 * / 0.465, seam 0.08 / 0.08 / 0.28 against 0.22 / 0.21 / 0.34 — for 180–300 ms of fill in the
 * engine worker (remove-prefill.ts), against 10–30 ms. So "exemplar" is the default for these
 * runs (until 2026-12-02 the fill scored worse and "blur" was). What the bench cannot show: a real
 * SD's output from either start (the tiny SD has random weights; it only shows that the start
 * reaches the result).
 */
import type { RegionPrefill } from "../../imaging/fill";
import { DEFAULT_PREFILL } from "../../imaging/prefill";

/** The start for runs that keep part of the start image or follow no prompt (chosen by bench/sd-prefill.ts). */
export const SURROUNDINGS_PREFILL: RegionPrefill = "exemplar";

export function sdPrefillFor(strength: number, prompt: string): RegionPrefill {
  return strength < 1 || prompt.trim() === "" ? SURROUNDINGS_PREFILL : DEFAULT_PREFILL;
}
