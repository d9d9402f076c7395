/**
 * A small ONNX protobuf writer for the tiny twins of real models: typed graph inputs/outputs
 * (float32 / uint8 / int64, fixed or symbolic dims), float32 and int64 initializers, and node attributes
 * (int, ints, float, string). Only the onnx.proto3 fields the twins need.
 */
export const ElemType = { FLOAT: 1, UINT8: 2, INT64: 7 } as const;

type Bytes = number[];

function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number | bigint): Bytes => [...key(field, 0), ...varint(value)];
const len = (field: number, data: Bytes | Uint8Array): Bytes => [...key(field, 2), ...varint(data.length), ...data];
const str = (field: number, text: string): Bytes => len(field, new TextEncoder().encode(text));
function float32(field: number, value: number): Bytes {
  const b = new Uint8Array(new Float32Array([value]).buffer);
  return [...key(field, 5), ...b];
}

export type Dim = number | string;
export type Attribute = number | number[] | string | { float: number };

export interface GraphValue {
  name: string;
  type: keyof typeof ElemType;
  dims: Dim[];
}

export interface GraphNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, Attribute>;
}

export type Initializer = { name: string; dims: number[]; float: Float32Array } | { name: string; dims: number[]; int64: bigint[] };

function valueInfo(v: GraphValue): Bytes {
  const shape = v.dims.flatMap((d) => len(1, typeof d === "number" ? int(1, d) : str(2, d)));
  return [...str(1, v.name), ...len(2, len(1, [...int(1, ElemType[v.type]), ...len(2, shape)]))];
}

function attribute(name: string, value: Attribute): Bytes {
  if (typeof value === "string") return [...str(1, name), ...str(4, value), ...int(20, 3)];
  if (typeof value === "number") return [...str(1, name), ...int(3, value), ...int(20, 2)];
  if (Array.isArray(value)) return [...str(1, name), ...value.flatMap((v) => int(8, v)), ...int(20, 7)];
  return [...str(1, name), ...float32(2, value.float), ...int(20, 1)];
}

function initializer(t: Initializer): Bytes {
  const raw = "float" in t ? new Uint8Array(t.float.buffer, t.float.byteOffset, t.float.byteLength) : new Uint8Array(new BigInt64Array(t.int64).buffer);
  return [...t.dims.flatMap((d) => int(1, d)), ...int(2, "float" in t ? ElemType.FLOAT : ElemType.INT64), ...str(8, t.name), ...len(9, raw)];
}

export function encodeGraph(graph: { name: string; nodes: GraphNode[]; initializers: Initializer[]; inputs: GraphValue[]; outputs: GraphValue[]; opset: number; producer: string }): Uint8Array {
  const body: Bytes = [
    ...graph.nodes.flatMap((n, i) =>
      len(1, [
        ...n.inputs.flatMap((x) => str(1, x)),
        ...n.outputs.flatMap((x) => str(2, x)),
        ...str(3, `${n.op}_${i}`),
        ...str(4, n.op),
        ...Object.entries(n.attributes ?? {}).flatMap(([k, v]) => len(5, attribute(k, v))),
      ]),
    ),
    ...str(2, graph.name),
    ...graph.initializers.flatMap((t) => len(5, initializer(t))),
    ...graph.inputs.flatMap((v) => len(11, valueInfo(v))),
    ...graph.outputs.flatMap((v) => len(12, valueInfo(v))),
  ];
  return new Uint8Array([...int(1, 8), ...str(2, graph.producer), ...len(7, body), ...len(8, [...str(1, ""), ...int(2, graph.opset)])]);
}
