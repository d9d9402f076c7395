/**
 * Loads the content filter a model names (catalogue companion or ModelSpec.safetyClassifier) on
 * the CPU path. Every failure — not downloaded, unreadable, wrong labels, session creation —
 * becomes ContentFilterUnavailableError in plain words: a model that must be screened does not run
 * without its filter.
 */
import type { ExecutionBackend } from "../runtime/backend";
import { ContentFilterUnavailableError, ResultScreener } from "../safety/result-screener";
import { readModelFile, type ResolvedSafety } from "./model-source";

export async function loadContentFilter(safety: ResolvedSafety, backend: ExecutionBackend): Promise<ResultScreener> {
  let files;
  try {
    const [classifier, config, preprocessorConfig] = await Promise.all([
      readModelFile(safety.classifier),
      safety.config.read(),
      safety.preprocessorConfig.read(),
    ]);
    files = { classifier, config, preprocessorConfig };
  } catch (error) {
    const notDownloaded = (error as { name?: string }).name === "ModelNotCachedError";
    throw new ContentFilterUnavailableError(
      notDownloaded
        ? `The content filter (${safety.displayName}) that checks every result is not downloaded, so this model cannot run. ` +
            `Open Models and download the model again: the filter downloads with it.`
        : `The content filter (${safety.displayName}) could not be read (${error instanceof Error ? error.message : String(error)}), so this model cannot run. ` +
            `Open Models, delete the model and download it again (the filter downloads with it).`,
      { cause: error },
    );
  }
  return ResultScreener.load(backend, { displayName: safety.displayName, ...files, thresholds: safety.thresholds });
}
