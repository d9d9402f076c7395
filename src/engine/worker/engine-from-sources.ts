/**
 * A model given as graph sources (a model folder on disk for the CLI, URLs for the browser bench,
 * bytes in tests) loaded through the worker's own loader, ComponentSet: the same file reading,
 * session creation, contract checks and engine assembly as a catalogue model in the panel. There
 * is no second way to load a model; this only adapts the sources to the loader's file type.
 *
 * Unlike a panel load (one mode's components), every part the sources name is loaded, so one
 * engine serves every mode the folder can do (the CLI picks the mode per job, tests run them all).
 */
import type { ComponentName } from "../../contract/worker-protocol";
import type { StableDiffusionEngine } from "../engine";
import { InvalidInputError } from "../errors";
import { MODEL_PARTS } from "../model-layout";
import type { ExecutionBackend, GraphSource } from "../runtime/backend";
import type { StableDiffusionSettings, StableDiffusionSources } from "../stable-diffusion-models";
import { ComponentSet, type ComponentProgress, type LoadableVariant } from "./component-set";
import type { ResolvedFile } from "./model-source";

/** Loads every part of `sources` and returns the engine over them. */
export async function loadEngineFromSources(
  backend: ExecutionBackend,
  sources: StableDiffusionSources,
  settings: StableDiffusionSettings,
  onProgress?: ComponentProgress,
): Promise<StableDiffusionEngine> {
  if (!sources.unet && !sources.unetInpaint) throw new InvalidInputError("No UNet given: a model needs unet/model.onnx.");
  const variant = variantOfSources(sources);
  const set = new ComponentSet(backend, variant, { ...settings, tokenizer: settings.tokenizer ?? null });
  const parts = MODEL_PARTS.filter((part) => sources[part] !== undefined) as ComponentName[];
  return set.engineWith(parts, onProgress);
}

/** The sources as the loader's variant: each graph read when its component loads, never before. */
export function variantOfSources(sources: StableDiffusionSources, id = "sources"): LoadableVariant {
  const files: Partial<Record<ComponentName, ResolvedFile>> = {};
  for (const part of MODEL_PARTS) {
    const source = sources[part];
    if (source) files[part] = fileOfSource(source);
  }
  return { id, files };
}

/**
 * Bytes stay bytes; a path (Node) or URL (browser) is handed to the runtime unread, as the
 * loader does with a cached multi-GB file (an unknown size makes it pass the location on).
 */
function fileOfSource(source: GraphSource): ResolvedFile {
  const located = (name: string, data: Uint8Array | string | undefined, size?: number): Pick<ResolvedFile, "size" | "read" | "locate"> => {
    if (data instanceof Uint8Array) return { size: data.byteLength, read: async () => data };
    if (typeof data === "string") return { size: null, read: () => Promise.reject(unreadable(name)), locate: async () => ({ kind: "path", path: data, size: size ?? 0 }) };
    return { size: null, read: () => Promise.reject(unreadable(name)) };
  };
  return {
    name: source.name,
    ...located(source.name, source.bytes ?? source.url),
    externalData: source.externalData?.map((e) => ({ path: e.path, file: { name: e.path, ...located(e.path, e.data, e.size) } })),
  };
}

function unreadable(name: string): Error {
  return new InvalidInputError(`${name} names neither bytes nor a path or URL to load it from.`);
}
