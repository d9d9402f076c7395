/**
 * The denoising UNet: sample [B, C, h, w] + timestep + encoder_hidden_states [B, 77, D] → noise
 * prediction [B, 4, h, w]. C is 4 for text-to-image/img2img models and 9 for inpainting models
 * (4 latent + 1 mask + 4 masked-image latent channels). A guidance-distilled UNet (LCM, Optimum's
 * export) has a fourth input, `timestep_cond` [B, time_cond_proj_dim]: the guidance embedding.
 */
import type { ExecutionBackend, GraphSource } from "../runtime/backend";
import { ModelSession, type Feed, type RunOptions } from "../io/model-session";
import { InvalidInputError, ModelRunError, ModelSignatureError, OutOfMemoryError } from "../errors";

const SIGNATURE = {
  inputs: { sample: ["sample"], timestep: ["timestep"], encoderHiddenStates: ["encoder_hidden_states"] },
  optionalInputs: { timestepCond: ["timestep_cond"] },
  outputs: { noisePred: ["out_sample", "noise_pred"] },
} as const;

export interface UNetLoadOptions {
  /** From unet/config.json `in_channels` when known; otherwise read from the graph or probed. */
  inChannels?: number;
  /** unet/config.json `time_cond_proj_dim`, used when the graph leaves that axis symbolic. */
  timeCondProjDim?: number;
}

export class UNetModel {
  private constructor(
    readonly session: ModelSession,
    /** 4 (plain) or 9 (inpainting). */
    readonly inChannels: number,
    /** Length of the guidance embedding the graph's `timestep_cond` takes; null without that input. */
    readonly timeCondProjDim: number | null,
  ) {}

  static async load(backend: ExecutionBackend, source: GraphSource, options: UNetLoadOptions = {}): Promise<UNetModel> {
    const session = await ModelSession.open(backend, source, SIGNATURE);
    const timeCondProjDim = guidanceEmbeddingLength(session, options.timeCondProjDim);
    const declared = session.inputs.sample.shape?.[1];
    const graphChannels = typeof declared === "number" && declared > 0 ? declared : undefined;
    if (options.inChannels !== undefined && graphChannels !== undefined && options.inChannels !== graphChannels) {
      await session.release().catch(() => undefined);
      throw new ModelSignatureError(
        source.name,
        session.inputs.sample.name,
        `takes ${graphChannels} channels but the UNet's config.json says in_channels ${options.inChannels}; fix or remove in_channels in that config.json`,
      );
    }
    // A config value over a symbolic channel axis is verified with one tiny run: a wrong one would
    // otherwise fail on the first real step with ORT's conv error (the CLI is the only caller that passes it).
    if (options.inChannels !== undefined && graphChannels === undefined && !(await acceptsChannels(session, options.inChannels, timeCondProjDim))) {
      await session.release().catch(() => undefined);
      throw new ModelSignatureError(
        source.name,
        session.inputs.sample.name,
        `does not accept the ${options.inChannels} channels the UNet's config.json gives as in_channels; fix or remove in_channels in that config.json`,
      );
    }
    const inChannels = options.inChannels ?? graphChannels ?? (await probeInChannels(session, timeCondProjDim));
    if (inChannels !== 4 && inChannels !== 9) {
      throw new ModelSignatureError(source.name, session.inputs.sample.name, `has ${inChannels} input channels; only 4 (text-to-image/img2img) and 9 (inpainting) UNets are supported`);
    }
    return new UNetModel(session, inChannels, timeCondProjDim);
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
    /** The guidance embedding [B, timeCondProjDim], required exactly when the graph has `timestep_cond`. */
    timestepCond?: Float32Array,
  ): Promise<Float32Array> {
    const batch = sampleDims[0];
    const feeds: Record<string, Feed> = {
      sample: { floats: sample, dims: sampleDims },
      timestep: { timestep, batch },
      // Pipelines pass the same unmodified array every step: converted once (e.g. to fp16).
      encoderHiddenStates: { floats: encoderHiddenStates, dims: hiddenDims, unchanging: true },
    };
    if (this.timeCondProjDim !== null) {
      if (!timestepCond || timestepCond.length !== batch * this.timeCondProjDim) {
        throw new InvalidInputError(
          `This UNet (${this.session.file}) takes a guidance embedding of ${this.timeCondProjDim} values per image (timestep_cond); run it through the LCM pipelines.`,
        );
      }
      feeds.timestepCond = { floats: timestepCond, dims: [batch, this.timeCondProjDim], unchanging: true };
    }
    const out = await this.session.run(feeds, ["noisePred"], options);
    return out.noisePred.data;
  }
}

/**
 * The guidance-embedding length of a UNet with `timestep_cond`: the graph's fixed second axis
 * (Optimum writes 256 for LCM Dreamshaper), else unet/config.json's `time_cond_proj_dim`.
 */
function guidanceEmbeddingLength(session: ModelSession, fromConfig: number | undefined): number | null {
  const input = session.inputs.timestepCond;
  if (!input) return null;
  const declared = input.shape?.[1];
  const fromGraph = typeof declared === "number" && declared > 0 ? declared : undefined;
  if (fromGraph !== undefined && fromConfig !== undefined && fromGraph !== fromConfig) {
    throw new ModelSignatureError(session.file, input.name, `takes ${fromGraph} values per image, but unet/config.json says time_cond_proj_dim ${fromConfig}; the folder mixes two models`);
  }
  const length = fromGraph ?? fromConfig;
  if (length === undefined) {
    throw new ModelSignatureError(session.file, input.name, "has a symbolic length and no unet/config.json gives time_cond_proj_dim; add that config beside the graph");
  }
  return length;
}

/**
 * Exports usually leave the channel axis symbolic, and ORT exposes no weights, so when no config
 * says otherwise one tiny [1, 4, 8, 8] run tells: it succeeds for a 4-channel UNet and fails on
 * conv_in for a 9-channel one. The hidden-state width comes from the model's declared shape.
 */
async function probeInChannels(session: ModelSession, timeCondProjDim: number | null): Promise<number> {
  if (await acceptsChannels(session, 4, timeCondProjDim)) return 4;
  if (await acceptsChannels(session, 9, timeCondProjDim)) return 9;
  throw new ModelSignatureError(session.file, session.inputs.sample.name, "accepts neither 4 nor 9 channels; pass inChannels from unet/config.json");
}

/** One [1, channels, 8, 8] run: true when the UNet takes that many input channels. */
async function acceptsChannels(session: ModelSession, channels: number, timeCondProjDim: number | null): Promise<boolean> {
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
          ...(timeCondProjDim !== null ? { timestepCond: { floats: new Float32Array(timeCondProjDim), dims: [1, timeCondProjDim] } } : {}),
        },
        ["noisePred"],
        { quiet: true },
      );
      return true;
    } catch (error) {
      if (error instanceof OutOfMemoryError) throw error;
      if (error instanceof ModelRunError) return false;
      // The probe's own batch-1 feeds do not fit some other fixed dimension (e.g. a timestep of
      // batch 3): that says nothing about the channels, and the real run names the problem.
      if (error instanceof ModelSignatureError) return true;
      throw error;
    }
  };
  return tryChannels(channels);
}
