/** Stable Diffusion 1.5's scheduler settings for tests, from their one home in src/engine/model-layout.ts. */
import type { SchedulerConfig } from "../../src/core/scheduler";
import { SD15_SCHEDULER_CONFIG } from "../../src/engine/model-layout";

/** The full config, `_class_name: "DDIMScheduler"` included (as the tiny-sd fixtures were made with). */
export const SD15_DDIM: SchedulerConfig = SD15_SCHEDULER_CONFIG;

/** The same settings naming no class: for tests that choose the class (or check a config without one is refused). */
export const SD15_WITHOUT_CLASS: SchedulerConfig = Object.freeze(
  Object.fromEntries(Object.entries(SD15_SCHEDULER_CONFIG).filter(([key]) => key !== "_class_name")),
);
