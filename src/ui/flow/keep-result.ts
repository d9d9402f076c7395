/**
 * Step 7 of the flow: Keep. The chosen layer is encoded as PNG and handed to the sandbox, which
 * inserts it above the source in one undoable step and records the settings on it (addOnData).
 */
import type { GenerationMode, GenerationRecord, InsertedLayer, InsertTarget } from "../../contract";
import { toSandboxError } from "../../contract";
import { encodePng, type RgbaImage } from "../../imaging";
import type { PanelHost } from "../host/panel-host";
import type { PanelSettings } from "../settings/panel-settings";
import type { GenerationPlan } from "./plan-generation";
import type { GenerationRun } from "./run-state";
import packageJson from "../../../package.json";

export const ADDON_VERSION: string = packageJson.version;

export interface KeepInput {
  pageId: string;
  target: InsertTarget;
  layer: RgbaImage;
  record: GenerationRecord;
  /** Leave the selection's mask shapes in the document (default: removed in the same undo step). */
  keepMaskShapes?: boolean;
  /** Swap: remove the target image in the same undo step (contract: InsertLayerRequest.replaceTarget). */
  replaceTarget?: boolean;
}

export function generationRecord(fields: Omit<GenerationRecord, "addOnVersion" | "createdAt" | "mode"> & { mode: GenerationMode }, now = new Date()): GenerationRecord {
  return { ...fields, addOnVersion: ADDON_VERSION, createdAt: now.toISOString() };
}

/** A kept layer and the variations of its run that were not kept, as layers of the same size. */
export interface KeptVariations {
  inserted: InsertedLayer;
  record: GenerationRecord;
  others: { seed: number; layer: RgbaImage }[];
}

/** What a kept layer records about the run that made it (regenerate from a layer). */
export function runRecord(run: Pick<GenerationRun, "modelId" | "mode">, s: PanelSettings, plan: Pick<GenerationPlan, "seeds" | "strength">, index: number): GenerationRecord {
  return generationRecord({
    model: run.modelId,
    ...(run.mode === "remove" ? { prompt: "", negativePrompt: "" } : { prompt: s.prompt, negativePrompt: s.negativePrompt }),
    seed: plan.seeds[index],
    steps: s.steps,
    strength: plan.strength,
    guidanceScale: s.guidanceScale,
    mode: run.mode,
    ...(run.mode === "expand" ? { expand: { target: s.expandTarget, anchor: s.expandAnchor } } : {}),
  });
}

/** Inserts the layer; throws the sandbox's failure as a SandboxError (nothing changed then). */
export async function keepResult(host: PanelHost, input: KeepInput): Promise<InsertedLayer> {
  const png = await encodePng(input.layer);
  // A tight ArrayBuffer copy: it is cloned across the bridge.
  const bytes = png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer;
  const result = await host.sandbox.insertLayer({
    pageId: input.pageId,
    target: input.target,
    png: bytes,
    record: input.record,
    ...(input.keepMaskShapes ? { keepMaskShapes: true } : {}),
    ...(input.replaceTarget ? { replaceTarget: true } : {}),
  });
  if (result.type === "failed") throw toSandboxError(result.error);
  return result;
}
