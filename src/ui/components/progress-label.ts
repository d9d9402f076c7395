/**
 * The progress bar's words under Generate (pure, so they are tested in Node): model loading counts
 * its parts (a real fraction instead of an indeterminate bar for 10–20 s), the denoising loop counts
 * steps, every stage shows the time left from measured rates.
 */
import type { PipelineStage } from "../../contract/worker-protocol";
import type { GenerationRun } from "../flow/generation-session";
import { formatEta } from "../flow/progress-eta";
import { formatBytes } from "./format-bytes";

const STAGE_TEXT: Record<PipelineStage, string> = {
  tokenize: "Reading the prompt",
  "text-encoder": "Reading the prompt",
  "vae-encode": "Encoding the image",
  denoise: "Generating",
  "vae-decode": "Decoding the images",
  "content-filter": "Checking the results",
  fill: "Filling from the surroundings",
};

/** The bar's label and whether it can show a real fraction (loading counts parts; running has an estimate). */
export function progressLabel(run: GenerationRun): { label: string; determinate: boolean; percent: number } {
  const percent = Math.round(run.progress * 100);
  if (run.status === "preparing") return { label: "Reading the selection…", determinate: false, percent: 0 };
  if (run.status === "loading") {
    if (!run.load) return { label: "Loading the model…", determinate: false, percent: 0 };
    const { part, done, total, loadedBytes, totalBytes } = run.load;
    const bytes = totalBytes ? ` · ${formatBytes(loadedBytes)} of ${formatBytes(totalBytes)}` : "";
    const fraction = totalBytes ? loadedBytes / totalBytes : done / total;
    return { label: `Loading the model: ${part} (${Math.min(done + 1, total)} of ${total})${bytes}`, determinate: true, percent: Math.round(100 * fraction) };
  }
  const eta = formatEta(run.etaSeconds);
  if (run.stage === "denoise" || (run.stage === null && run.step > 0)) {
    return { label: `Step ${Math.min(run.step, run.totalSteps)} of ${run.totalSteps || "…"} · ${eta}`, determinate: true, percent };
  }
  const stage = run.stage ? STAGE_TEXT[run.stage] : "Starting";
  return { label: `${stage} · ${eta}`, determinate: run.progress > 0, percent };
}
