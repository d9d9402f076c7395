/**
 * The sessions of one model variant on one backend, loaded per generation mode: a run gets exactly
 * the components its mode needs, and sessions the mode does not need are released first (on a GPU
 * an SD UNet is 1.7–3.4 GB, so an img2img run must not also hold the inpainting UNet).
 */
import type { ComponentName, EngineEvent, GenerationMode } from "../../contract/worker-protocol";
import { TextEncoderModel } from "../components/text-encoder";
import { UNetModel } from "../components/unet";
import { VaeDecoderModel, VaeEncoderModel } from "../components/vae";
import { StableDiffusionEngine } from "../engine";
import { InvalidInputError } from "../errors";
import type { ExecutionBackend } from "../runtime/backend";
import { SD_VAE_SCALING_FACTOR, type StableDiffusionModels } from "../stable-diffusion-models";
import type { SchedulerConfig } from "../../core/scheduler";
import type { PromptTokenizer } from "../tokenizer-port";
import { readModelFile, type ResolvedFile, type ResolvedVariant } from "./model-source";
import { checkContract } from "../io/contract-check";

type Loaded = TextEncoderModel | UNetModel | VaeEncoderModel | VaeDecoderModel;

export interface ComponentSettings {
  schedulerConfig: SchedulerConfig;
  tokenizer: PromptTokenizer | null;
  vaeScalingFactor?: number;
  /** A model folder's unet/config.json `in_channels` per UNet, when known (skips probing the graph). */
  unetInChannels?: { unet?: number; unetInpaint?: number };
  /** unet/config.json `time_cond_proj_dim` (LCM), for a graph whose `timestep_cond` length is symbolic. */
  unetTimeCondProjDim?: number;
}

/** What the loader reads of a variant: its files, and (catalogue variants) the graphs' contract. */
export type LoadableVariant = Pick<ResolvedVariant, "id" | "files" | "contract" | "label">;

export type LoadProgressEvent = Extract<EngineEvent, { type: "load-progress" }>;
export type ComponentProgress = (event: LoadProgressEvent) => void;

/** Bytes a file brings (graph + external weights); null when a size is unknown. */
export function fileBytes(file: ResolvedFile | undefined): number | null {
  if (!file || file.size === null) return null;
  let total = file.size;
  for (const data of file.externalData ?? []) {
    if (data.file.size === null) return null;
    total += data.file.size;
  }
  return total;
}

/** Components a mode needs, given the files the variant has. */
export function componentsFor(mode: GenerationMode, variant: LoadableVariant): ComponentName[] {
  const has = (c: ComponentName) => variant.files[c] !== undefined;
  const need = (c: ComponentName, what: string): ComponentName => {
    if (!has(c)) throw new InvalidInputError(`This model cannot do ${mode}: it has no ${what}. Choose a model that offers ${mode}.`);
    return c;
  };
  switch (mode) {
    case "text-to-image":
      return [need("textEncoder", "text encoder"), need("unet", "UNet"), need("vaeDecoder", "VAE decoder")];
    case "img2img":
      return [need("textEncoder", "text encoder"), need("unet", "UNet"), need("vaeEncoder", "VAE encoder"), need("vaeDecoder", "VAE decoder")];
    case "inpaint":
      // The 9-channel inpainting UNet when the model has one, else latent blending with the plain UNet.
      return [need("textEncoder", "text encoder"), has("unetInpaint") ? "unetInpaint" : need("unet", "UNet"), need("vaeEncoder", "VAE encoder"), need("vaeDecoder", "VAE decoder")];
  }
}

export class ComponentSet {
  private readonly loaded = new Map<ComponentName, Loaded>();
  private engine: StableDiffusionEngine | null = null;
  private engineKey = "";

  constructor(
    readonly backend: ExecutionBackend,
    readonly variant: LoadableVariant,
    private readonly settings: ComponentSettings,
  ) {}

  get names(): ComponentName[] {
    return [...this.loaded.keys()];
  }

  /** Loads what `mode` needs (releasing the rest first) and returns the engine over them. */
  engineFor(mode: GenerationMode, onProgress?: ComponentProgress): Promise<StableDiffusionEngine> {
    return this.engineWith(componentsFor(mode, this.variant), onProgress);
  }

