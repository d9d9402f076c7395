/**
 * Prompt → text-encoder embeddings, as diffusers' `encode_prompt`: the prompt is encoded once and
 * repeated for every image; with classifier-free guidance the negative prompt ("" by default) is
 * encoded too and goes FIRST in the UNet batch: [negative × B, positive × B].
 */
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import type { PromptInput } from "./options";
import type { RunContext } from "./run-context";
import { assertFiniteStage } from "../finite-check";

export interface PromptEmbeddings {
  /** [1, L, D] */
  positive: Float32Array;
  /** [1, L, D]; null without CFG. */
  negative: Float32Array | null;
  sequenceLength: number;
  hiddenSize: number;
}

/** Optional memo across runs (same prompt, new seed): key = the token ids. */
export type EmbeddingCache = Map<string, { data: Float32Array; dims: number[] }>;

export async function encodePrompts(
  models: StableDiffusionModels,
  ctx: RunContext,
  prompt: PromptInput,
  negativePrompt: PromptInput | undefined,
  doClassifierFreeGuidance: boolean,
  cache?: EmbeddingCache,
): Promise<PromptEmbeddings> {
  ctx.stage("tokenize");
  const positiveIds = await ctx.timed("tokenize", () => tokenize(models, ctx, prompt, "prompt"));
  const negativeIds = doClassifierFreeGuidance ? await ctx.timed("tokenize", () => tokenize(models, ctx, negativePrompt ?? "", negativePrompt === undefined ? "empty negative prompt" : "negative prompt")) : null;

  ctx.stage("text-encoder");
  const encode = async (ids: Int32Array) => {
    const key = ids.join(",");
    const hit = cache?.get(key);
    if (hit) return hit;
    const out = await models.textEncoder.encode(ids, ctx.runOptions);
    assertFiniteStage(out.data, "the text encoder");
    cache?.set(key, out);
    return out;
  };
  const positive = await ctx.timed("textEncoder", () => encode(positiveIds));
  const negative = negativeIds ? await ctx.timed("textEncoder", () => encode(negativeIds)) : null;
  return { positive: positive.data, negative: negative?.data ?? null, sequenceLength: positive.dims[1], hiddenSize: positive.dims[2] };
}

function tokenize(models: StableDiffusionModels, ctx: RunContext, prompt: PromptInput, what: string): Int32Array {
  if (typeof prompt !== "string") return prompt.inputIds;
  if (!models.tokenizer) {
    // No negative prompt given: guidance still needs the empty prompt's ids, which only a tokenizer knows.
    if (what === "empty negative prompt") {
      throw new InvalidInputError(
        "This model was loaded without a tokenizer, so guidance (guidanceScale > 1) needs the empty negative prompt as token ids ({ inputIds }, e.g. BOS and EOS): pass them, or set guidanceScale to 1.",
      );
    }
    throw new InvalidInputError(`This model was loaded without a tokenizer, so the ${what} must be given as token ids ({ inputIds }).`);
  }
  const tokens = models.tokenizer.encode(prompt);
  if (tokens.truncated) {
    const dropped = tokens.droppedTokens;
    const count = typeof dropped === "number" ? dropped : dropped.length;
    const preview = typeof dropped === "number" ? "" : `: "${dropped.slice(0, 12).join(" ")}${dropped.length > 12 ? " …" : ""}"`;
    ctx.warnings.push(`The ${what} is longer than the model's 77 tokens; the last ${count} token(s) were ignored${preview}. Shorten it to keep them.`);
  }
  return tokens.inputIds;
}

/** The UNet's encoder_hidden_states rows for batch rows [start, end) of [neg × B, pos × B] (or [pos × B]). */
export function hiddenStatesRows(embeddings: PromptEmbeddings, batch: number, start: number, end: number): Float32Array {
  const rowSize = embeddings.sequenceLength * embeddings.hiddenSize;
  const out = new Float32Array((end - start) * rowSize); // [end-start, L, D]
  for (let r = start; r < end; r++) {
    const source = embeddings.negative && r < batch ? embeddings.negative : embeddings.positive;
    out.set(source, (r - start) * rowSize);
  }
  return out;
}
