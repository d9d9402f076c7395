/**
 * The project's one ONNX (protobuf) writer: the tiny twins of real models (scripts/twins,
 * scripts/model-twins), the bench's graphs (TAESD-shaped, the conv probe, the SD-width VAE decoder)
 * and the test graphs (odd input dtypes, external data). Only the ModelProto fields those graphs
 * use are written (field numbers from onnx/onnx.proto); chunks are joined once, so a graph with
 * hundreds of MB of weights is cheap to build.
 *
 * Why not a library: ~15 op types with float32/int64 initializers; a protobuf dependency plus the
 * ONNX schema would be far larger than this file.
 */

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

/** Appends protobuf fields to a growable list of chunks. */
class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  private varint(value: number | bigint): void {
    let v = BigInt(value);
    if (v < 0n) v += 1n << 64n; // two's complement, as protobuf encodes negative int64
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.push(Uint8Array.from(out));
  }

  private key(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number): this {
    this.key(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE_BYTES);
    this.varint(value.length);
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

/** TensorProto.DataType values of the element types the graphs use. */
export const ElemType = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7, FLOAT16: 10 } as const;
export type ElemTypeName = keyof typeof ElemType;

/** Numbers are fixed sizes, strings symbolic (dynamic) dimensions. */
export type Dim = number | string;

export type AttributeValue = number | number[] | string | { float: number };

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
}

export interface OnnxInitializer {
  name: string;
  dims: number[];
  /** float32 weights, or int64 values (shapes, axes). */
  data?: Float32Array | BigInt64Array;
  /**
   * Stored in an external-data file instead of inline (TensorProto.external_data, data_location
   * EXTERNAL), as exporters write weights of models over 2 GB. `length` defaults to data's size.
   */
  external?: { location: string; offset: number; length?: number };
}

export interface OnnxValue {
  name: string;
  /** Default FLOAT. */
  type?: ElemTypeName;
  dims: Dim[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  /** Default 17. */
  opset?: number;
  /** ModelProto.producer_name, default "local-generative-fill". */
  producer?: string;
}

const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_INTS = 7;

function writeAttribute(w: ProtoWriter, name: string, value: AttributeValue): void {
  w.string(1, name);
  if (typeof value === "string") w.bytes(4, utf8.encode(value)).int(20, ATTR_STRING);
  else if (typeof value === "number") w.int(3, value).int(20, ATTR_INT);
  else if (Array.isArray(value)) {
    for (const v of value) w.int(8, v);
    w.int(20, ATTR_INTS);
  } else w.float(2, value.float).int(20, ATTR_FLOAT);
}

function writeValueInfo(w: ProtoWriter, value: OnnxValue): void {
  w.string(1, value.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, ElemType[value.type ?? "FLOAT"]);
      tensor.message(2, (shape) => {
        for (const dim of value.dims) {
          shape.message(1, (d) => (typeof dim === "number" ? d.int(1, dim) : d.string(2, dim)));
        }
      });
    }),
  );
}

function writeInitializer(t: ProtoWriter, init: OnnxInitializer): void {
  for (const d of init.dims) t.int(1, d);
  t.int(2, init.data instanceof BigInt64Array ? ElemType.INT64 : ElemType.FLOAT);
  t.string(8, init.name);
  const raw = init.data ? new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength) : new Uint8Array(0);
  if (!init.external) {
    t.bytes(9, raw);
    return;
  }
  const entry = (key: string, value: string) => t.message(13, (e) => e.string(1, key).string(2, value));
  entry("location", init.external.location);
  entry("offset", String(init.external.offset));
  entry("length", String(init.external.length ?? raw.length));
  t.int(14, 1); // data_location = EXTERNAL
}

/** Serialises a graph to ONNX bytes (IR version 8). */
export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  const model = new ProtoWriter();
  model.int(1, 8); // ir_version
  model.string(2, graph.producer ?? "local-generative-fill");
  model.message(7, (g) => {
    graph.nodes.forEach((node, index) => {
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input);
        for (const output of node.outputs) n.string(2, output);
        n.string(3, `${node.op}_${index}`);
        n.string(4, node.op);
        for (const [name, value] of Object.entries(node.attributes ?? {})) n.message(5, (a) => writeAttribute(a, name, value));
      });
    });
    g.string(2, graph.name);
    for (const init of graph.initializers) g.message(5, (t) => writeInitializer(t, init));
    for (const input of graph.inputs) g.message(11, (v) => writeValueInfo(v, input));
    for (const output of graph.outputs) g.message(12, (v) => writeValueInfo(v, output));
  });
  model.message(8, (opset) => opset.string(1, "").int(2, graph.opset ?? 17));
  return model.finish();
}
