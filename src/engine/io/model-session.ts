/**
 * One ONNX model behind a role-based interface. Pipelines say "feed `sample`, `timestep`,
 * `encoderHiddenStates`"; this adapter finds the model's tensor names (diffusers' exporter,
 * Optimum), converts float32 ↔ float16, ids to int32/int64, timesteps to scalar/[1]/[B], checks
 * fixed dimensions, and turns every failure into an error naming the file and the tensor.
 */
import type { ExecutionBackend, InferenceSession, GraphSource, Tensor, TensorElementType } from "../runtime/backend";
import { GenerationCancelledError, ModelRunError, ModelSignatureError, OutOfMemoryError, isOutOfMemoryMessage } from "../errors";
import { decodeFloats, encodeFloats, encodeInts, isSupportedType, type TensorData } from "./tensor-convert";

/** role → names this role may have in an export, most common first. */
export interface ModelSignature {
  inputs: Record<string, readonly string[]>;
  /** Inputs some exports of this component have and others do not (an LCM UNet's `timestep_cond`). */
  optionalInputs?: Record<string, readonly string[]>;
  outputs: Record<string, readonly string[]>;
}

export type Feed =
  /** `unchanging`: the caller never modifies this array, so its conversion can be reused. */
  | { floats: Float32Array; dims: readonly number[]; unchanging?: boolean }
  | { ints: Int32Array; dims: readonly number[] }
  /** One timestep value for a whole batch, shaped as the model wants it. */
  | { timestep: number; batch: number };

export interface ModelOutput {
  data: Float32Array;
  dims: number[];
}

/** Declared type and shape of one model input/output (symbolic dims are strings or -1). */
export interface ResolvedTensor {
  name: string;
  type: string;
  shape: readonly (number | string)[] | null;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Receives the wall time spent inside session.run (for the outside-run budget). */
  onSessionRun?: (ms: number) => void;
  /** Keep onnxruntime from logging an expected failure (probing) to the console. */
  quiet?: boolean;
}

export class ModelSession {
  /** Converted forms of `unchanging` float inputs (fp16 embeddings reused every step). */
  private readonly converted = new WeakMap<Float32Array, TensorData>();

  private constructor(
    readonly file: string,
    private readonly backend: ExecutionBackend,
    private readonly session: InferenceSession,
    readonly inputs: Readonly<Record<string, ResolvedTensor>>,
    readonly outputs: Readonly<Record<string, ResolvedTensor>>,
    /** Every declared input and output of the graph, for checking it against a contract. */
    readonly graph: { inputs: ResolvedTensor[]; outputs: ResolvedTensor[] },
  ) {}

  static async open(backend: ExecutionBackend, source: GraphSource, signature: ModelSignature): Promise<ModelSession> {
    const session = await backend.createSession(source);
    try {
      const inputs = resolveInputs(source.name, session, signature);
      const outputs = resolveOutputs(source.name, session, signature);
      const graph = { inputs: [...metadataOf(session, "input").values()], outputs: [...metadataOf(session, "output").values()] };
      return new ModelSession(source.name, backend, session, inputs, outputs, graph);
    } catch (error) {
      await session.release().catch(() => undefined);
      throw error;
    }
  }

  async run(feeds: Record<string, Feed>, wanted: readonly string[], options: RunOptions = {}): Promise<Record<string, ModelOutput>> {
    if (options.signal?.aborted) throw new GenerationCancelledError();
    const tensors: Record<string, Tensor> = {};
    let results: InferenceSession.OnnxValueMapType | null = null;
    try {
      for (const [role, feed] of Object.entries(feeds)) {
        const spec = this.inputs[role];
        if (!spec) throw new ModelSignatureError(this.file, role, `the pipeline fed an input role this model does not have`);
        tensors[spec.name] = this.toTensor(spec, feed);
      }
      const fetches = wanted.map((role) => this.outputs[role].name);
      const started = performance.now();
      try {
        results = await this.session.run(tensors, fetches, options.quiet ? { logSeverityLevel: 4 } : {});
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isOutOfMemoryMessage(message)) throw new OutOfMemoryError(this.backend.name === "webgpu" ? "gpu" : "cpu", this.file, error);
        throw new ModelRunError(this.file, error);
      }
      options.onSessionRun?.(performance.now() - started);
      const out: Record<string, ModelOutput> = {};
      for (const role of wanted) {
        const spec = this.outputs[role];
        const tensor = results[spec.name];
        // Outputs a backend keeps on the GPU (preferredOutputLocation) are downloaded here.
        const raw = tensor.location === "cpu" || tensor.location === undefined ? tensor.data : await tensor.getData(true);
        const data = decodeFloats(raw, tensor.type);
        if (!data) throw new ModelSignatureError(this.file, spec.name, `output has type ${tensor.type}; expected float32 or float16`);
        out[role] = { data, dims: [...tensor.dims] };
      }
      return out;
    } finally {
      // CPU tensors hold no native memory, but GPU-located outputs do: release everything we made.
      for (const tensor of Object.values(tensors)) tensor.dispose?.();
      if (results) for (const value of Object.values(results)) (value as Tensor).dispose?.();
    }
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private toTensor(spec: ResolvedTensor, feed: Feed): Tensor {
    const type = (isSupportedType(spec.type) ? spec.type : "float32") as TensorElementType;
    if ("timestep" in feed) {
      const dims = timestepDims(this.file, spec, feed.batch);
      const count = dims.length === 0 ? 1 : dims[0];
      return this.backend.createTensor(type, encodeFloats(new Float32Array(count).fill(feed.timestep), type), dims);
    }
    checkFixedDims(this.file, spec, feed.dims);
    if ("ints" in feed) return this.backend.createTensor(type, encodeInts(feed.ints, type), feed.dims);
    if (type === "int32" || type === "int64") {
      throw new ModelSignatureError(this.file, spec.name, `expects ${type} values, but this input carries floats — is this the right model file?`);
    }
    if (type === "float32" || !feed.unchanging) return this.backend.createTensor(type, encodeFloats(feed.floats, type), feed.dims);
    let data = this.converted.get(feed.floats);
    if (!data) {
      data = encodeFloats(feed.floats, type);
      this.converted.set(feed.floats, data);
    }
    return this.backend.createTensor(type, data, feed.dims);
  }
}

