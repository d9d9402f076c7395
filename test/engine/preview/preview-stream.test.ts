/**
 * Live previews of a run (src/engine/preview/preview-stream.ts, preview-cadence.ts): which steps
 * TAESD decodes, the order previews are posted in, what they show (the x̂₀ pushed, decoded by the
 * TAESD twin and checked against the Node computation of its layers), the projection without
 * TAESD, and the fallback to it when the decoder fails.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { TaesdPreviewDecoder } from "../../../src/engine/preview/taesd-preview-decoder";
import { PreviewCadence } from "../../../src/engine/preview/preview-cadence";
import { PreviewStream, type PostedPreview } from "../../../src/engine/preview/preview-stream";
import { projectLatentsToRgb } from "../../../src/engine/preview/latent-rgb-projection";
import { resampleToRgba } from "../../../src/engine/preview/thumbnail";
import { TAESD_TWIN_DIR, taesdTwinReference } from "../../../scripts/twins/make-taesd-twin";
import { latentsLike } from "./latents-like";

/** A clock the test moves: each step takes `stepMs`, each decode `decodeMs` (fed to the cadence). */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Steps that take stepMs each, with a decode of decodeMs after every decoded step: which steps were decoded. */
function decodedSteps(steps: number, stepMs: number, decodeMs: number): number[] {
  const clock = fakeClock();
  const cadence = new PreviewCadence(clock.now);
  cadence.start();
  const decoded: number[] = [];
  for (let step = 1; step <= steps; step++) {
    clock.advance(stepMs);
    if (cadence.stepEnded()) {
      decoded.push(step);
      clock.advance(decodeMs); // the decode runs before the next UNet call
      cadence.decoded(decodeMs);
    }
  }
  return decoded;
}

describe("preview cadence", () => {
  it("decodes every step when a step is slower than a decode", () => {
    expect(decodedSteps(6, 300, 40)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("decodes every other step when a step is faster than a decode (the decode time is not counted as step time)", () => {
    expect(decodedSteps(7, 50, 80)).toEqual([1, 3, 5, 7]);
    // 100 ms steps with 90 ms decodes: the interval is 190 ms but the step itself is 100 ms.
    expect(decodedSteps(5, 100, 90)).toEqual([1, 2, 3, 4, 5]);
  });
});

let taesd: TaesdPreviewDecoder;
const DIMS = [2, 4, 8, 8]; // two 64² images
const step = (s: number, totalSteps = 4) => ({ step: s, totalSteps, predOriginalSample: latentsLike(2, 8, 8, s), latentShape: DIMS });

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(join(TAESD_TWIN_DIR, "vae_decoder/model.onnx")));
  taesd = await TaesdPreviewDecoder.load(createOrtWebBackend({ device: "wasm" }), { name: "taesd/vae_decoder/model.onnx", bytes });
});

function stream(decoder: TaesdPreviewDecoder | null, cadence?: PreviewCadence, signal = new AbortController().signal) {
  const posted: PostedPreview[] = [];
  const warnings: string[] = [];
  const s = new PreviewStream({ decoder, maxSize: 32, signal, cadence, onPreview: (p) => posted.push(p), onWarning: (m) => warnings.push(m) });
  s.start();
  return { s, posted, warnings };
}

/** Image b of x̂₀ through the twin, as the 32² thumbnail the panel gets. */
function expectedTaesdThumb(x0: Float32Array, b: number) {
  const image = taesdTwinReference(x0, DIMS); // [2, 3, 64, 64] in [-1, 1]
  const plane = 64 * 64;
  const rgb = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) for (let i = 0; i < plane; i++) rgb[i * 3 + c] = Math.min(1, Math.max(0, image.data[(b * 3 + c) * plane + i] / 2 + 0.5));
  return resampleToRgba(rgb, 64, 64, 32, 32);
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe("preview stream", () => {
  it("decodes the pushed x̂₀ with TAESD and posts every step in order (steps slower than decodes)", async () => {
    const clock = fakeClock();
    const { s, posted, warnings } = stream(taesd, new PreviewCadence(clock.now));
    const pushed = [1, 2, 3, 4].map((n) => step(n));
    for (const latents of pushed) {
      clock.advance(10_000); // a step far slower than any decode
      s.push(latents);
    }
    await s.drain();
    expect(warnings).toEqual([]);
    expect(posted.map((p) => [p.step, p.kind])).toEqual([[1, "taesd"], [2, "taesd"], [3, "taesd"], [4, "taesd"]]);
    posted.forEach((p, i) => {
      expect(p.images).toHaveLength(2);
      for (let b = 0; b < 2; b++) expect(maxDiff(p.images[b].data, expectedTaesdThumb(pushed[i].predOriginalSample, b).data)).toBeLessThanOrEqual(1);
    });
    expect(maxDiff(posted[0].images[0].data, posted[1].images[0].data)).toBeGreaterThan(10); // each step shows its own x̂₀
    expect(s.ms).toBeGreaterThan(0);
  });

  it("skips every other TAESD decode when steps are faster than decodes, in order", async () => {
    const { s, posted } = stream(taesd, new PreviewCadence(fakeClock().now)); // the clock never moves: steps take 0 ms
    for (let n = 1; n <= 5; n++) {
      s.push(step(n, 5));
      await s.drain(); // the decode's time is known before the next step ends, as in a run
    }
    expect(posted.map((p) => p.step)).toEqual([1, 3, 5]);
  });

  it("without TAESD, projects x̂₀ on every step", async () => {
    const { s, posted } = stream(null);
    const pushed = [1, 2, 3].map((n) => step(n, 3));
    for (const latents of pushed) s.push(latents);
    await s.drain();
    expect(posted.map((p) => [p.step, p.kind])).toEqual([[1, "latent-projection"], [2, "latent-projection"], [3, "latent-projection"]]);
    const want = resampleToRgba(projectLatentsToRgb(pushed[2].predOriginalSample, DIMS, 1), 8, 8, 32, 32);
    expect(maxDiff(posted[2].images[1].data, want.data)).toBe(0);
  });

  it("falls back to the projection with one warning when the TAESD decode fails", async () => {
    const broken = await TaesdPreviewDecoder.load(createOrtWebBackend({ device: "wasm" }), { name: "taesd", bytes: new Uint8Array(readFileSync(join(TAESD_TWIN_DIR, "vae_decoder/model.onnx"))) });
    await broken.release(); // its session is gone: every decode now throws
    const { s, posted, warnings } = stream(broken);
    s.push(step(1));
    await s.drain();
    s.push(step(2));
    s.push(step(3));
    await s.drain();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/rough colour preview/);
    expect(posted.map((p) => [p.step, p.kind])).toEqual([[2, "latent-projection"], [3, "latent-projection"]]);
  });

  it("posts nothing once the run is cancelled", async () => {
    const controller = new AbortController();
    const { s, posted } = stream(taesd, undefined, controller.signal);
    s.push(step(1));
    controller.abort();
    s.push(step(2));
    await s.drain();
    expect(posted).toEqual([]);
  });
});
