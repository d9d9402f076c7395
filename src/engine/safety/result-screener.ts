/**
 * The loaded content filter: one image-classifier session plus its labels, preprocessing and
 * thresholds, ready to give a verdict on every result image. Loading checks that every threshold
 * names a label the model really has, so a wrong label refuses at load instead of at the first
 * result (or, worse, never flagging anything).
 */
import { EngineError } from "../errors";
import type { ExecutionBackend, InferenceSession, GraphSource } from "../runtime/backend";
import { classifyImage, parseClassifierConfig, type ClassifierConfig, type ImageVerdict, type RgbaImage } from "./image-classifier";

/**
 * The classifier a product model needs is missing or does not load: the model then refuses to run
 * rather than hand out unscreened results.
 */
export class ContentFilterUnavailableError extends EngineError {
  override name = "ContentFilterUnavailableError";
}

export interface ScreenerFiles {
  /** What messages call the filter ("ViT NSFW image classifier"). */
  displayName: string;
  /** The classifier ONNX. */
  classifier: GraphSource;
  /** Hugging Face config.json (id2label) and preprocessor_config.json, as bytes. */
  config: Uint8Array;
  preprocessorConfig: Uint8Array;
  /** label → probability at or above which a result is withheld. */
  thresholds: Record<string, number>;
}

export class ResultScreener {
  private constructor(
    private readonly backend: ExecutionBackend,
    private readonly session: InferenceSession,
    readonly config: ClassifierConfig,
    readonly thresholds: Record<string, number>,
    readonly displayName: string,
  ) {}

  /** Throws ContentFilterUnavailableError (plain words, what to do) when anything is wrong. */
  static async load(backend: ExecutionBackend, files: ScreenerFiles): Promise<ResultScreener> {
    const fail = (what: string, cause?: unknown): ContentFilterUnavailableError =>
      new ContentFilterUnavailableError(
        `The content filter (${files.displayName}) ${what}, so this model cannot run: every result must be checked before it is shown. ` +
          `Open Models, delete the model and download it again (the filter downloads with it).`,
        { cause },
      );
    let config: ClassifierConfig;
    try {
      config = parseClassifierConfig(parseJson(files.config), parseJson(files.preprocessorConfig));
    } catch (error) {
      throw fail(`has unreadable config files (${(error as Error).message})`, error);
    }
    const thresholds = Object.entries(files.thresholds);
    if (thresholds.length === 0) throw fail("has no thresholds");
    const unknown = thresholds.map(([label]) => label).filter((label) => !config.labels.includes(label));
    if (unknown.length > 0) throw fail(`has no label ${unknown.map((l) => `"${l}"`).join(", ")} (its labels: ${config.labels.join(", ")})`);
    let session: InferenceSession;
    try {
      session = await backend.createSession(files.classifier);
    } catch (error) {
      throw fail(`could not be loaded (${error instanceof Error ? error.message : String(error)})`, error);
    }
    return new ResultScreener(backend, session, config, files.thresholds, files.displayName);
  }

  /** One verdict per image, in order. A classifier failure throws: no verdict, no result. */
  async verdicts(images: readonly RgbaImage[]): Promise<ImageVerdict[]> {
    const out: ImageVerdict[] = [];
    for (const image of images) out.push(await classifyImage(this.backend, this.session, image, this.config, this.thresholds));
    return out;
  }

  async release(): Promise<void> {
    await this.session.release().catch(() => undefined);
  }
}

function parseJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
}
