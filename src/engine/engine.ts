/**
 * The engine's front door: one loaded model, its sessions reused by every run (loaded by the one
 * loader, worker/component-set.ts; loadEngineFromSources for a folder or URLs), prompt embeddings
 * remembered across runs (same prompt, new seed → no text-encoder call). Runs are independent
 * (each has its own context, scheduler and latents), so the engine keeps no queue of its own: the
 * worker takes requests one at a time (engine-host.ts) and the browser backends pass every
 * session.run through the one RuntimeMutex. Each request goes to the pipeline diffusers
 * would pick for the loaded UNets: the LCM pipelines for a UNet with `timestep_cond`, inpainting
 * through the 9-channel UNet when there is one and latent blending otherwise (LCM rules for an
 * LCM UNet), and img2img on an inpainting-only model as a full-mask repaint.
 */
import { releaseStableDiffusionModels, type StableDiffusionModels } from "./stable-diffusion-models";
import type { GenerateRequest } from "../contract/worker-protocol";
import type { Img2ImgOptions, InpaintOptions, PipelineOutput, RunHooks, TextToImageOptions } from "./pipelines/options";
import type { EmbeddingCache } from "./pipelines/prompt-embeddings";
import { runTextToImage } from "./pipelines/text-to-image";
import { runImg2Img } from "./pipelines/img2img";
import { runInpaint } from "./pipelines/inpaint";
import { runInpaintLegacy } from "./pipelines/inpaint-legacy";
import { runLcmImg2Img } from "./pipelines/lcm-img2img";
import { runLcmTextToImage } from "./pipelines/lcm-text-to-image";
import { runRepaint } from "./pipelines/repaint";
import { InvalidInputError } from "./errors";
import { checkPromptInput } from "./prompt-checks";
import type { CommonGenerationOptions } from "./pipelines/options";

export type InpaintMethod = "inpainting-unet" | "latent-blending";

const EMBEDDING_CACHE_SIZE = 8;

/** A Map that forgets its oldest entry beyond `limit` (embeddings are [1, 77, 768] = 240 KB each). */
class BoundedCache<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) super.delete(this.keys().next().value as K);
    return this;
  }
}

/** Prompts arrive from untyped callers (worker messages, the CLI): refuse a number or array up front. */
function checkPrompts(options: CommonGenerationOptions): void {
  checkPromptInput(options.prompt, "prompt");
  checkPromptInput(options.negativePrompt, "negative prompt");
}

export class StableDiffusionEngine {
  private readonly embeddingCache: EmbeddingCache = new BoundedCache(EMBEDDING_CACHE_SIZE);

  constructor(readonly models: StableDiffusionModels) {}

  /** True when the plain UNet is guidance-distilled (its graph has `timestep_cond`): the LCM pipelines run it. */
  get isLatentConsistencyModel(): boolean {
    return (this.models.unet?.timeCondProjDim ?? null) !== null;
  }

  /** How `inpaint` will fill, or null when the model cannot (no VAE encoder). */
  get inpaintMethod(): InpaintMethod | null {
    if (!this.models.vaeEncoder) return null;
    if (this.models.inpaintUnet) return "inpainting-unet";
    return this.models.unet ? "latent-blending" : null;
  }

  textToImage(options: TextToImageOptions): Promise<PipelineOutput> {
    const pipeline = this.isLatentConsistencyModel ? runLcmTextToImage : runTextToImage;
    return run(() => {
      checkPrompts(options);
      return pipeline(this.models, options, this.embeddingCache);
    });
  }

  img2img(options: Img2ImgOptions): Promise<PipelineOutput> {
    const pipeline = this.isLatentConsistencyModel ? runLcmImg2Img : !this.models.unet && this.models.inpaintUnet ? runRepaint : runImg2Img;
    return run(() => {
      checkPrompts(options);
      return pipeline(this.models, options, this.embeddingCache);
    });
  }

  inpaint(options: InpaintOptions): Promise<PipelineOutput> {
    return run(() => {
      checkPrompts(options);
      const method = this.inpaintMethod;
      if (method === "inpainting-unet") return runInpaint(this.models, options, this.embeddingCache);
      if (method === "latent-blending") return runInpaintLegacy(this.models, options, this.embeddingCache);
      throw new InvalidInputError("This model cannot inpaint: it needs vae_encoder/model.onnx and a UNet.");
    });
  }

  /**
   * The worker's entry: the contract request as it arrived, plus the run's hooks. The request is
   * passed on whole; only the fields a mode cannot run without are checked here.
   */
  generate(request: GenerateRequest, hooks: RunHooks = {}): Promise<PipelineOutput> {
    const call = { ...request, ...hooks };
    switch (request.mode) {
      case "text-to-image": {
        const { width, height } = request;
        if (width === undefined || height === undefined) return Promise.reject(new InvalidInputError("Text-to-image needs a width and a height (multiples of 8)."));
        return this.textToImage({ ...call, width, height });
      }
      case "img2img": {
        const { image, strength } = request;
        if (!image) return Promise.reject(new InvalidInputError("Restyle (img2img) needs the source image."));
        if (strength === undefined) return Promise.reject(new InvalidInputError("Restyle (img2img) needs a strength between 0 and 1."));
        return this.img2img({ ...call, image, strength });
      }
      case "inpaint": {
        const { image, mask } = request;
        if (!image || !mask) return Promise.reject(new InvalidInputError("Fill (inpaint) needs the source image and a mask of the same size."));
        return this.inpaint({ ...call, image, mask });
      }
      default:
        return Promise.reject(new InvalidInputError(`Unknown generation mode "${(request as { mode: unknown }).mode}".`));
    }
  }

  /** Forgets remembered prompt encodings (memory pressure); true when there were any. */
  forgetEmbeddings(): boolean {
    const had = this.embeddingCache.size > 0;
    this.embeddingCache.clear();
    return had;
  }

  /** Frees the sessions; the engine is unusable afterwards. */
  release(): Promise<void> {
    return releaseStableDiffusionModels(this.models);
  }
}

/** Starts `work` on a fresh promise, so a synchronous throw (a bad prompt) becomes a rejection. */
function run<T>(work: () => Promise<T>): Promise<T> {
  return Promise.resolve().then(work);
}
