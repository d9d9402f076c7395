/**
 * The shape of a catalogued variant's contract (contracts.ts): what each ONNX graph of the
 * published export takes and gives, so a loaded session can be checked against it and a tiny twin
 * with the same signature can be generated for CI (scripts/make-model-twins.ts).
 */
import type { TokenizerFamily } from "./catalogue-types";

export type ContractDtype = "float32" | "float16" | "int32" | "int64" | "uint8";

export interface TensorContract {
  name: string;
  /** One dtype when a source shows it; several when no public source settles it (any is accepted). */
  dtype: ContractDtype | readonly ContractDtype[];
  /** Fixed sizes as numbers, symbolic axes as the export's names (checked only where a number). */
  dims: readonly (number | string)[];
}

/** The graphs of an SD variant (the catalogue's file roles), the classifier / preview decoder, SAM's two graphs and MI-GAN's one. */
export type ContractGraph = "textEncoder" | "unet" | "vaeEncoder" | "vaeDecoder" | "classifier" | "visionEncoder" | "maskDecoder" | "inpainter";

export interface GraphContract {
  /** Path in the source repository (the catalogue file's `path`). */
  file: string;
  inputs: readonly TensorContract[];
  outputs: readonly TensorContract[];
  /** File names the graph's external data refers to (ORT `externalData[].path`). */
  externalData: readonly string[];
  /** Where these IO facts were read (consumer code, exporter config, model card). */
  source: string;
}

export interface VariantContract {
  modelId: string;
  variantId: string;
  graphs: Partial<Record<ContractGraph, GraphContract>>;
  /** The UNet's timestep input dtype (null: no UNet). */
  timestepDtype: ContractDtype | readonly ContractDtype[] | null;
  /** Length of the UNet's `timestep_cond` (LCM guidance embedding); null: no such input. */
  timeCondProjDim: number | null;
  /** VAE latent scaling factor (null: no VAE). */
  scalingFactor: number | null;
  tokenizer: TokenizerFamily | null;
  /** Sources of the variant-wide facts above. */
  sources: readonly string[];
  /**
   * A family script that builds this variant's twin instead of scripts/make-model-twins.ts (whose
   * trivial graphs only cover the SD family, the classifier and TAESD); that script's own test
   * checks the committed twin.
   */
  twinScript?: string;
}
