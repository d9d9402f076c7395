/** What Node hands the bench page (plain JSON: it crosses page.evaluate). */
import type { ModelArchitecture } from "../stages/bench-inputs";
import type { SchedulerConfig } from "../../src/core/scheduler";

export interface PageConfig {
  device: "wasm" | "webgpu";
  label: string;
  width: number;
  height: number;
  steps: number;
  guidanceScale: number;
  variations: boolean;
  budgetMs: number;
  /** Component → path under /models/ (e.g. unet: "unet/model.onnx"). */
  components: Record<string, string>;
  schedulerConfig: SchedulerConfig;
  vaeScalingFactor?: number;
  architecture: ModelArchitecture;
  promptIds: number[] | null;
  negativeIds: number[] | null;
  warmUp: boolean;
  /** Reason to skip TAESD and the conv probe, or undefined to time them. */
  skipExtras?: string;
  /** Reason to skip the whole-pipeline variations, or undefined to run them. */
  skipVariations?: string;
  /** Date.now() after which stages are skipped. */
  deadline?: number;
  /** ms to wait for measureUserAgentSpecificMemory per stage (0 = skip). */
  uaMemoryTimeoutMs: number;
}
