/**
 * One contract per catalogued variant (catalogue.json): the IO of each graph of the published
 * export, its external-data files, the UNet's timestep dtype and guidance-embedding length, the
 * VAE scaling factor and the tokenizer family, each with the source it was read from. The engine
 * checks every session it loads against this (io/contract-check.ts), and
 * scripts/make-model-twins.ts builds a tiny ONNX twin of each variant from it for CI.
 * Where no public source settles a dtype, the contract lists the candidates and says so.
 */
import type { GraphContract, TensorContract, VariantContract } from "./contract-types";

const ORT_SD_TURBO_DEMO = "microsoft/onnxruntime-inference-examples js/sd-turbo/index.js (the ORT Web SD-Turbo demo loading this repo)";
const OPTIMUM_CONFIGS = "huggingface/optimum exporters/onnx/model_configs.py (CLIPTextOnnxConfig: int32 input_ids; UNetOnnxConfig with timestep_cond {0: batch_size}; VaeEncoder/VaeDecoder configs)";
const TINY_SD_LCM = "test/fixtures/tiny-sd-lcm/README.md (a tiny UNet in the exact Optimum LCM layout; time_cond_proj_dim 256 from LCM Dreamshaper's unet/config.json)";
const DIFFUSERS_JS = "dakenf/diffusers.js src/pipelines/LatentConsistencyModelPipeline.ts + PipelineBase.ts + backends (feeds float32 timestep [1] and timestep_cond [1, 256], int32 input_ids; weights file 'model.onnx_data')";
const LCM_FP16_CONSUMER = "a public LCM web engine's model registry for aislamov/lcm-dreamshaper-v7-onnx (unetInputs: float32 timestep — 'expected: (tensor(float))' when given int64; input_ids int32; unet and vae_decoder external data)";
const SLIMSAM_SOURCE = "transformers.js SamModel (models.js: vision_encoder → image_embeddings + image_positional_embeddings; prompt_encoder_mask_decoder takes input_points f32, input_labels i64 → iou_scores, pred_masks) and Xenova/slimsam-77-uniform onnx/ tree; as in scripts/twins/make-slimsam-twin.ts";
const MIGAN_SOURCE = "Picsart-AI-Research/MI-GAN scripts/create_onnx_pipeline.py (input_names image, mask; output_names result; uint8 (1, 3, H, W) / (1, 1, H, W); dynamic batch/height/width; opset 17) and README 'For Developers'; lxfater/inpaint-web src/adapters/inpainting.ts feeds the same uint8 tensors";
const UNVERIFIED_LAYOUT = "unverified: no public page shows these graphs; names of the diffusers/Optimum ONNX layout, dtypes left open";

const t = (name: string, dtype: TensorContract["dtype"], dims: TensorContract["dims"]): TensorContract => ({ name, dtype, dims });

function textEncoder(hidden: number, source: string, outDtype: TensorContract["dtype"] = "float32"): GraphContract {
  return {
    file: "text_encoder/model.onnx",
    inputs: [t("input_ids", "int32", ["batch_size", "sequence_length"])],
    outputs: [t("last_hidden_state", outDtype, ["batch_size", "sequence_length", hidden])],
    externalData: [],
    source,
  };
}

interface UNetShape {
  channels: number;
  hidden: number;
  io: TensorContract["dtype"];
  timestep: TensorContract["dtype"];
  timestepDims: TensorContract["dims"];
  timeCond?: number;
  externalData?: string[];
  source: string;
}

function unet(s: UNetShape): GraphContract {
  return {
    file: "unet/model.onnx",
    inputs: [
      t("sample", s.io, ["batch_size", s.channels, "height", "width"]),
      t("timestep", s.timestep, s.timestepDims),
      t("encoder_hidden_states", s.io, ["batch_size", "sequence_length", s.hidden]),
      ...(s.timeCond ? [t("timestep_cond", s.io, ["batch_size", s.timeCond])] : []),
    ],
    outputs: [t("out_sample", s.io, ["batch_size", 4, "height", "width"])],
    externalData: s.externalData ?? [],
    source: s.source,
  };
}

function vaeEncoder(io: TensorContract["dtype"], source: string): GraphContract {
  return {
    file: "vae_encoder/model.onnx",
    inputs: [t("sample", io, ["batch_size", 3, "height", "width"])],
    outputs: [t("latent_sample", io, ["batch_size", 4, "height_latent", "width_latent"])],
    externalData: [],
    source,
  };
}

