/**
 * Any failure of the flow → what the panel shows: a short title, the cause in plain words, and
 * what to do next. Engine, imaging and sandbox errors already carry their cause; this adds the next
 * step in the panel's own terms (Strength, Steps under Advanced, Models below), one that works —
 * pressing Generate again is only suggested when a second try can succeed. Where an error's own
 * advice names something the panel does not have (an fp32 variant, a backend switch, an automatic
 * restart), the panel's wording replaces it.
 */

export interface FailureNotice {
  title: string;
  message: string;
  /** What the user can do now. */
  action: string;
}

const KEEP_SAFE = "Your document was not changed and your settings are kept.";
const OTHER_MODEL = "pick another model under Advanced";
const REDOWNLOAD = "Open Models below, delete this model and download it again, or pick another model under Advanced.";
const REOPEN = "Close and reopen the add-on";
/** For failures a second run may not repeat; the alternative covers the case where it does. */
const TRY_ONCE_MORE = `Press Generate to try again; if it fails the same way, ${OTHER_MODEL}. ${KEEP_SAFE}`;

/** The entry for one error name; `message` replaces the error's own text when set. */
interface Entry {
  title: string;
  action: string;
  message?: string;
}

const NOT_ON_THIS_DEVICE: Entry = { title: "This model can't run on this device", action: `Pick another model under Advanced (a smaller one), then Generate again.` };
const BROKEN_MODEL_FILES: Entry = { title: "The model files can't be used", action: REDOWNLOAD };
const BROKEN_MODEL_SETTINGS: Entry = { title: "This model can't be used", action: `Its settings don't work with this add-on: ${OTHER_MODEL}.` };
const OUT_OF_MEMORY: Entry = { title: "Not enough memory", action: `Make fewer images at once or select a smaller area, then Generate again. ${KEEP_SAFE}` };

