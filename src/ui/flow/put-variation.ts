/**
 * "Other variations" of a kept layer: put one in the document, either as another layer above it
 * ("add") or in its place ("swap", one undoable step: the sandbox inserts the variation at the
 * kept layer's box and removes the kept layer). The stored variations follow the layer now in the
 * document, and a swap keeps the pixels it replaced as a variation, so nothing is lost.
 */
import type { GenerationRecord, InsertedLayer } from "../../contract";
import type { PanelHost } from "../host/panel-host";
import type { KeptPixelsStore } from "../storage/kept-pixels-store";
import type { Variation, VariationsStore } from "../storage/variations-store";
import { generationRecord, keepResult } from "./keep-result";

export interface PutVariationInput {
  how: "swap" | "add";
  pageId: string;
  layerId: string;
  record: GenerationRecord;
  variation: Variation;
}

export async function putVariation(deps: { host: PanelHost; variations: VariationsStore; keptPixels?: KeptPixelsStore }, input: PutVariationInput): Promise<InsertedLayer> {
  const { how, pageId, layerId, record, variation } = input;
  const { addOnVersion: _v, createdAt: _c, ...fields } = record;
  const newRecord = generationRecord({ ...fields, seed: variation.seed });
  // The kept layer's own pixels, read before a swap removes it (null when this browser has none).
  const replaced = how === "swap" ? await deps.keptPixels?.get(layerId).catch(() => null) : null;
  const inserted = await keepResult(deps.host, {
    pageId,
    target: { type: "image", imageNodeId: layerId, maskShapeIds: [] },
    layer: variation.image,
    record: newRecord,
    ...(how === "swap" ? { replaceTarget: true } : {}),
  });
  await deps.keptPixels?.put(inserted.nodeId, variation.image).catch(() => undefined);
  if (how === "swap") {
    await deps.variations.move({ layerId, record }, { layerId: inserted.nodeId, record: newRecord }, variation.seed, replaced ? { seed: record.seed, layer: replaced } : null);
  } else {
    // Added on top: the rest stay with the original layer, without the one now in the document.
    await deps.variations.move({ layerId, record }, { layerId, record }, variation.seed, null);
  }
  return inserted;
}