function vaeDecoder(io: TensorContract["dtype"], source: string, externalData: string[] = []): GraphContract {
  return {
    file: "vae_decoder/model.onnx",
    inputs: [t("latent_sample", io, ["batch_size", 4, "height_latent", "width_latent"])],
    outputs: [t("sample", io, ["batch_size", 3, "height", "width"])],
    externalData,
    source,
  };
}

const EITHER_FLOAT = ["float16", "float32"] as const;

export const VARIANT_CONTRACTS: readonly VariantContract[] = [
  {
    modelId: "sd-turbo",
    variantId: "fp16",
    graphs: {
      textEncoder: textEncoder(1024, `${ORT_SD_TURBO_DEMO}: int32 input_ids [1, n] → last_hidden_state; 1024 = SD 2.1's OpenCLIP ViT-H width`),
      unet: unet({ channels: 4, hidden: 1024, io: "float32", timestep: "int64", timestepDims: ["steps"], source: `${ORT_SD_TURBO_DEMO}: sample [1, 4, 64, 64] float32, timestep int64 [1], encoder_hidden_states → out_sample (fp32 IO over fp16 weights)` }),
      vaeEncoder: vaeEncoder(EITHER_FLOAT, `${UNVERIFIED_LAYOUT} (the demo does no img2img)`),
      vaeDecoder: vaeDecoder("float32", `${ORT_SD_TURBO_DEMO}: latent_sample → sample`),
    },
    timestepDtype: "int64",
    timeCondProjDim: null,
    scalingFactor: 0.18215,
    tokenizer: "clip-sd2",
    sources: [`${ORT_SD_TURBO_DEMO}: vae_scaling_factor 0.18215, tokenizer.pad_token_id = 0 (SD 2.x pads with "!")`],
  },
  {
    modelId: "sd15-inpainting",
    variantId: "fp16",
    graphs: {
      textEncoder: textEncoder(768, `${UNVERIFIED_LAYOUT}; 768 = CLIP ViT-L/14 of SD 1.5`, EITHER_FLOAT),
      unet: unet({ channels: 9, hidden: 768, io: EITHER_FLOAT, timestep: ["int64", "float16", "float32"], timestepDims: ["batch"], source: `sona-forge/sd15-inpainting-fp16 model card (a 9-channel UNet: latents, mask, masked-image latents); dtypes ${UNVERIFIED_LAYOUT}` }),
      vaeEncoder: vaeEncoder(EITHER_FLOAT, UNVERIFIED_LAYOUT),
      vaeDecoder: vaeDecoder(EITHER_FLOAT, UNVERIFIED_LAYOUT),
    },
    timestepDtype: ["int64", "float16", "float32"],
    timeCondProjDim: null,
    scalingFactor: 0.18215,
    tokenizer: "clip-sd1",
    sources: ["runwayml/stable-diffusion-inpainting vae/config.json scaling_factor 0.18215; tokenizer folder of SD 1.5 (pads with <|endoftext|>)"],
  },
  {
    modelId: "lcm-dreamshaper-v7",
    variantId: "fp32",
    graphs: {
      textEncoder: textEncoder(768, OPTIMUM_CONFIGS),
      unet: unet({ channels: 4, hidden: 768, io: "float32", timestep: "int64", timestepDims: ["steps"], timeCond: 256, externalData: ["model.onnx_data"], source: `${OPTIMUM_CONFIGS}; ${TINY_SD_LCM}` }),
      vaeEncoder: vaeEncoder("float32", `${OPTIMUM_CONFIGS} (2023 exports name the output latent_sample; later ones latent_parameters, which the engine also reads)`),
      vaeDecoder: vaeDecoder("float32", OPTIMUM_CONFIGS),
    },
    timestepDtype: "int64",
    timeCondProjDim: 256,
    scalingFactor: 0.18215,
    tokenizer: "clip-sd1",
    sources: [TINY_SD_LCM, "catalogue.json: unet/model.onnx_data is the UNet's external data (3.44 GB, LFS sha256 pinned)"],
  },
  {
    modelId: "lcm-dreamshaper-v7",
    variantId: "fp16",
    graphs: {
      textEncoder: textEncoder(768, `${DIFFUSERS_JS}; ${LCM_FP16_CONSUMER}`),
      unet: unet({ channels: 4, hidden: 768, io: "float32", timestep: "float32", timestepDims: [1], timeCond: 256, externalData: ["model.onnx_data"], source: `${DIFFUSERS_JS}; ${LCM_FP16_CONSUMER}` }),
      vaeEncoder: vaeEncoder(EITHER_FLOAT, `${UNVERIFIED_LAYOUT} (a public download script of this repo lists vae_encoder/model.onnx; diffusers.js loads it)`),
      vaeDecoder: vaeDecoder("float32", `${DIFFUSERS_JS} (latent_sample → sample)`, ["model.onnx_data"]),
    },
    timestepDtype: "float32",
    timeCondProjDim: 256,
    scalingFactor: 0.18215,
    tokenizer: "clip-sd1",
    sources: [DIFFUSERS_JS, LCM_FP16_CONSUMER],
  },
  {
    modelId: "taesd",
    variantId: "fp32",
    graphs: {
      vaeDecoder: vaeDecoder("float32", "madebyollin/taesd README (latents 4×(H/8)×(W/8), no scaling); deinferno/taesd-onnx targets Optimum's vae_decoder layout (latent_sample → sample)"),
      vaeEncoder: vaeEncoder("float32", "deinferno/taesd-onnx tree (vae_encoder/model.onnx, 4.91 MB); Optimum layout"),
    },
    timestepDtype: null,
    timeCondProjDim: null,
    scalingFactor: 1,
    tokenizer: null,
    sources: ["madebyollin/taesd README: TAESD's scale_factor for latents is 1", "diffusers DecoderTiny.forward: output x · 2 − 1, so the export's sample is in [-1, 1]"],
    twinScript: "scripts/twins/make-taesd-twin.ts",
  },
  {
    modelId: "nsfw-vit-base",
    variantId: "int8",
    graphs: {
      classifier: {
        file: "onnx/model_quantized.onnx",
        inputs: [t("pixel_values", "float32", ["batch_size", 3, 384, 384])],
        outputs: [t("logits", "float32", ["batch_size", 2])],
        externalData: [],
        source: "AdamCodd/vit-base-nsfw-detector onnx/ (transformers.js export of ViTForImageClassification: pixel_values → logits); 384 from its preprocessor_config.json, 2 labels from config.json id2label",
      },
    },
    timestepDtype: null,
    timeCondProjDim: null,
    scalingFactor: null,
    tokenizer: null,
    sources: ["AdamCodd/vit-base-nsfw-detector model card and configs"],
  },
  {
    modelId: "slimsam-77-uniform",
    variantId: "int8",
    graphs: {
      visionEncoder: {
        file: "onnx/vision_encoder_quantized.onnx",
        inputs: [t("pixel_values", "float32", ["batch_size", 3, 1024, 1024])],
        outputs: [t("image_embeddings", "float32", ["batch_size", 256, 64, 64]), t("image_positional_embeddings", "float32", ["batch_size", 256, 64, 64])],
        externalData: [],
        source: SLIMSAM_SOURCE,
      },
      maskDecoder: {
        file: "onnx/prompt_encoder_mask_decoder_quantized.onnx",
        inputs: [
          t("image_embeddings", "float32", ["batch_size", 256, 64, 64]),
          t("image_positional_embeddings", "float32", ["batch_size", 256, 64, 64]),
          t("input_points", "float32", ["batch_size", "point_batch_size", "nb_points", 2]),
          t("input_labels", "int64", ["batch_size", "point_batch_size", "nb_points"]),
        ],
        outputs: [t("iou_scores", "float32", ["batch_size", "point_batch_size", 3]), t("pred_masks", "float32", ["batch_size", "point_batch_size", 3, 256, 256])],
        externalData: [],
        source: SLIMSAM_SOURCE,
      },
    },
    timestepDtype: null,
    timeCondProjDim: null,
    scalingFactor: null,
    tokenizer: null,
    sources: ["Xenova/slimsam-77-uniform model card and preprocessor_config.json (1024 longest edge, 1024² pad)"],
    twinScript: "scripts/twins/make-slimsam-twin.ts",
  },
  {
    modelId: "migan-512-places2",
    variantId: "fp32",
    graphs: {
      inpainter: {
        file: "migan_pipeline_v2.onnx",
        inputs: [t("image", "uint8", ["batch_size", 3, "height", "width"]), t("mask", "uint8", ["batch_size", 1, "height", "width"])],
        outputs: [t("result", "uint8", ["batch_size", 3, "height", "width"])],
        externalData: [],
        source: MIGAN_SOURCE,
      },
    },
    timestepDtype: null,
    timeCondProjDim: null,
    scalingFactor: null,
    tokenizer: null,
    sources: [MIGAN_SOURCE],
    twinScript: "scripts/twins/make-migan-twin.ts",
  },
];

export function findVariantContract(modelId: string, variantId: string): VariantContract | undefined {
  return VARIANT_CONTRACTS.find((c) => c.modelId === modelId && c.variantId === variantId);
}
