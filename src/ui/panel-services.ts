/**
 * The long-lived parts of one open panel, built once per mount: the engine service, the model
 * library and the generation session. Async because the library probes the device first.
 */
import { checkPrompt } from "../engine/safety/prompt-filter";
import { describeAdapter, getCatalogue, OpfsModelStore } from "../engine/models";
import { devPanelModels } from "./dev-models";
import { createEngineWorker } from "../engine/worker";
import { createEngineClientService } from "./engine/engine-client-service";
import type { GenerateService } from "./engine/generate-service";
import { captureSource } from "./flow/capture-source";
import { GenerationSession } from "./flow/generation-session";
import type { PanelHost } from "./host/panel-host";
import { ModelLibrary } from "./models/model-library";
import { RemovalModel } from "./models/removal-model";
import { createKeptPixelsStore, type KeptPixelsStore } from "./storage/kept-pixels-store";
import { VariationsStore } from "./storage/variations-store";
import { panelModelsFrom, type PanelModel } from "./models/panel-models";
import type { PanelOptions } from "./panel-options";

export interface PanelServices {
  service: GenerateService;
  library: ModelLibrary;
  session: GenerationSession;
  /** Unkept variations of kept layers ("Other variations"). */
  variations: VariationsStore;
  /** Exact pixels of layers kept here (source notes ask whether a selected layer has them). */
  keptPixels: KeptPixelsStore;
  /** Remove's engine: MI-GAN once downloaded, the built-in fill until then. */
  removal: RemovalModel;
}

export async function createPanelServices(host: PanelHost, options: PanelOptions): Promise<PanelServices> {
  // The engine runs in a Web Worker: the panel stays responsive while it works.
  const service = options.service ?? createEngineClientService(createEngineWorker(), { forceBackend: options.forceBackend }, { testFault: options.testFault });
  // The tools' models (MI-GAN for Remove, SlimSAM for click-to-select) are listed even beside dev models only.
  const product = panelModelsFrom(getCatalogue());
  const models: PanelModel[] = [
    ...(options.devModelsBase ? devPanelModels(options.devModelsBase) : []),
    ...(options.devModelsOnly ? product.filter((m) => m.tool) : product),
  ];
  const adapter = await describeAdapter().catch(() => ({ hasWebGPU: false, shaderF16: false, maxBufferSize: 0, maxStorageBufferBindingSize: 0 }));
  const onCpu = options.forceBackend === "wasm";
  const store = options.store ?? new OpfsModelStore();
  const library = new ModelLibrary(models, store, onCpu ? { ...adapter, hasWebGPU: false } : adapter);
  const removal = new RemovalModel(library);
  await library.refresh().catch((error: unknown) => console.warn("Model cache could not be read:", error));
  const variations = new VariationsStore();
  const keptPixels = createKeptPixelsStore();
  const session = new GenerationSession({
    host,
    service,
    engineSource: (model) => library.engineSource(model.id),
    previewDecoder: () => library.previewDecoderSpec(),
    captureSource,
    keptPixels,
    // Every Keep stores the run's other finished variations for that layer (nothing lost on close).
    onKept: ({ inserted, record, others }) => void variations.save(inserted.nodeId, record, others).catch((error: unknown) => console.warn("Could not store the other variations:", error)),
    checkPrompt: (prompt) => {
      const verdict = checkPrompt(prompt);
      return verdict.allowed ? null : (verdict.message ?? "This prompt is not allowed.");
    },
  });
  return { service, library, session, variations, keptPixels, removal };
}
