/** CLIP text encoder: token ids [N, 77] → last_hidden_state [N, 77, D]. */
import type { ExecutionBackend, GraphSource } from "../runtime/backend";
import { ModelSession, type RunOptions } from "../io/model-session";
import { InvalidInputError } from "../errors";

const SIGNATURE = {
  inputs: { inputIds: ["input_ids"] },
  outputs: { lastHiddenState: ["last_hidden_state"] },
} as const;

export class TextEncoderModel {
  private constructor(readonly session: ModelSession) {}

  static async load(backend: ExecutionBackend, source: GraphSource): Promise<TextEncoderModel> {
    return new TextEncoderModel(await ModelSession.open(backend, source, SIGNATURE));
  }

  /** One prompt's ids (usually 77) → embeddings [1, L, D] float32. */
  async encode(inputIds: Int32Array, options?: RunOptions): Promise<{ data: Float32Array; dims: number[] }> {
    if (inputIds.length === 0) throw new InvalidInputError("A prompt must have at least one token id.");
    // ONNX Gather accepts negative indices (counted from the end): a negative id would silently
    // read another token's embedding.
    const negative = inputIds.findIndex((id) => id < 0);
    if (negative >= 0) throw new InvalidInputError(`Token id ${inputIds[negative]} (position ${negative + 1}) is negative; token ids are whole numbers from 0 up to the vocabulary size − 1.`);
    try {
      const out = await this.session.run({ inputIds: { ints: inputIds, dims: [1, inputIds.length] } }, ["lastHiddenState"], options);
      return out.lastHiddenState;
    } catch (error) {
      throw vocabularyError(error) ?? error;
    }
  }
}

/** ORT's Gather "idx=5000 must be within the inclusive range [-1000,999]" → which id, and the vocabulary's size. */
function vocabularyError(error: unknown): InvalidInputError | null {
  const match = /idx=(-?\d+) must be within the inclusive range \[-?\d+,(\d+)\]/.exec(error instanceof Error ? error.message : "");
  if (!match) return null;
  const last = Number(match[2]);
  return new InvalidInputError(`Token id ${match[1]} is outside this model's vocabulary (ids 0 to ${last}): use ids from the model's own tokenizer.`);
}
