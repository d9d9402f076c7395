/**
 * Writes a tiny image classifier as an ONNX protobuf, by hand, for testing the classifier wrapper
 * with the real onnxruntime-web: pixel_values [1, 3, h, w] → GlobalAveragePool → Flatten → Gemm →
 * logits [1, 2]. With the weights below, logit[1] - logit[0] = 8 (mean R - mean B) of the
 * normalised image: red images score as label 1, blue ones as label 0. Other weights can be given:
 * `weights` is W [3 channels, 2 labels] row-major, `bias` B [2].
 */

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number) => [...key(field, 0), ...varint(value)];
const bytes = (field: number, data: number[] | Uint8Array) => [...key(field, 2), ...varint(data.length), ...data];
const str = (field: number, s: string) => bytes(field, Array.from(new TextEncoder().encode(s)));

function tensor(name: string, dims: number[], values: number[]): number[] {
  const raw = new Uint8Array(new Float32Array(values).buffer);
  return [...dims.flatMap((d) => int(1, d)), ...int(2, 1 /* FLOAT */), ...str(8, name), ...bytes(9, raw)];
}

function valueInfo(name: string, dims: (number | string)[]): number[] {
  const shape = dims.flatMap((d) => bytes(1, typeof d === "number" ? int(1, d) : str(2, d)));
  const tensorType = [...int(1, 1 /* FLOAT */), ...bytes(2, shape)];
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}

function node(op: string, inputs: string[], outputs: string[], attributes: number[][] = []): number[] {
  return [...inputs.flatMap((i) => str(1, i)), ...outputs.flatMap((o) => str(2, o)), ...str(3, op.toLowerCase()), ...str(4, op), ...attributes.flatMap((a) => bytes(5, a))];
}

export function tinyClassifierOnnx(options: { weights?: number[]; bias?: number[] } = {}): Uint8Array {
  const flattenAxis = [...str(1, "axis"), ...int(3, 1), ...int(20, 2 /* INT */)];
  const graph = [
    ...bytes(1, node("GlobalAveragePool", ["pixel_values"], ["pooled"])),
    ...bytes(1, node("Flatten", ["pooled"], ["flat"], [flattenAxis])),
    ...bytes(1, node("Gemm", ["flat", "W", "B"], ["logits"])),
    ...str(2, "tiny_classifier"),
    ...bytes(5, tensor("W", [3, 2], options.weights ?? [-4, 4, 0, 0, 4, -4])),
    ...bytes(5, tensor("B", [2], options.bias ?? [0, 0])),
    ...bytes(11, valueInfo("pixel_values", [1, 3, "height", "width"])),
    ...bytes(12, valueInfo("logits", [1, 2])),
  ];
  const model = [...int(1, 7 /* ir_version */), ...str(2, "lgf-test"), ...bytes(7, graph), ...bytes(8, [...str(1, ""), ...int(2, 13)])];
  return new Uint8Array(model);
}
