/**
 * The execution backend seam. Pipelines only see `ExecutionBackend`: which runtime runs the
 * sessions (onnxruntime-web wasm / WebGPU, onnxruntime-node) is chosen by whoever builds the
 * engine — Node CLI, tests, or the browser worker — never by a pipeline.
 */
import type { InferenceSession, Tensor } from "onnxruntime-web";

export type { InferenceSession, Tensor };

/** Element types the adapter converts to and from. */
export type TensorElementType = "float32" | "float16" | "int32" | "int64";

/** Where a model's bytes come from. `name` is what error messages show (e.g. "unet/model.onnx"). */
export interface GraphSource {
  name: string;
  /** The .onnx file's bytes (preferred: works with every backend). */
  bytes?: Uint8Array;
  /** Or a URL (browser) / file path (Node) the runtime reads itself. */
  url?: string;
  /**
   * Weights stored beside the graph (`model.onnx_data`, `weights.pb`) for models over 2 GB: bytes,
   * or a path (Node) / URL (browser, e.g. an object URL of an OPFS file) the runtime reads itself,
   * with its size when known so a runtime limit can be named before it is hit.
   */
  externalData?: { path: string; data: Uint8Array | string; size?: number }[];
  /** Frees what the source holds (object URLs) once a session has been created from it. */
  release?: () => void;
}

/** How the engine should split batches for this backend (see the README of src/engine). */
export interface BatchingPreference {
  /**
   * Largest UNet batch to run in one session.run. On wasm a batch-2 call costs 1.6–2.3× a batch-1
   * call and large batches exhaust the 4 GiB heap, so wasm prefers 1; GPUs prefer everything at once.
   */
  maxUnetBatch: number;
  /** Same for the VAE decoder, the most memory-hungry model at 512². */
  maxVaeBatch: number;
}

export interface ExecutionBackend {
  /** e.g. "wasm", "webgpu", "onnxruntime-node". */
  readonly name: string;
  readonly batching: BatchingPreference;
  createSession(source: GraphSource): Promise<InferenceSession>;
  /** Tensors must come from the same runtime as the session (each package has its own class). */
  createTensor(type: TensorElementType | "uint8", data: Float32Array | Uint16Array | Int32Array | BigInt64Array | Uint8Array, dims: readonly number[]): Tensor;
}
