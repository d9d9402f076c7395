/**
 * The denoising UNet: sample [B, C, h, w] + timestep + encoder_hidden_states [B, 77, D] → noise
 * prediction [B, 4, h, w]. C is 4 for text-to-image/img2img models and 9 for inpainting models
 * (4 latent + 1 mask + 4 masked-image latent channels).
 */
import type { ExecutionBackend, ModelSource } from "../runtime/backend";
import { ModelSession, type RunOptions } from "../io/model-session";
import { ModelRunError, ModelSignatureError, OutOfMemoryError } from "../errors";

const SIGNATURE = {
  inputs: { sample: ["sample"], timestep: ["timestep"], encoderHiddenStates: ["encoder_hidden_states"] },
  outputs: { noisePred: ["out_sample", "noise_pred"] },
} as const;

export interface UNetLoadOptions {
  /** From unet/config.json `in_channels` when known; otherwise read from the graph or probed. */
  inChannels?: number;
}

export class UNetModel {
  private constructor(
    readonly session: ModelSession,
    /** 4 (plain) or 9 (inpainting). */
    readonly inChannels: number,
  ) {}

  static async load(backend: ExecutionBackend, source: ModelSource, options: UNetLoadOptions = {}): Promise<UNetModel> {
    const session = await ModelSession.open(backend, source, SIGNATURE);
    const declared = session.inputs.sample.shape?.[1];
    const inChannels = options.inChannels ?? (typeof declared === "number" && declared > 0 ? declared : await probeInChannels(session));
    if (inChannels !== 4 && inChannels !== 9) {
      throw new ModelSignatureError(source.name, session.inputs.sample.name, `has ${inChannels} input channels; only 4 (text-to-image/img2img) and 9 (inpainting) UNets are supported`);
    }
    return new UNetModel(session, inChannels);
  }

  /**
   * [B, C, h, w] float32 → noise prediction [B, 4, h, w] float32. `encoderHiddenStates` must not be
   * modified after a call (its converted form is reused by later calls with the same array).
   */
  async predictNoise(
    sample: Float32Array,
    sampleDims: readonly number[],
    timestep: number,
    encoderHiddenStates: Float32Array,
    hiddenDims: readonly number[],
    options?: RunOptions,
  ): Promise<Float32Array> {
    const out = await this.session.run(
      {
        sample: { floats: sample, dims: sampleDims },
        timestep: { timestep, batch: sampleDims[0] },
        // Pipelines pass the same unmodified array every step: converted once (e.g. to fp16).
        encoderHiddenStates: { floats: encoderHiddenStates, dims: hiddenDims, unchanging: true },
      },
      ["noisePred"],
      options,
    );
    return out.noisePred.data;
  }
}

/**
 * Exports usually leave the channel axis symbolic, and ORT exposes no weights, so when no config
 * says otherwise one tiny [1, 4, 8, 8] run tells: it succeeds for a 4-channel UNet and fails on
 * conv_in for a 9-channel one. The hidden-state width comes from the model's declared shape.
 */
async function probeInChannels(session: ModelSession): Promise<number> {
  const hiddenShape = session.inputs.encoderHiddenStates.shape;
  const sequence = typeof hiddenShape?.[1] === "number" && hiddenShape[1] > 0 ? hiddenShape[1] : 77;
  const width = typeof hiddenShape?.[2] === "number" && hiddenShape[2] > 0 ? hiddenShape[2] : 768;
  const tryChannels = async (channels: number) => {
    try {
      await session.run(
        {
          sample: { floats: new Float32Array(channels * 64), dims: [1, channels, 8, 8] },
          timestep: { timestep: 1, batch: 1 },
          encoderHiddenStates: { floats: new Float32Array(sequence * width), dims: [1, sequence, width] },
        },
        ["noisePred"],
        { quiet: true },
      );
      return true;
    } catch (error) {
      if (error instanceof OutOfMemoryError) throw error;
      if (error instanceof ModelRunError) return false;
      throw error;
    }
  };
  if (await tryChannels(4)) return 4;
  if (await tryChannels(9)) return 9;
  throw new ModelSignatureError(session.file, session.inputs.sample.name, "accepts neither 4 nor 9 channels; pass inChannels from unet/config.json");
}
