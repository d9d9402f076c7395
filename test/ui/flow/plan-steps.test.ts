/**
 * The panel plans a step per turn (plan-run.ts → imaging/steps.ts) so a 16 MP source does not
 * freeze it for the whole plan: the stepped plan must be the synchronous plan, byte for byte, and
 * the steps must really give the event loop turns (timers run in between).
 */
import { describe, expect, it } from "vitest";
import { createGrayImage, createRgbaImage } from "../../../src/imaging/image";
import { runStepsYielding } from "../../../src/imaging/steps";
import { planGeneration, planGenerationSteps, type PlanInput } from "../../../src/ui/flow/plan-generation";
import { DEFAULT_SETTINGS } from "../../../src/ui/settings/panel-settings";

function input(mode: PlanInput["mode"], prompt: string): PlanInput {
  const source = createRgbaImage(300, 200);
  for (let i = 0; i < source.data.length; i += 4) source.data.set([(i >> 4) & 255, (i >> 9) & 255, 90, 255], i);
  const mask = createGrayImage(300, 200);
  for (let y = 60; y < 130; y++) mask.data.fill(255, y * 300 + 100, y * 300 + 190);
  return { mode, source, maskShapes: [], paintedMask: mask, settings: { ...DEFAULT_SETTINGS, prompt, strength: 0.6 }, maxModelSide: 128, seed: 3 };
}

describe("planning a step per turn", () => {
  for (const [mode, prompt] of [["fill", ""], ["fill", "a red boat"], ["remove", ""]] as const) {
    it(`gives the synchronous plan (${mode}, prompt "${prompt}") and lets timers run between steps`, async () => {
      const sync = planGeneration(input(mode, prompt));
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      const stepped = await runStepsYielding(planGenerationSteps(input(mode, prompt)));
      clearInterval(timer);
      expect(ticks).toBeGreaterThanOrEqual(3);
      expect(stepped.request.image!.data).toEqual(sync.request.image!.data);
      expect(stepped.request.mask!.data).toEqual(sync.request.mask!.data);
      expect(stepped.prepared!.blendMask.data).toEqual(sync.prepared!.blendMask.data);
      expect(stepped.prepared!.contextMask.data).toEqual(sync.prepared!.contextMask.data);
      expect(stepped.prepared!.plan).toEqual(sync.prepared!.plan);
      expect(stepped.workerPrefill).toBe(sync.workerPrefill);
    });
  }
});
