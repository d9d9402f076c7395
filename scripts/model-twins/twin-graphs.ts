/**
 * Tiny ONNX graphs with exactly a contract's signature (names, dtypes, fixed dims, external-data
 * file) and trivial weights: a "twin" of a published export that loads and runs through the real
 * engine path in CI. Float16 inputs are cast to float32 first and outputs back, so every twin runs
 * on onnxruntime-web's wasm backend.
 */
import type { ContractDtype, ContractGraph, GraphContract, TensorContract } from "../../src/engine/models/contract-types";
import { encodeOnnxModel, ElemType, type ElemTypeName, type OnnxInitializer, type OnnxNode, type OnnxValue } from "../onnx/onnx-writer";

const ONNX_TYPES: Record<ContractDtype, ElemTypeName> = { float32: "FLOAT", float16: "FLOAT16", int32: "INT32", int64: "INT64", uint8: "UINT8" };

export interface TwinGraph {
  graph: Uint8Array;
  /** External-data file name → bytes (the graph refers to it by this name). */
  externalData: Map<string, Uint8Array>;
}

/** The dtype a twin uses: the contract's, or its first candidate when a source left it open. */
export function twinDtype(tensor: TensorContract): ContractDtype {
  return typeof tensor.dtype === "string" ? tensor.dtype : tensor.dtype[0];
}

/** Dims for a twin's declared IO: the contract's fixed sizes, its symbolic names kept. */
const declared = (tensor: TensorContract): OnnxValue => ({ name: tensor.name, type: ONNX_TYPES[twinDtype(tensor)], dims: [...tensor.dims] });

class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private readonly external: number[] = [];
  private counter = 0;

  constructor(private readonly externalFile: string | null) {}

  name(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** A float32 constant; into the external-data file when the contract has one. */
  constant(dims: number[], values: Float32Array): string {
    const name = this.name("w");
    const offset = this.external.length * 4;
    if (this.externalFile) this.external.push(...values);
    this.initializers.push({ name, dims, data: values, ...(this.externalFile ? { external: { location: this.externalFile, offset } } : {}) });
    return name;
  }

  ints(values: number[]): string {
    const name = this.name("i");
    this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values, BigInt) });
    return name;
  }

  op(op: string, inputs: string[], attributes?: OnnxNode["attributes"]): string {
    const out = this.name(op.toLowerCase());
    this.nodes.push({ op, inputs, outputs: [out], attributes });
    return out;
  }

  /** The input as float32 (cast when the contract's dtype is another). */
  asFloat(tensor: TensorContract): string {
    return twinDtype(tensor) === "float32" ? tensor.name : this.op("Cast", [tensor.name], { to: ElemType.FLOAT });
  }

  /** Writes `value` (float32) to the contract's output, cast to its dtype. */
  output(tensor: TensorContract, value: string): void {
    const to = ONNX_TYPES[twinDtype(tensor)];
    this.nodes.push(to === "FLOAT" ? { op: "Identity", inputs: [value], outputs: [tensor.name] } : { op: "Cast", inputs: [value], outputs: [tensor.name], attributes: { to: ElemType[to] } });
  }

  externalBytes(): Uint8Array {
    return new Uint8Array(new Float32Array(this.external).buffer);
  }
}

const ramp = (n: number, scale: number) => Float32Array.from({ length: n }, (_, i) => scale * (1 + (i % 7)));
const fixedDim = (tensor: TensorContract, axis: number, what: string): number => {
  const d = tensor.dims[axis];
  if (typeof d !== "number") throw new Error(`The contract of ${tensor.name} leaves ${what} (axis ${axis}) symbolic; a twin needs its size.`);
  return d;
};

/** The body of each graph kind: a few ops with the right output shape. */
function body(kind: ContractGraph, c: GraphContract, g: GraphBuilder): void {
  const input = (name: string) => c.inputs.find((i) => i.name === name) ?? c.inputs[0];
  const out = c.outputs[0];
  switch (kind) {
    case "textEncoder": {
      // ids [B, L] → float [B, L, 1] × w [1, 1, D]: any id works (no embedding table to overflow).
      const hidden = fixedDim(out, 2, "the hidden width");
      const ids = g.op("Cast", [input("input_ids").name], { to: ElemType.FLOAT });
      const column = g.op("Unsqueeze", [ids, g.ints([2])]);
      const scaled = g.op("Mul", [column, g.constant([1, 1, hidden], ramp(hidden, 1e-5))]);
      return g.output(out, scaled);
    }
    case "unet": {
      // out_sample = 0.5 · the first 4 channels of sample (the latents; an inpainting UNet has 9).
      const latents = g.op("Slice", [g.asFloat(input("sample")), g.ints([0]), g.ints([4]), g.ints([1])]);
      return g.output(out, g.op("Mul", [latents, g.constant([1], Float32Array.of(0.5))]));
    }
    case "vaeEncoder": {
      const conv = g.op("Conv", [g.asFloat(input("sample")), g.constant([4, 3, 8, 8], ramp(4 * 3 * 64, 1e-3))], { kernel_shape: [8, 8], strides: [8, 8] });
      return g.output(out, conv);
    }
    case "vaeDecoder": {
      const deconv = g.op("ConvTranspose", [g.asFloat(input("latent_sample")), g.constant([4, 3, 8, 8], ramp(4 * 3 * 64, 1e-2))], { kernel_shape: [8, 8], strides: [8, 8] });
      return g.output(out, deconv);
    }
    case "classifier": {
      const labels = fixedDim(out, 1, "the label count");
      const pooled = g.op("ReduceMean", [g.asFloat(input("pixel_values"))], { axes: [2, 3], keepdims: 0 });
      return g.output(out, g.op("MatMul", [pooled, g.constant([3, labels], ramp(3 * labels, 0.1))]));
    }
  }
}

export function buildTwinGraph(kind: ContractGraph, contract: GraphContract): TwinGraph {
  if (contract.externalData.length > 1) throw new Error(`${contract.file}: twins write one external-data file, the contract names ${contract.externalData.length}.`);
  const externalFile = contract.externalData[0] ?? null;
  const g = new GraphBuilder(externalFile);
  body(kind, contract, g);
  const graph = encodeOnnxModel({ name: `${kind}_twin`, opset: 14, nodes: g.nodes, inputs: contract.inputs.map(declared), outputs: contract.outputs.map(declared), initializers: g.initializers });
  const externalData = new Map<string, Uint8Array>();
  if (externalFile) externalData.set(externalFile, g.externalBytes());
  return { graph, externalData };
}
