/**
 * GenerateService over the engine's EngineClient (src/engine/worker): the Web Worker in the
 * product, so the panel never blocks while the engine works. Init happens once, on first use.
 *
 * The model stays loaded across runs and across modes that use it (the worker keeps its sessions).
 * A load already under way (the panel's background preload) is joined, not repeated: the caller
 * gets its remaining events, and every caller gets the notices the load produced (e.g. "running on
 * the CPU instead of the GPU"). After `idleReleaseMs` without a load or a run the model is
 * released to free memory, and `onReleased` listeners are told why. So it is after the panel has
 * been hidden (document.visibilityState) for `hiddenReleaseMs` (a run under way finishes first);
 * when the panel is shown again, that model loads again in the background.
 */
import type { InitOptions, ModelSource, PreviewDecoderSpec, RunEvent, TestFault } from "../../contract/worker-protocol";
import type { EngineClient } from "../../engine/worker";
import { modelSourceKey, type GenerateService, type OnEvent } from "./generate-service";
import { describeDuration, documentVisibility, type PanelVisibility } from "./panel-visibility";

/** Default idle time before the model is released: long enough to try again, short enough to give memory back. */
export const IDLE_RELEASE_MS = 10 * 60_000;

export interface EngineServiceOptions {
  idleReleaseMs?: number;
  /** Time hidden before the model is released; default the idle timeout. */
  hiddenReleaseMs?: number;
  /** Default: the document's visibility (none in Node). */
  visibility?: PanelVisibility | null;
  /** Tests only: a fault the engine injects once (init with allowTestFaults), e.g. a lost GPU after step 1. */
  testFault?: TestFault;
}

interface Loading {
  key: string;
  done: Promise<void>;
  listeners: Set<OnEvent>;
  /** Notices of this load, shown to every run on the model. */
  notices: RunEvent[];
}

export function createEngineClientService(client: EngineClient, initOptions: InitOptions = {}, options: EngineServiceOptions = {}): GenerateService {
  let device: ReturnType<EngineClient["init"]> | null = null;
  let current: Loading | null = null;
  let busy = 0;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const releasedListeners = new Set<(reason: string) => void>();
  const idleMs = options.idleReleaseMs ?? IDLE_RELEASE_MS;
  const hiddenMs = options.hiddenReleaseMs ?? idleMs;
  const visibility = options.visibility === undefined ? documentVisibility() : options.visibility;
  /** Hidden long enough: release as soon as no run is under way. */
  let hiddenDue = false;
  let hiddenTimer: ReturnType<typeof setTimeout> | null = null;
  /** What to load again when the panel is shown after a release while hidden. */
  let lastLoad: { source: ModelSource; preview?: PreviewDecoderSpec } | null = null;
  let reloadWhenShown = false;
  const { testFault } = options;
  const init = () =>
    (device ??= testFault
      ? client.init({ ...initOptions, allowTestFaults: true }).then(async (report) => (await client.injectTestFault(testFault).catch((e: unknown) => console.warn("test fault refused:", e)), report))
      : client.init(initOptions));

  const release = async (reason: string) => {
    if (!current) return;
    current = null;
    await client.release().catch(() => undefined);
    for (const listener of releasedListeners) listener(reason);
  };
  const releaseIfHidden = () => {
    if (!hiddenDue || busy > 0) return;
    hiddenDue = false;
    if (!current) return;
    reloadWhenShown = true;
    void release(`The model was unloaded after the panel was hidden for ${describeDuration(hiddenMs)}, to give its memory back; it loads again when the panel is shown.`);
  };
  const onVisibility = () => {
    if (visibility?.hidden()) {
      if (!hiddenTimer && Number.isFinite(hiddenMs)) hiddenTimer = setTimeout(() => ((hiddenTimer = null), (hiddenDue = true), releaseIfHidden()), hiddenMs);
      return;
    }
    if (hiddenTimer) clearTimeout(hiddenTimer);
    hiddenTimer = null;
    hiddenDue = false;
    if (reloadWhenShown && lastLoad && !current) void service.load(lastLoad.source, undefined, { preview: lastLoad.preview }).catch(() => undefined);
    reloadWhenShown = false;
  };
  const stopWatching = visibility?.onChange(onVisibility) ?? (() => undefined);
  const armIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (busy > 0 || !current || !Number.isFinite(idleMs)) return;
    idleTimer = setTimeout(() => void release(`The model was unloaded after ${describeDuration(idleMs)} unused, to give its memory back; the next Generate loads it again.`), idleMs);
  };
  const working = async <T>(work: () => Promise<T>): Promise<T> => {
    busy++;
    if (idleTimer) clearTimeout(idleTimer);
    try {
      return await work();
    } finally {
      busy--;
      armIdle();
      releaseIfHidden();
    }
  };

  const service: GenerateService = {
    device: init,

    load: (source: ModelSource, onEvent?: OnEvent, options: { preview?: PreviewDecoderSpec } = {}) =>
      working(async () => {
        await init();
        // A TAESD downloaded since the last load makes it a different load (previews, Fast finish).
        const key = `${modelSourceKey(source)}${options.preview ? "+preview" : ""}`;
        lastLoad = { source, preview: options.preview };
        if (current?.key !== key) {
          const loading: Loading = { key, done: Promise.resolve(), listeners: new Set(), notices: [] };
          loading.done = client
            .load(source, {
              preview: options.preview,
              onEvent: (event) => {
                if (event.type === "notice") loading.notices.push(event);
                for (const listener of loading.listeners) listener(event);
              },
            })
            .then(
              () => undefined,
              (error: unknown) => {
                if (current === loading) current = null; // the next call tries again
                throw error;
              },
            );
          current = loading;
        }
        const loading = current;
        for (const notice of loading.notices) onEvent?.(notice);
        if (onEvent) loading.listeners.add(onEvent);
        try {
          await loading.done;
        } finally {
          if (onEvent) loading.listeners.delete(onEvent);
        }
      }),

    generate: (request, onEvent, signal) =>
      working(async () => {
        await init();
        const loading = current;
        return client.generate(request, {
          signal,
          onEvent: (event) => {
            // A fallback during a run moves the model for good: later runs on it say so too.
            if (event.type === "notice" && event.notice.kind === "fallback" && loading && current === loading) loading.notices.push(event);
            onEvent(event);
          },
        });
      }),

    remove: (request, onEvent, signal) =>
      working(async () => {
        await init();
        signal.throwIfAborted();
        const result = await client.remove(request, { onEvent });
        // The fill runs to its end in the worker (it takes about a second); a cancel drops its result.
        signal.throwIfAborted();
        return result;
      }),

    onReleased(listener) {
      releasedListeners.add(listener);
      return () => releasedListeners.delete(listener);
    },

    release: (reason) => release(reason),

    async dispose() {
      if (idleTimer) clearTimeout(idleTimer);
      if (hiddenTimer) clearTimeout(hiddenTimer);
      stopWatching();
      client.dispose();
    },
  };
  onVisibility(); // a panel opened in a background tab starts its clock now
  return service;
}
