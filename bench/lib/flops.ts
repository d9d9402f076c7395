/**
 * FLOPs of one call of each Stable Diffusion network, derived from its architecture (diffusers
 * configs), so measured times can be read against what the hardware can do.
 *
 * Counting rules (1 multiply-add = 2 FLOPs):
 *   conv      2 · Cin · Cout · k² · Hout · Wout
 *   linear    2 · N · in · out                       (N tokens)
 *   attention 2 · N · M · C  (Q·Kᵀ)  +  2 · N · M · C  (softmax(·)·V)   (N queries, M keys, C channels
 *             summed over heads — the head split does not change the count)
 * Not counted: GroupNorm/LayerNorm, SiLU/GELU/softmax, residual adds, resizes, the timestep
 * sinusoid — element-wise work worth a few % of the total, bound by memory bandwidth rather than
 * arithmetic. So these are slightly BELOW tools that count every op (onnx-tool counts them).
 *
 * The walk follows diffusers' UNet2DConditionModel / AutoencoderKL / CLIPTextModel and madebyollin's
 * TAESD module by module; skip connections are tracked with a stack, so the up path's channel
 * counts come out of the down path rather than from a second formula.
 *
 * Sanity check (bench/run.ts prints it): SD 1.5 UNet at 512² (64² latent), batch 1 comes to
 * ≈ 0.80 TFLOP by these rules. onnx-tool's README lists 888,870 M MACs for the SD 1.4 ONNX UNet
 * exported with batch 2 (CFG), i.e. ≈ 444 G MACs ≈ 0.89 TFLOP per image including element-wise
 * ops; VAE decoder 1,271,959 M MACs ≈ 2.5 TFLOP and encoder 566,371 M MACs ≈ 1.1 TFLOP at 512²;
 * text encoder 6,782 M MACs ≈ 13.6 GFLOP. Ours are within ~10 % below each, as the rules predict.
 */

export interface UNetArchitecture {
  in_channels: number;
  out_channels: number;
  block_out_channels: number[];
  layers_per_block: number;
  down_block_types: string[];
  up_block_types: string[];
  cross_attention_dim: number;
  transformer_layers_per_block?: number | number[];
}

export interface VaeArchitecture {
  in_channels?: number;
  out_channels?: number;
  block_out_channels: number[];
  layers_per_block: number;
  latent_channels: number;
  mid_block_add_attention?: boolean;
}

export interface TextEncoderArchitecture {
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
}

const conv = (cin: number, cout: number, k: number, h: number, w: number) => 2 * cin * cout * k * k * h * w;
const linear = (n: number, fin: number, fout: number) => 2 * n * fin * fout;
const attention = (n: number, m: number, c: number) => 4 * n * m * c;

function resnet(cin: number, cout: number, h: number, w: number, tembDim: number | null): number {
  let f = conv(cin, cout, 3, h, w) + conv(cout, cout, 3, h, w);
  if (cin !== cout) f += conv(cin, cout, 1, h, w); // conv_shortcut
  if (tembDim) f += linear(1, tembDim, cout); // time_emb_proj
  return f;
}

/** Transformer2DModel with BasicTransformerBlock(s): self-attn, cross-attn, GEGLU feed-forward. */
function spatialTransformer(c: number, h: number, w: number, crossDim: number, sequence: number, layers: number): number {
  const n = h * w;
  let f = 2 * linear(n, c, c); // proj_in + proj_out (1×1 conv or linear: same count)
  for (let l = 0; l < layers; l++) {
    f += 4 * linear(n, c, c) + attention(n, n, c); // attn1: q, k, v, out
    f += 2 * linear(n, c, c) + 2 * linear(sequence, crossDim, c) + attention(n, sequence, c); // attn2: q, out on image tokens; k, v on text
    f += linear(n, c, 8 * c) + linear(n, 4 * c, c); // GEGLU: proj to 2·4c, then 4c → c
  }
  return f;
}

function layersAt(spec: number | number[] | undefined, index: number): number {
  if (Array.isArray(spec)) return spec[index] ?? 1;
  return spec ?? 1;
}

const half = (v: number) => Math.ceil(v / 2); // conv k3 s2 p1

