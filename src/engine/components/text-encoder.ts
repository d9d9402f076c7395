/** CLIP text encoder: token ids [N, 77] → last_hidden_state [N, 77, D]. */
import type { ExecutionBackend, ModelSource } from "../runtime/backend";
import { ModelSession, type RunOptions } from "../io/model-session";
import { InvalidInputError } from "../errors";

const SIGNATURE = {
  inputs: { inputIds: ["input_ids"] },
  outputs: { lastHiddenState: ["last_hidden_state"] },
} as const;

export class TextEncoderModel {
  private constructor(readonly session: ModelSession) {}

  static async load(backend: ExecutionBackend, source: ModelSource): Promise<TextEncoderModel> {
    return new TextEncoderModel(await ModelSession.open(backend, source, SIGNATURE));
  }

  /** One prompt's ids (usually 77) → embeddings [1, L, D] float32. */
  async encode(inputIds: Int32Array, options?: RunOptions): Promise<{ data: Float32Array; dims: number[] }> {
    if (inputIds.length === 0) throw new InvalidInputError("A prompt must have at least one token id.");
    const out = await this.session.run({ inputIds: { ints: inputIds, dims: [1, inputIds.length] } }, ["lastHiddenState"], options);
    return out.lastHiddenState;
  }
}
