/**
 * Stable Diffusion's VAE decoder with its real layer widths and random weights, for timing only
 * (the issue's P4: the tiny fixture VAE is smaller than TAESD, so it cannot show what TAESD saves).
 *
 * Layers follow diffusers' AutoencoderKL decode path for the SD 1.x/2.x config (vae/config.json:
 * block_out_channels [128, 256, 512, 512], layers_per_block 2, norm_num_groups 32, act silu):
 * post_quant_conv 1×1 (4→4) → conv_in 3×3 (4→512) → mid block (resnet, single-head self-attention
 * over every latent pixel, resnet) → 4 up blocks of 3 resnets at widths 512, 512, 256, 128, the
 * first three followed by nearest ×2 + conv → GroupNorm, SiLU, conv_out (128→3). GroupNorm is
 * written as torch exports it below opset 18: reshape to 32 groups, InstanceNormalization, reshape
 * back, per-channel scale and shift. A dense conv costs the same whatever its weights, so the graph
 * times the real decoder's work; its output is noise. Shapes are dynamic (Reshape with 0/-1 and
 * the input's own Shape), so one graph serves a warm-up at 8×8 latents and the timed size.
 */
import { SD_VAE } from "./flops";
import { GraphBuilder, renameLastOutput } from "./synthetic-models";

const GROUPS = 32;
const EPS = 1e-6;

function groupNorm(g: GraphBuilder, x: string, channels: number): string {
  const grouped = g.op("Reshape", [x, g.ints([0, GROUPS, -1])]); // [B, 32, C/32·H·W]
  const normed = g.op("InstanceNormalization", [grouped, g.constant([GROUPS], new Float32Array(GROUPS).fill(1)), g.constant([GROUPS], new Float32Array(GROUPS))], { epsilon: { float: EPS } });
  const back = g.op("Reshape", [normed, g.op("Shape", [x])]); // [B, C, H, W]
  const scaled = g.op("Mul", [back, g.constant([channels, 1, 1], new Float32Array(channels).fill(1))]);
  return g.op("Add", [scaled, g.weight([channels, 1, 1], 0.01)]);
}

const silu = (g: GraphBuilder, x: string) => g.op("Mul", [x, g.op("Sigmoid", [x])]);

/** diffusers ResnetBlock2D (no time embedding): GN, SiLU, conv, GN, SiLU, conv, + (1×1 shortcut when widths differ). */
function resnet(g: GraphBuilder, x: string, cin: number, cout: number): string {
  let h = g.conv(silu(g, groupNorm(g, x, cin)), cin, cout);
  h = g.conv(silu(g, groupNorm(g, h, cout)), cout, cout);
  const skip = cin === cout ? x : g.conv(x, cin, cout, { kernel: 1 });
  return g.op("Add", [h, skip]);
}

/** Linear layer over the last axis: x [B, N, C] · W [C, C] + b. */
function linear(g: GraphBuilder, x: string, channels: number): string {
  return g.op("Add", [g.op("MatMul", [x, g.weight([channels, channels], Math.sqrt(3 / channels))]), g.weight([channels], 0.01)]);
}

/** diffusers Attention in the VAE mid block: one head over all H·W positions, residual added. */
function selfAttention(g: GraphBuilder, x: string, channels: number): string {
  const tokens = g.op("Transpose", [g.op("Reshape", [groupNorm(g, x, channels), g.ints([0, channels, -1])])], { perm: [0, 2, 1] }); // [B, HW, C]
  const q = linear(g, tokens, channels);
  const k = linear(g, tokens, channels);
  const v = linear(g, tokens, channels);
  const scores = g.op("Mul", [g.op("MatMul", [q, g.op("Transpose", [k], { perm: [0, 2, 1] })]), g.scalar(1 / Math.sqrt(channels))]); // [B, HW, HW]
  const attended = g.op("MatMul", [g.op("Softmax", [scores], { axis: -1 }), v]); // [B, HW, C]
  const out = g.op("Transpose", [linear(g, attended, channels)], { perm: [0, 2, 1] }); // [B, C, HW]
  return g.op("Add", [g.op("Reshape", [out, g.op("Shape", [x])]), x]);
}

/** latent_sample [B, 4, h, w] (÷ scaling factor) → sample [B, 3, 8h, 8w]. */
export function buildSdVaeDecoder(seed = 4): Uint8Array {
  const g = sdVaeDecoderLayers(seed);
  return renameLastOutput(g, "sd_vae_decoder", { name: "latent_sample", shape: ["batch", 4, "h", "w"] }, "sample", ["batch", 3, "H", "W"]);
}

/** The decoder's nodes and weights, before encoding (tests count its parameters). */
export function sdVaeDecoderLayers(seed = 4): GraphBuilder {
  const g = new GraphBuilder(seed);
  const widths = [...SD_VAE.block_out_channels].reverse(); // 512, 512, 256, 128
  let x = g.conv("latent_sample", SD_VAE.latent_channels, SD_VAE.latent_channels, { kernel: 1 }); // post_quant_conv
  x = g.conv(x, SD_VAE.latent_channels, widths[0]); // conv_in
  x = resnet(g, x, widths[0], widths[0]);
  x = selfAttention(g, x, widths[0]);
  x = resnet(g, x, widths[0], widths[0]);
  let channels = widths[0];
  widths.forEach((width, block) => {
    for (let i = 0; i <= SD_VAE.layers_per_block; i++) {
      x = resnet(g, x, channels, width);
      channels = width;
    }
    if (block < widths.length - 1) x = g.conv(g.upsample2x(x), width, width);
  });
  x = silu(g, groupNorm(g, x, channels));
  g.conv(x, channels, 3); // conv_out
  return g;
}
