/**
 * What Stable Diffusion starts from inside the hole (issue 17 item 3). With a prompt at full
 * strength the model paints the hole from noise and the start hardly matters: the smooth push-pull
 * fill ("blur"). When the run keeps part of the start image (strength < 1) or has no prompt to
 * follow, the start's content survives into the result, so the candidates were "blur" and the
 * built-in exemplar fill ("exemplar", texture continued from the surroundings).
 *
 * Measured (`npm run bench:sd-prefill`, the removal photos, 6 seeded holes each, model size 256):
 * the blur start scores better inside the hole than the exemplar start — PSNR 12.03 / 19.36 /
 * 16.02 dB against 11.65 / 18.83 / 15.69, seam 0.22 / 0.21 / 0.34 against 0.37 / 0.37 / 0.59;
 * SSIM on 2 of 3 photos — and costs 70–250 ms against 1.3–2.2 s of fill (made in the engine worker
 * when chosen: remove-prefill.ts). So "blur"
 * stays the default for these runs too; the switch below and the bench re-decide it when the
 * exemplar fill improves. What the bench cannot show: a real SD's output from either start (the
 * tiny SD has random weights; it only shows that the start reaches the result).
 */
import type { RegionPrefill } from "../../imaging/fill";
import { DEFAULT_PREFILL } from "../../imaging/prefill";

/** The start for runs that keep part of the start image or follow no prompt (chosen by bench/sd-prefill.ts). */
export const SURROUNDINGS_PREFILL: RegionPrefill = "blur";

export function sdPrefillFor(strength: number, prompt: string): RegionPrefill {
  return strength < 1 || prompt.trim() === "" ? SURROUNDINGS_PREFILL : DEFAULT_PREFILL;
}
