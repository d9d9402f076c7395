/**
 * A minimal ONNX protobuf writer for test graphs: lets the adapter tests load real models whose
 * inputs are float16 / int64 / scalar — exports the tiny fixtures do not cover — and run them
 * through onnxruntime-web. Only the fields these graphs need (onnx.proto3 field numbers).
 */

export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, FLOAT16: 10 } as const;

type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

const concat = (parts: Field[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const num = (field: number, value: number | bigint): Field => new Uint8Array([...varint(field << 3), ...varint(value)]);
const bytes = (field: number, payload: Uint8Array): Field => concat([new Uint8Array([...varint((field << 3) | 2), ...varint(payload.length)]), payload]);
const str = (field: number, text: string): Field => bytes(field, new TextEncoder().encode(text));

export type Dim = number | string;

export function valueInfo(name: string, elemType: number, dims: readonly Dim[]): Field {
  const shape = concat(dims.map((d) => bytes(1, typeof d === "number" ? num(1, d) : str(2, d))));
  const tensorType = concat([num(1, elemType), bytes(2, shape)]);
  return concat([str(1, name), bytes(2, bytes(1, tensorType))]);
}

export function int64Initializer(name: string, values: readonly number[]): Field {
  const raw = new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer);
  return concat([num(1, values.length), num(2, DataType.INT64), str(8, name), bytes(9, raw)]);
}

/** A float32 initializer, inline, or stored in an external-data file (`external` = its location). */
export function floatInitializer(name: string, dims: readonly number[], values: Float32Array, external?: { location: string; offset: number }): Field {
  const raw = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const head = [...dims.map((d) => num(1, d)), num(2, DataType.FLOAT), str(8, name)];
  if (!external) return concat([...head, bytes(9, raw)]);
  const entry = (key: string, value: string) => bytes(13, concat([str(1, key), str(2, value)]));
  return concat([...head, entry("location", external.location), entry("offset", String(external.offset)), entry("length", String(raw.length)), num(14, 1)]);
}

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  ints?: Record<string, number>;
  intLists?: Record<string, number[]>;
}

function node(spec: NodeSpec, index: number): Field {
  const attributes: Field[] = [];
  for (const [name, value] of Object.entries(spec.ints ?? {})) attributes.push(bytes(5, concat([str(1, name), num(3, value), num(20, 2)])));
  for (const [name, values] of Object.entries(spec.intLists ?? {})) {
    attributes.push(bytes(5, concat([str(1, name), ...values.map((v) => num(8, v)), num(20, 7)])));
  }
  return concat([...spec.inputs.map((i) => str(1, i)), ...spec.outputs.map((o) => str(2, o)), str(3, `n${index}`), str(4, spec.op), ...attributes]);
}

export function buildModel(graph: { nodes: NodeSpec[]; inputs: Field[]; outputs: Field[]; initializers?: Field[] }, opset = 14): Uint8Array {
  const graphBytes = concat([
    ...graph.nodes.map((n, i) => bytes(1, node(n, i))),
    str(2, "test_graph"),
    ...(graph.initializers ?? []).map((t) => bytes(5, t)),
    ...graph.inputs.map((v) => bytes(11, v)),
    ...graph.outputs.map((v) => bytes(12, v)),
  ]);
  return concat([num(1, 7), bytes(8, concat([str(1, ""), num(2, opset)])), bytes(7, graphBytes)]);
}

/**
 * A float32 initializer whose values live in an external-data file (TensorProto.external_data with
 * location/offset/length, data_location = EXTERNAL), as exporters write weights of models over 2 GB.
 */
export function externalFloatInitializer(name: string, dims: readonly number[], location: string, offset: number, length: number): Field {
  const entry = (key: string, value: string) => bytes(13, concat([str(1, key), str(2, value)]));
  return concat([
    ...dims.map((d) => num(1, d)),
    num(2, DataType.FLOAT),
    str(8, name),
    entry("location", location),
    entry("offset", String(offset)),
    entry("length", String(length)),
    num(14, 1),
  ]);
}