/** One UNet call on `batch` rows of a latent h×w (= image / 8), text sequence length `sequence`. */
export function unetFlops(a: UNetArchitecture, latentH: number, latentW: number, batch = 1, sequence = 77): number {
  const c0 = a.block_out_channels[0];
  const tembDim = 4 * c0;
  let h = latentH;
  let w = latentW;
  let f = conv(a.in_channels, c0, 3, h, w) + linear(1, c0, tembDim) + linear(1, tembDim, tembDim);
  const skips: { c: number; h: number; w: number }[] = [{ c: c0, h, w }];
  let ch = c0;
  const last = a.block_out_channels.length - 1;
  a.down_block_types.forEach((type, i) => {
    const out = a.block_out_channels[i];
    const cross = type.includes("CrossAttn");
    for (let l = 0; l < a.layers_per_block; l++) {
      f += resnet(ch, out, h, w, tembDim);
      if (cross) f += spatialTransformer(out, h, w, a.cross_attention_dim, sequence, layersAt(a.transformer_layers_per_block, i));
      ch = out;
      skips.push({ c: ch, h, w });
    }
    if (i < last) {
      h = half(h);
      w = half(w);
      f += conv(ch, ch, 3, h, w); // Downsample2D
      skips.push({ c: ch, h, w });
    }
  });
  // UNetMidBlock2DCrossAttn: resnet, transformer, resnet.
  f += 2 * resnet(ch, ch, h, w, tembDim) + spatialTransformer(ch, h, w, a.cross_attention_dim, sequence, layersAt(a.transformer_layers_per_block, last));
  const reversed = [...a.block_out_channels].reverse();
  a.up_block_types.forEach((type, i) => {
    const out = reversed[i];
    const cross = type.includes("CrossAttn");
    for (let l = 0; l < a.layers_per_block + 1; l++) {
      const skip = skips.pop()!;
      f += resnet(ch + skip.c, out, h, w, tembDim);
      if (cross) f += spatialTransformer(out, h, w, a.cross_attention_dim, sequence, layersAt(a.transformer_layers_per_block, last - i));
      ch = out;
    }
    if (i < last) {
      // Upsample2D: nearest to the skip's size, then a 3×3 conv.
      const next = skips[skips.length - 1];
      h = next.h;
      w = next.w;
      f += conv(ch, ch, 3, h, w);
    }
  });
  f += conv(c0, a.out_channels, 3, h, w); // conv_out
  return f * batch;
}

/** Single-head self-attention block of the VAE mid block (group norm not counted). */
const vaeAttention = (c: number, h: number, w: number) => 4 * linear(h * w, c, c) + attention(h * w, h * w, c);

/** VAE encoder: image [B, 3, H, W] → [B, 2·latent, H/8, W/8] (+ quant_conv). */
export function vaeEncoderFlops(a: VaeArchitecture, height: number, width: number, batch = 1): number {
  let h = height;
  let w = width;
  let ch = a.block_out_channels[0];
  let f = conv(a.in_channels ?? 3, ch, 3, h, w);
  const last = a.block_out_channels.length - 1;
  a.block_out_channels.forEach((out, i) => {
    for (let l = 0; l < a.layers_per_block; l++) {
      f += resnet(ch, out, h, w, null);
      ch = out;
    }
    if (i < last) {
      h = Math.floor(h / 2); // pad (0,1,0,1), k3 s2
      w = Math.floor(w / 2);
      f += conv(ch, ch, 3, h, w);
    }
  });
  f += 2 * resnet(ch, ch, h, w, null) + (a.mid_block_add_attention === false ? 0 : vaeAttention(ch, h, w));
  f += conv(ch, 2 * a.latent_channels, 3, h, w) + conv(2 * a.latent_channels, 2 * a.latent_channels, 1, h, w);
  return f * batch;
}

/** VAE decoder: latents [B, 4, h, w] → image [B, 3, 8h, 8w] (post_quant_conv included). */
export function vaeDecoderFlops(a: VaeArchitecture, latentH: number, latentW: number, batch = 1): number {
  let h = latentH;
  let w = latentW;
  const reversed = [...a.block_out_channels].reverse();
  let ch = reversed[0];
  let f = conv(a.latent_channels, a.latent_channels, 1, h, w) + conv(a.latent_channels, ch, 3, h, w);
  f += 2 * resnet(ch, ch, h, w, null) + (a.mid_block_add_attention === false ? 0 : vaeAttention(ch, h, w));
  const last = reversed.length - 1;
  reversed.forEach((out, i) => {
    for (let l = 0; l < a.layers_per_block + 1; l++) {
      f += resnet(ch, out, h, w, null);
      ch = out;
    }
    if (i < last) {
      h *= 2;
      w *= 2;
      f += conv(ch, ch, 3, h, w);
    }
  });
  f += conv(ch, a.out_channels ?? 3, 3, h, w);
  return f * batch;
}

/** CLIP text transformer on one prompt of `sequence` tokens. */
export function textEncoderFlops(a: TextEncoderArchitecture, sequence = 77, batch = 1): number {
  const d = a.hidden_size;
  const perLayer = 4 * linear(sequence, d, d) + attention(sequence, sequence, d) + linear(sequence, d, a.intermediate_size) + linear(sequence, a.intermediate_size, d);
  return perLayer * a.num_hidden_layers * batch;
}

