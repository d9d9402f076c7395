/**
 * How much memory a run at a given size needs on the CPU backends, and the largest size that fits.
 * Peak memory grows with the FOURTH power of the side: the VAE's mid-block attention (and an SD
 * UNet's top-resolution attention) holds an N×N matrix for N = (W/8)·(H/8) latent pixels. On the
 * tiny fixture with onnxruntime-node, measured by `npm run bench` (bench/cli-memory.ts), peak RSS
 * fits 140 MB + 1352 B/pixel + 26.4 B·N² (256²: 245 MB, 512²: 894 MB, 768²: 3.0 GB; 1024² ≈ 9 GB,
 * 2048² > 12 GB before the fix). Real models add their weights and, per head of the UNet's
 * top-level attention, about 8 B·N² (fp32 scores and softmax).
 */
import { freemem } from "node:os";

export interface MemoryModel {
  /** Bytes of the model's graph + weight files (they are held in memory while running). */
  weightBytes: number;
  /** Attention heads of the UNet's full-latent-resolution block (0 when that block has no attention). */
  unetTopHeads: number;
}

const PROCESS_BASE = 140e6;
const PER_PIXEL = 1352;
const VAE_ATTENTION_PER_ELEMENT = 26.4;
const UNET_ATTENTION_PER_HEAD_ELEMENT = 8;
/** onnxruntime-web's wasm heap cannot grow beyond 4 GiB. */
export const WASM_HEAP_BYTES = 4 * 1024 ** 3;

export function estimatePeakBytes(model: MemoryModel, width: number, height: number): number {
  const pixels = width * height;
  const tokens = pixels / 64;
  const attention = tokens * tokens * (VAE_ATTENTION_PER_ELEMENT + UNET_ATTENTION_PER_HEAD_ELEMENT * model.unetTopHeads);
  return PROCESS_BASE + model.weightBytes + PER_PIXEL * pixels + attention;
}

/** What a run may use: the user's limit, else 3/4 of the memory available now; wasm is capped at its heap. */
export function memoryBudget(backend: "wasm" | "node", limitMb?: number): number {
  const available = limitMb !== undefined ? limitMb * 1e6 : Math.floor(freemem() * 0.75);
  return backend === "wasm" ? Math.min(available, WASM_HEAP_BYTES) : available;
}

/** The largest width×height with the same aspect (multiples of 8) whose estimate fits `budget`, or null. */
export function largestFitting(model: MemoryModel, width: number, height: number, budget: number): { width: number; height: number } | null {
  const long = Math.max(width, height);
  const sized = (side: number) => {
    const s = side / long;
    return { width: Math.max(8, Math.floor((width * s) / 8) * 8), height: Math.max(8, Math.floor((height * s) / 8) * 8) };
  };
  let lo = 0;
  let hi = Math.floor(long / 8);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const size = sized(mid * 8);
    if (estimatePeakBytes(model, size.width, size.height) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? null : sized(lo * 8);
}

export class NotEnoughMemoryError extends Error {
  override name = "NotEnoughMemoryError";
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/**
 * Refuses (before loading anything) a working size whose estimate exceeds the budget, naming the
 * largest size that would fit and the option that sets it.
 */
export function assertFits(model: MemoryModel, size: { width: number; height: number }, budget: number, option: string): void {
  const need = estimatePeakBytes(model, size.width, size.height);
  if (need <= budget) return;
  const fit = largestFitting(model, size.width, size.height, budget);
  const advice = fit
    ? `the largest that fits is ${fit.width}×${fit.height}: use ${option === "--max-side" ? `--max-side ${Math.max(fit.width, fit.height)}` : `--width ${fit.width} --height ${fit.height}`}`
    : "even the smallest size does not fit: free memory or use a smaller model";
  throw new NotEnoughMemoryError(
    `Running at ${size.width}×${size.height} needs about ${gb(need)} of memory but ${gb(budget)} is available (raise it with --memory-limit-mb if you know better); ${advice}.`,
  );
}