  /** Loads exactly `wanted` (releasing the rest first) and returns the engine over them. */
  async engineWith(wanted: ComponentName[], onProgress?: ComponentProgress): Promise<StableDiffusionEngine> {
    for (const name of [...this.loaded.keys()]) {
      if (!wanted.includes(name)) await this.releaseOne(name);
    }
    // Bytes of the parts still to load: what the panel's loading bar counts.
    const toLoad = wanted.filter((name) => !this.loaded.has(name));
    const sizes = toLoad.map((name) => fileBytes(this.variant.files[name]));
    const totalBytes = sizes.includes(null) ? null : (sizes as number[]).reduce((a, b) => a + b, 0);
    let loadedBytes = 0;
    for (const [index, name] of toLoad.entries()) {
      onProgress?.({ type: "load-progress", component: name, index, total: toLoad.length, loadedBytes, totalBytes });
      this.loaded.set(name, await this.loadOne(name));
      loadedBytes += sizes[index] ?? 0;
    }
    const key = wanted.join(",");
    if (!this.engine || this.engineKey !== key) {
      this.engine = new StableDiffusionEngine(this.assemble());
      this.engineKey = key;
    }
    return this.engine;
  }

  /** Forgets the current engine's remembered prompt encodings; true when there were any. */
  forgetEmbeddings(): boolean {
    return this.engine?.forgetEmbeddings() ?? false;
  }

  async releaseAll(): Promise<void> {
    for (const name of [...this.loaded.keys()]) await this.releaseOne(name);
  }

  private async loadOne(name: ComponentName): Promise<Loaded> {
    const loaded = await this.open(name);
    // A catalogue variant's graph must be the published one: the first difference, in one sentence.
    const graph = this.variant.contract?.graphs[name === "unetInpaint" ? "unet" : name];
    if (graph) {
      try {
        checkContract(loaded.session.graph, graph, this.variant.label ?? this.variant.id);
      } catch (error) {
        await loaded.session.release().catch(() => undefined);
        throw error;
      }
    }
    return loaded;
  }

  private async open(name: ComponentName): Promise<Loaded> {
    const source = await readModelFile(this.variant.files[name]!);
    try {
      return await this.create(name, source);
    } finally {
      source.release?.();
    }
  }

  private create(name: ComponentName, source: Awaited<ReturnType<typeof readModelFile>>): Promise<Loaded> {
    switch (name) {
      case "textEncoder":
        return TextEncoderModel.load(this.backend, source);
      case "unet":
      case "unetInpaint":
        return UNetModel.load(this.backend, source, {
          inChannels: this.settings.unetInChannels?.[name],
          timeCondProjDim: this.variant.contract?.timeCondProjDim ?? (name === "unet" ? this.settings.unetTimeCondProjDim : undefined),
        });
      case "vaeEncoder":
        return VaeEncoderModel.load(this.backend, source);
      case "vaeDecoder":
        return VaeDecoderModel.load(this.backend, source);
    }
  }

  private async releaseOne(name: ComponentName): Promise<void> {
    const part = this.loaded.get(name);
    this.loaded.delete(name);
    this.engine = null;
    await part?.session.release().catch(() => undefined);
  }

  private assemble(): StableDiffusionModels {
    const unets = [this.loaded.get("unet"), this.loaded.get("unetInpaint")].filter((u): u is UNetModel => u instanceof UNetModel);
    return {
      backend: this.backend,
      textEncoder: this.loaded.get("textEncoder") as TextEncoderModel,
      // Placed by their real channel count: a catalogue "unet" may be a 9-channel inpainting UNet.
      unet: unets.find((u) => u.inChannels === 4) ?? null,
      inpaintUnet: unets.find((u) => u.inChannels === 9) ?? null,
      vaeEncoder: (this.loaded.get("vaeEncoder") as VaeEncoderModel | undefined) ?? null,
      vaeDecoder: this.loaded.get("vaeDecoder") as VaeDecoderModel,
      tokenizer: this.settings.tokenizer,
      schedulerConfig: this.settings.schedulerConfig,
      vaeScalingFactor: this.settings.vaeScalingFactor ?? SD_VAE_SCALING_FACTOR,
    };
  }
}
