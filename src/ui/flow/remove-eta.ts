/**
 * The first Remove of a session has no measured fill time yet, so its ETA would read "estimating
 * time left" until the run ends (one "fill" stage per image, no steps in between). This gives a
 * size-based prior instead, used only until the session has measured a fill at this size
 * (generation-session.ts keeps the measured rates; progress-eta.ts prefers them).
 *
 * - Built-in fill: its cost grows with the hole (the smooth solves work on the hole and a ring
 *   around it). Anchored to `npm run bench`'s figure for one JS thread: a 512² region with a 20 %
 *   hole (52,429 hole pixels) in 0.80 s (README, "Remove: the built-in fill" speed table), plus a
 *   fixed part for the crop, masks and the transfer to and from the worker.
 * - MI-GAN: the graph resizes every crop to 512² inside itself (README of src/engine/removal), so one
 *   image costs about the same whatever the hole; the first one also opens the 28 MB session. The
 *   figure is a guess for the CPU (wasm, one thread); the first measurement replaces it.
 */
import type { GrayImage, RemovalEngineName } from "../../contract/worker-protocol";
import type { MeasuredRates } from "./progress-eta";

const BUILT_IN_FIXED_MS = 80;
const BUILT_IN_MS_PER_HOLE_PIXEL = 800 / 52_429;
const MIGAN_IMAGE_MS = 2500;

/** Expected ms for one image's fill with `engine` on this mask (its non-zero pixels are the hole). */
export function removeFillPriorMs(mask: GrayImage, engine: RemovalEngineName = "built-in"): number {
  if (engine === "migan") return MIGAN_IMAGE_MS;
  let hole = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i] > 0) hole++;
  return BUILT_IN_FIXED_MS + hole * BUILT_IN_MS_PER_HOLE_PIXEL;
}

/** The rates a Remove starts from: what this session measured, else the size-based prior. */
export function removeRates(measured: MeasuredRates | undefined, mask: GrayImage | undefined, engine: RemovalEngineName | undefined): MeasuredRates {
  if (measured?.fillMs !== undefined || !mask) return measured ?? {};
  return { ...measured, fillMs: removeFillPriorMs(mask, engine) };
}