function metadataOf(session: InferenceSession, which: "input" | "output"): Map<string, ResolvedTensor> {
  const names = which === "input" ? session.inputNames : session.outputNames;
  const metadata = (which === "input" ? session.inputMetadata : session.outputMetadata) ?? [];
  const byName = new Map<string, ResolvedTensor>();
  for (const name of names) byName.set(name, { name, type: "float32", shape: null });
  for (const entry of metadata) {
    if (entry.isTensor) byName.set(entry.name, { name: entry.name, type: entry.type, shape: entry.shape });
  }
  return byName;
}

function resolveInputs(file: string, session: InferenceSession, signature: ModelSignature): Record<string, ResolvedTensor> {
  const available = metadataOf(session, "input");
  const resolved: Record<string, ResolvedTensor> = {};
  for (const [role, names] of Object.entries(signature.inputs)) {
    const name = names.find((n) => available.has(n));
    if (!name) {
      throw new ModelSignatureError(
        file,
        names[0],
        `missing input (the model's inputs are ${list(available.keys())}). Is this the right file for this component?`,
      );
    }
    resolved[role] = available.get(name)!;
  }
  for (const [role, names] of Object.entries(signature.optionalInputs ?? {})) {
    const name = names.find((n) => available.has(n));
    if (name) resolved[role] = available.get(name)!;
  }
  const used = new Set(Object.values(resolved).map((r) => r.name));
  for (const name of available.keys()) {
    if (!used.has(name)) {
      throw new ModelSignatureError(
        file,
        name,
        `the model needs an input Stable Diffusion 1.x/2.x pipelines do not provide (is it an SDXL or another model family?)`,
      );
    }
  }
  for (const spec of Object.values(resolved)) {
    if (!isSupportedType(spec.type)) throw new ModelSignatureError(file, spec.name, `unsupported input type ${spec.type}`);
  }
  return resolved;
}

function resolveOutputs(file: string, session: InferenceSession, signature: ModelSignature): Record<string, ResolvedTensor> {
  const available = metadataOf(session, "output");
  const resolved: Record<string, ResolvedTensor> = {};
  for (const [role, names] of Object.entries(signature.outputs)) {
    let name = names.find((n) => available.has(n));
    // A single-output model whose exporter named the output differently is still unambiguous.
    if (!name && available.size === 1 && Object.keys(signature.outputs).length === 1) name = [...available.keys()][0];
    if (!name) {
      throw new ModelSignatureError(file, names[0], `missing output (the model's outputs are ${list(available.keys())}). Is this the right file for this component?`);
    }
    resolved[role] = available.get(name)!;
  }
  return resolved;
}

function timestepDims(file: string, spec: ResolvedTensor, batch: number): number[] {
  const shape = spec.shape;
  if (shape && shape.length === 0) return [];
  if (shape && shape.length === 1 && typeof shape[0] === "number" && shape[0] > 0) {
    if (shape[0] === 1) return [1];
    if (shape[0] !== batch) throw new ModelSignatureError(file, spec.name, `has a fixed batch of ${shape[0]}, but the pipeline runs batch ${batch}`);
  }
  return [batch];
}

function checkFixedDims(file: string, spec: ResolvedTensor, dims: readonly number[]): void {
  const shape = spec.shape;
  if (!shape) return;
  const fixedMismatch = shape.length !== dims.length || shape.some((d, i) => typeof d === "number" && d > 0 && d !== dims[i]);
  if (fixedMismatch) {
    throw new ModelSignatureError(
      file,
      spec.name,
      `expects shape [${shape.join(", ")}] but got [${dims.join(", ")}] — the models in this folder do not belong together, or the size/batch is not supported by this export`,
    );
  }
}

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length ? all.map((n) => `"${n}"`).join(", ") : "(none)";
}
