/**
 * onnxruntime-node as an ExecutionBackend, when the optional package is installed. It runs the
 * same graphs natively (multi-threaded, no 4 GiB heap limit), so the CLI and benches use it when
 * present. It is loaded with a dynamic import so bundles and machines without it are unaffected.
 */
import type { ExecutionBackend, GraphSource, TensorElementType, InferenceSession } from "./backend";
import { ModelLoadError } from "../errors";
import { linkedGraph } from "./linked-model-folder";

export interface OrtNodeBackendOptions {
  /** Threads per operator; default: let onnxruntime decide. */
  intraOpNumThreads?: number;
  maxUnetBatch?: number;
}

/** The onnxruntime-node backend, or null when the package is not installed / cannot load here. */
export async function tryCreateOrtNodeBackend(options: OrtNodeBackendOptions = {}): Promise<ExecutionBackend | null> {
  // A variable specifier keeps bundlers (webpack) from trying to resolve a Node-only package.
  const specifier = "onnxruntime-node";
  let ort: typeof import("onnxruntime-web");
  try {
    ort = (await import(/* webpackIgnore: true */ specifier)) as typeof import("onnxruntime-web");
  } catch {
    return null;
  }
  return {
    name: "onnxruntime-node",
    // Native CPU: batching helps less than on GPU but costs no heap limit; keep 1 for the same
    // per-image cost reasons as wasm unless the caller asks otherwise.
    batching: { maxUnetBatch: options.maxUnetBatch ?? 1, maxVaeBatch: 1 },
    async createSession(source: GraphSource): Promise<InferenceSession> {
      const sessionOptions: InferenceSession.SessionOptions = {
        graphOptimizationLevel: "all",
        // ORT's intra-op threads busy-wait after each run by default; on a 2-core machine that
        // starves the JS thread between UNet steps (bench: 80–400 ms outside session.run vs 10–31 ms).
        extra: { session: { intra_op: { allow_spinning: "0" } } },
      };
      if (options.intraOpNumThreads) sessionOptions.intraOpNumThreads = options.intraOpNumThreads;
      // A file path lets the native runtime map the graph and read its external data itself (any size).
      const linked = await linkedGraph(source).catch((error) => {
        throw new ModelLoadError(source.name, error);
      });
      try {
        if (linked.path) return await ort.InferenceSession.create(linked.path, sessionOptions);
        const inMemory = source.externalData?.filter((e): e is { path: string; data: Uint8Array } => typeof e.data !== "string");
        if (inMemory?.length) sessionOptions.externalData = inMemory.map(({ path, data }) => ({ path, data }));
        if (source.bytes) return await ort.InferenceSession.create(source.bytes, sessionOptions);
      } catch (error) {
        throw new ModelLoadError(source.name, error);
      } finally {
        await linked.cleanup();
      }
      throw new ModelLoadError(source.name, new Error("no bytes or path given"));
    },
    createTensor(type: TensorElementType | "uint8", data, dims) {
      return new ort.Tensor(type, data, dims);
    },
  };
}