const GENERATE_FAILURES: Record<string, Entry> = {
  // Settings the panel sent (core/ and engine input checks).
  StrengthError: { title: "Strength too low for these Steps", action: "Raise Strength, or change Steps under Advanced as described above, then Generate again." },
  InferenceStepsError: { title: "Too many steps for this model", action: "Lower Steps under Advanced, then Generate again." },
  SeedError: { title: "This seed can't be used", action: "Enter a whole number as the Seed under Advanced (or press Shuffle seed), then Generate again." },
  InvalidInputError: { title: "These settings can't be used", action: `Change the setting named above, then Generate again. ${KEEP_SAFE}` },
  // The model itself.
  UnknownSchedulerError: BROKEN_MODEL_SETTINGS,
  SchedulerConfigError: BROKEN_MODEL_SETTINGS,
  ModelSignatureError: { title: "This model can't be used", action: `It is not a model this add-on can run: ${OTHER_MODEL}.` },
  ModelLoadError: BROKEN_MODEL_FILES,
  ModelContractError: BROKEN_MODEL_FILES,
  TokenizerFileError: BROKEN_MODEL_FILES,
  // The add-on's own tokenizer data (shipped with it, not downloaded) did not load.
  BundledTokenizerError: { title: "The add-on did not load completely", action: `${REOPEN}, then Generate again. ${KEEP_SAFE}` },
  ModelNotCachedError: { title: "Model not downloaded", action: "Open Models below to download it, or pick another model under Advanced." },
  ModelUnsupportedError: NOT_ON_THIS_DEVICE,
  ContentFilterUnavailableError: { title: "Content filter not available", action: "Open Models below and download the model again (the filter comes with it), or pick another model under Advanced." },
  NonFiniteOutputError: {
    title: "The model produced a broken image",
    message: "The model produced invalid numbers on this device, which happens with some models on some GPUs.",
    action: `Pick another model under Advanced, or use fewer Steps, then Generate again. ${KEEP_SAFE}`,
  },
  ModelRunError: { title: "The model stopped with an error", action: TRY_ONCE_MORE },
  ModelConfigError: BROKEN_MODEL_SETTINGS,
  // Getting the model (downloads keep the bytes already received; a complete cached model stays usable).
  RateLimitedError: { title: "The model host is busy", action: `Wait a few minutes, then open Models below and press Download again; the part already downloaded is kept. ${KEEP_SAFE}` },
  ServerError: { title: "The model host is having problems", action: `Try again later from Models below; the part already downloaded is kept. ${KEEP_SAFE}` },
  RedirectError: { title: "The download was sent somewhere unsafe", action: `Nothing from that address was kept. Update the add-on, or ${OTHER_MODEL}.` },
  NetworkError: { title: "The download stopped", action: "Check the internet connection, then open Models below and press Download again; it resumes where it stopped." },
  ModelFileNotFoundError: { title: "The model is no longer published", action: `Update the add-on, or ${OTHER_MODEL}.` },
  ModelLayoutError: { title: "This model can't be used", action: `Nothing was downloaded: ${OTHER_MODEL}.` },
  HashMismatchError: { title: "The download was damaged", action: "Nothing damaged was kept: press Download again later, or pick another model under Advanced." },
  QuotaExceededError: { title: "Not enough storage", action: "Delete a model you no longer use in Models below, then press Download again." },
  // Memory and the device (the engine already fell back to the CPU where it could).
  OutOfMemoryError: OUT_OF_MEMORY,
  GpuBufferLimitError: { title: "Too large for this GPU", action: `Select a smaller area, or pick a smaller model under Advanced, then Generate again. ${KEEP_SAFE}` },
  ShaderF16UnavailableError: NOT_ON_THIS_DEVICE,
  CpuPathUnavailableError: NOT_ON_THIS_DEVICE,
  GpuUnavailableError: NOT_ON_THIS_DEVICE,
  // The worker keeps a lost GPU (and a crashed worker stays dead) until the panel is reopened.
  GpuDeviceLostError: {
    title: "The graphics device stopped",
    action: `${REOPEN} to use the GPU again, or pick a smaller model under Advanced that runs on the CPU. ${KEEP_SAFE}`,
  },
  GpuOperationError: {
    title: "The GPU rejected the model",
    message: "The GPU rejected an operation while running the model, so its result could not be trusted.",
    action: `${REOPEN}, then Generate again; if it keeps failing, ${OTHER_MODEL}. ${KEEP_SAFE}`,
  },
  EngineWorkerCrashedError: {
    title: "The engine stopped",
    message: "The generation engine stopped unexpectedly and cannot continue in this panel.",
    action: `${REOPEN}, then Generate again; if it happens again, make fewer images or ${OTHER_MODEL}. ${KEEP_SAFE}`,
  },
  // Remove with MI-GAN (src/engine/removal): the message names the download or the broken file.
  RemovalModelUnavailableError: { title: "MI-GAN not downloaded", action: "Press Download MI-GAN under the Remove button, or switch to the built-in fill, then press Remove again." },
  RemovalModelError: { title: "The removal model can't be used", action: "Press Delete MI-GAN under the Remove button (Remove then uses the built-in fill), and download it again if you want it back." },
  // The selection and its pixels.
  EmptyMaskError: { title: "Nothing to fill", action: "Move or enlarge the shapes so they cover part of the image." },
  SourceTooLargeError: { title: "Image too large", action: "Select a smaller image or region." },
  PathSyntaxError: { title: "A shape can't be read", action: "Select other shapes (rectangles, ellipses or simple paths), then Generate again." },
  PromptBlockedError: { title: "Prompt not allowed", action: "Describe something else in the prompt, then press Generate." },
};

const KEEP_FAILURES: Record<string, Entry> = {
  SourceNotFoundError: { title: "The selection changed", action: "Your result is still here: select the image again and press Keep." },
  PageChangedError: { title: "The selection changed", action: "Your result is still here: go back to its page and press Keep." },
  InvalidInsertRequestError: { title: "The result no longer fits the selection", action: "Select the image or shapes again and press Generate." },
  GenerationRecordTooLargeError: { title: "Prompt too long to store", action: "Shorten the prompt or negative prompt, then Generate again and Keep the new result." },
};

export function isCancellation(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === "GenerationCancelledError" || name === "AbortError" || name === "DownloadAbortedError";
}

export function describeFailure(error: unknown, during: "generate" | "keep" | "load"): FailureNotice {
  const name = (error as { name?: string } | null)?.name ?? "Error";
  const message = error instanceof Error ? error.message : String(error);
  const entry = KEEP_FAILURES[name] ?? GENERATE_FAILURES[name];
  if (entry) return { title: entry.title, message: entry.message ?? message, action: entry.action };
  return {
    title: during === "keep" ? "Could not add the layer" : during === "load" ? "Could not load the model" : "Generation failed",
    message,
    action: during === "keep" ? "Your result is still here: press Keep again." : TRY_ONCE_MORE,
  };
}
