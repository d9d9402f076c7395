/** Trace-only reconstructions of tensors the batch-1 schedule never builds in full. */
import { hiddenStatesRows, type PromptEmbeddings } from "./prompt-embeddings";
import type { RunContext } from "./run-context";

/** encoder_hidden_states as diffusers feeds them: [neg × B, pos × B, L, D] (or [pos × B, L, D]). */
export function traceHiddenStates(ctx: RunContext, embeddings: PromptEmbeddings, batch: number): void {
  const rows = embeddings.negative ? 2 * batch : batch;
  ctx.trace("encoder_hidden_states", hiddenStatesRows(embeddings, batch, 0, rows), [rows, embeddings.sequenceLength, embeddings.hiddenSize]);
}

/** One image's tensor repeated to B and, with CFG, doubled: [rows, …] as diffusers feeds it. */
export function traceRepeated(ctx: RunContext, name: string, item: Float32Array, itemDims: readonly number[], rows: number): void {
  const out = new Float32Array(item.length * rows);
  for (let r = 0; r < rows; r++) out.set(item, r * item.length);
  ctx.trace(name, out, [rows, ...itemDims.slice(1)]);
}
