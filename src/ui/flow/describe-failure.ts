/**
 * Any failure of the flow → what the panel shows: a short title, the cause in plain words, and
 * what to do next. Engine, imaging and sandbox errors already carry user-facing messages; this adds
 * the next step and the reassurance that nothing was lost.
 */

export interface FailureNotice {
  title: string;
  message: string;
  /** What the user can do now. */
  action: string;
}

const KEEP_SAFE = "Your document was not changed and your settings are kept.";

export function isCancellation(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === "GenerationCancelledError" || name === "AbortError" || name === "DownloadAbortedError";
}

export function describeFailure(error: unknown, during: "generate" | "keep" | "load"): FailureNotice {
  const name = (error as { name?: string } | null)?.name ?? "Error";
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case "OutOfMemoryError":
      return { title: "Not enough memory", message, action: `Make fewer images at once or select a smaller area, then Generate again. ${KEEP_SAFE}` };
    case "ModelNotCachedError":
    case "ModelUnsupportedError":
      return { title: "Model not available", message, action: "Open Models below to download it, or pick another model." };
    case "ContentFilterUnavailableError":
      return { title: "Content filter not available", message, action: "Open Models below and download the model again (the filter comes with it), or pick another model." };
    case "EmptyMaskError":
      return { title: "Nothing to fill", message, action: "Move or enlarge the shapes so they cover part of the image." };
    case "SourceTooLargeError":
      return { title: "Image too large", message, action: "Select a smaller image or region." };
    case "PromptBlockedError":
      return { title: "Prompt not allowed", message, action: "Change the prompt and Generate again." };
    case "SourceNotFoundError":
    case "PageChangedError":
      return { title: "The selection changed", message, action: "Your result is still here: select the image again and press Keep." };
    case "GpuDeviceLostError":
      return { title: "The graphics device stopped", message, action: `Press Generate again; the engine restarts. ${KEEP_SAFE}` };
    default:
      return {
        title: during === "keep" ? "Could not add the layer" : during === "load" ? "Could not load the model" : "Generation failed",
        message,
        action: during === "keep" ? "Your result is still here: press Keep again." : `Press Generate to try again. ${KEEP_SAFE}`,
      };
  }
}
