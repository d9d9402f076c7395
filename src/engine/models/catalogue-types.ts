/**
 * The shape of the model catalogue (catalogue.json). The catalogue is data: which real models the
 * product offers, the exact pinned files to fetch, what is known about each file (size, sha256)
 * and where that knowledge came from. Nothing here is invented: a hash that could not be found in
 * public sources is `sha256: null, hashPinned: false`, and the downloader records it on first
 * download (trust on first use) and says so.
 */

/** What a model is used for by the engine. */
export type Capability = "img2img" | "inpaint" | "text2img" | "preview-decoder" | "safety" | "segmentation" | "removal";

/** What a file is to the pipeline. `*-data` files are ONNX external weights of the graph before them. */
export type FileRole =
  | "text-encoder"
  | "unet"
  | "unet-data"
  | "vae-encoder"
  | "vae-decoder"
  | "vae-decoder-data"
  | "tokenizer-vocab"
  | "tokenizer-merges"
  | "classifier"
  | "classifier-config"
  | "preprocessor-config"
  /** SAM family: the image encoder (once per picture) and the prompt encoder + mask decoder (per click). */
  | "vision-encoder"
  | "mask-decoder"
  /** Removal family (MI-GAN): one graph taking the picture and its mask, giving the filled picture. */
  | "inpainter"
  | "config";

export interface ModelFile {
  role: FileRole;
  /** Path inside the source repository, e.g. "unet/model.onnx". */
  path: string;
  /** Exact download URL; on Hugging Face a `resolve/<40-hex commit>/<path>` URL when pinned. */
  url: string;
  /** Size in bytes: exact when `sizeExact`, else the host's rounded listing (for the UI only). */
  size: number | null;
  sizeExact: boolean;
  /** Lower-case hex sha256 of the file (the LFS `oid sha256:`), or null when not publicly known. */
  sha256: string | null;
  /** True only when `sha256` came from a public source; false means trust on first use. */
  hashPinned: boolean;
  /** For ONNX external data: the file name the graph refers to (ORT's `externalData[].path`). */
  externalDataPath?: string;
  /** False when the path follows the usual layout but no public listing confirmed it. */
  pathVerified?: boolean;
  /** Where size/sha256 were read (page or commit), so a reviewer can check them. */
  evidence?: string;
}

export interface MemoryEstimate {
  /** Peak GPU memory in bytes for the whole pipeline at native resolution, batch 1 (estimate). */
  gpuBytes: number;
  /** Peak wasm heap in bytes when run on the CPU path (weights + activations, estimate). */
  wasmHeapBytes: number;
  /** How the numbers were reached. */
  basis: string;
}

export interface VariantRequirements {
  webgpu: boolean;
  shaderF16: boolean;
  /** Smallest `maxBufferSize` / `maxStorageBufferBindingSize` the variant needs (estimates). */
  minMaxBufferSize: number;
  minMaxStorageBufferBindingSize: number;
}

export interface ModelVariant {
  /** e.g. "fp16", "fp32", "int8". */
  id: string;
  precision: "fp16" | "fp32" | "int8";
  requires: VariantRequirements;
  /** Whether this variant can run on the wasm (CPU) backend, and why not when it cannot. */
  cpu: { possible: boolean; reason: string };
  memory: MemoryEstimate;
  /**
   * Known numerical hazard of this precision, e.g. SD 2.x in fp16 can give black/NaN images unless
   * attention runs in fp32. The probe passes it on so the engine can check its outputs.
   */
  precisionCaveat?: string;
  /** Where this variant's files come from when not the model's own repository (another export). */
  source?: SourceRepository;
  files: ModelFile[];
  notes?: string[];
}

export interface SourceRepository {
  /** "owner/name" on the host. */
  id: string;
  host: "huggingface.co" | "test";
  /** Full 40-hex commit when pinned, else the branch used ("main"). */
  revision: string;
  pinned: boolean;
  /** Page the pin was read from. */
  evidence?: string;
  /**
   * Origin of a Hub-compatible API serving this repository's file listing when it is not
   * huggingface.co (tests serve one on 127.0.0.1). Sources on "test" hosts without it have no listing.
   */
  endpoint?: string;
}

export interface Licence {
  /** SPDX-like id, e.g. "creativeml-openrail-m", "MIT". */
  id: string;
  name: string;
  url: string;
  commercialUse: "allowed" | "restricted" | "not-allowed";
  restrictions: string[];
}

export interface Recommended {
  numInferenceSteps: number;
  guidanceScale: number;
  /** img2img strength that suits the model. */
  strength?: number;
  scheduler: string;
  /** The diffusers scheduler_config.json the engine builds its scheduler from. */
  schedulerConfig: Record<string, unknown>;
}

/** Which special tokens the add-on's bundled CLIP tokenizer uses for a model (src/engine/tokenizer/families.ts). */
export type TokenizerFamily = "clip-sd1" | "clip-sd2";

export interface CatalogueModel {
  id: string;
  displayName: string;
  /** Short use shown in the UI and README ("fast restyle", "quality fill", …). */
  use: string;
  family: "sd-1.5" | "sd-2.1" | "taesd" | "vit-classifier" | "sam" | "migan" | "test";
  /**
   * Generation models: the tokenizer family of the add-on's bundled CLIP tokenizer (no model
   * downloads tokenizer files). SD 1.x pads with <|endoftext|>, SD 2.x and SD-Turbo with "!".
   * Test models (tiny text encoders with their own ids) leave it out and take token ids.
   */
  tokenizer?: TokenizerFamily;
  capabilities: Capability[];
  nativeResolution: { width: number; height: number };
  recommended?: Recommended;
  /** VAE latent scaling factor (0.18215 for SD 1.x/2.x). */
  vaeScalingFactor?: number;
  source: SourceRepository;
  licence: Licence;
  variants: ModelVariant[];
  notes?: string[];
  /**
   * Generation models: id of the catalogue's image classifier (a model with the "safety"
   * capability) that screens every result. It is a required companion: downloaded with the model,
   * loaded beside it, and the model refuses to run without it. Only test fixtures (family "test")
   * may leave it out; their results are reported as not screened.
   */
  safetyClassifier?: string;
  /**
   * Safety classifiers: label (as in the model's config.json `id2label`, lower-case) → probability
   * at or above which a result is withheld. Checked against the model's labels when it loads.
   */
  flagThresholds?: Record<string, number>;
}

export interface Catalogue {
  version: 1;
  /** Hosts every file URL must be on: the downloader talks to nothing else. */
  allowedHosts: string[];
  /**
   * Where those hosts may redirect a download (Hugging Face sends `resolve/` URLs to its LFS/Xet
   * CDNs): exact hosts, or ".example.co" for any subdomain. Every other redirect is refused.
   */
  redirectHosts?: string[];
  models: CatalogueModel[];
}
