/** A fresh core scheduler for one run, from the model's config and the caller's choice. */
import { createScheduler } from "../../core/create-scheduler";
import type { Scheduler, SchedulerConfig } from "../../core/scheduler";
import type { SchedulerChoice } from "./options";

export function createSchedulerFor(modelConfig: SchedulerConfig, choice: SchedulerChoice = {}): Scheduler {
  return createScheduler(choice.config ?? modelConfig, { className: choice.className, overrides: choice.overrides });
}
