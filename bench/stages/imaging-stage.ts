/**
 * The imaging stage (plan the region, rasterise/grow/feather the mask, crop, resize both ways,
 * prefill, colour match, composite) through imaging's own bench (bench/imaging.ts →
 * runImagingBench), with the selection the size of this run and the model side capped at it.
 * Full mode: a 16 MP document, as a user's page. Quick mode: a 1 MP one, one run.
 */
import { runImagingBench } from "../imaging";
import type { MemoryProbe } from "../lib/memory";
import type { StageResult } from "../lib/results";

export function imagingStage(memory: MemoryProbe, options: { quick: boolean }) {
  const cache = new Map<string, StageResult>();
  return async (width: number, height: number): Promise<StageResult> => {
    const key = `${width}x${height}`;
    const cached = cache.get(key);
    if (cached) return cached; // backend-independent: measure once per size
    const side = Math.max(width, height);
    const document = options.quick ? 1024 : 4000;
    memory.begin();
    const r = runImagingBench({ sourceWidth: document, sourceHeight: document, selectionSide: side, maxModelSide: side, runs: options.quick ? 1 : 5 });
    const result: StageResult = {
      status: "ok",
      ms: r.ms.total,
      minMs: r.minMs.total,
      runs: r.runs,
      memory: await memory.end(),
      detail:
        `${r.sourceWidth}×${r.sourceHeight} document, ${r.selection} → model ${r.modelWidth}×${r.modelHeight}; ` +
        `median ms: mask ${r.ms.mask}, feather ${r.ms.feather}, plan ${r.ms.plan}, crop ${r.ms.crop}, resize ${r.ms.resize}, prefill ${r.ms.prefill}, colour match ${r.ms.colorMatch}, composite (patch) ${r.ms.compositePatch}`,
    };
    cache.set(key, result);
    return result;
  };
}