const TAESD_WIDTH = 64;
const taesdBlock = (h: number, w: number) => 3 * conv(TAESD_WIDTH, TAESD_WIDTH, 3, h, w);

/** TAESD decoder (madebyollin/taesd Decoder): latents h×w → image 8h×8w. */
export function taesdDecoderFlops(latentH: number, latentW: number, batch = 1): number {
  let h = latentH;
  let w = latentW;
  let f = conv(4, TAESD_WIDTH, 3, h, w);
  for (let stage = 0; stage < 3; stage++) {
    f += 3 * taesdBlock(h, w);
    h *= 2;
    w *= 2;
    f += conv(TAESD_WIDTH, TAESD_WIDTH, 3, h, w);
  }
  f += taesdBlock(h, w) + conv(TAESD_WIDTH, 3, 3, h, w);
  return f * batch;
}

/** TAESD encoder: image H×W → latents H/8×W/8. */
export function taesdEncoderFlops(height: number, width: number, batch = 1): number {
  let h = height;
  let w = width;
  let f = conv(3, TAESD_WIDTH, 3, h, w) + taesdBlock(h, w);
  for (let stage = 0; stage < 3; stage++) {
    h = half(h);
    w = half(w);
    f += conv(TAESD_WIDTH, TAESD_WIDTH, 3, h, w) + 3 * taesdBlock(h, w);
  }
  f += conv(TAESD_WIDTH, 4, 3, h, w);
  return f * batch;
}

// ---- Published architectures (diffusers configs of the models in the catalogue) ----

const SD_UNET_BLOCKS = {
  block_out_channels: [320, 640, 1280, 1280],
  layers_per_block: 2,
  down_block_types: ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
  up_block_types: ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
  out_channels: 4,
};

/** runwayml/stable-diffusion-v1-5 unet/config.json (CLIP ViT-L/14 text, 768 wide). */
export const SD15_UNET: UNetArchitecture = { ...SD_UNET_BLOCKS, in_channels: 4, cross_attention_dim: 768 };
/** stable-diffusion-inpainting: the same UNet with 9 input channels. */
export const SD15_INPAINT_UNET: UNetArchitecture = { ...SD_UNET_BLOCKS, in_channels: 9, cross_attention_dim: 768 };
/** stabilityai/sd-turbo (SD 2.1 base UNet, OpenCLIP ViT-H text, 1024 wide). */
export const SD_TURBO_UNET: UNetArchitecture = { ...SD_UNET_BLOCKS, in_channels: 4, cross_attention_dim: 1024 };
/** The SD 1.x/2.x AutoencoderKL (vae/config.json). */
export const SD_VAE: VaeArchitecture = { block_out_channels: [128, 256, 512, 512], layers_per_block: 2, latent_channels: 4 };
/** CLIPTextModel of SD 1.x. */
export const SD15_TEXT_ENCODER: TextEncoderArchitecture = { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12 };
/** SD 2.x / SD-Turbo text encoder (OpenCLIP ViT-H, exported with its last layer dropped: 23). */
export const SD2_TEXT_ENCODER: TextEncoderArchitecture = { hidden_size: 1024, intermediate_size: 4096, num_hidden_layers: 23 };

/** Per-call FLOPs of every network of a model at one image size. */
export interface ModelFlops {
  textEncoder: number;
  unetCall: number; // batch 1
  vaeEncode: number;
  vaeDecode: number;
  taesdEncode: number;
  taesdDecode: number;
}

export function modelFlops(
  arch: { unet: UNetArchitecture; vae: VaeArchitecture; textEncoder: TextEncoderArchitecture },
  width: number,
  height: number,
): ModelFlops {
  const h = Math.floor(height / 8);
  const w = Math.floor(width / 8);
  return {
    textEncoder: textEncoderFlops(arch.textEncoder),
    unetCall: unetFlops(arch.unet, h, w),
    vaeEncode: vaeEncoderFlops(arch.vae, height, width),
    vaeDecode: vaeDecoderFlops(arch.vae, h, w),
    taesdEncode: taesdEncoderFlops(height, width),
    taesdDecode: taesdDecoderFlops(h, w),
  };
}

export const PUBLISHED_ARCHITECTURES = {
  "SD 1.5": { unet: SD15_UNET, vae: SD_VAE, textEncoder: SD15_TEXT_ENCODER },
  "SD 1.5 inpainting": { unet: SD15_INPAINT_UNET, vae: SD_VAE, textEncoder: SD15_TEXT_ENCODER },
  "SD-Turbo": { unet: SD_TURBO_UNET, vae: SD_VAE, textEncoder: SD2_TEXT_ENCODER },
} as const;
