/**
 * Converts between the pipeline's float32 / int32 arrays and whatever element type a model's
 * input or output declares (fp16 exports, int64 input_ids and timesteps, …).
 */
import type { TensorElementType } from "../runtime/backend";
import { fromFloat16Array, toFloat16Array } from "./float16";

export type TensorData = Float32Array | Uint16Array | Int32Array | BigInt64Array;

/** Float values (latents, embeddings, pixels, timesteps) in the model's declared type. */
export function encodeFloats(values: Float32Array, type: TensorElementType): TensorData {
  switch (type) {
    case "float32":
      return values;
    case "float16":
      return toFloat16Array(values);
    case "int64":
      return BigInt64Array.from(values, (v) => BigInt(Math.round(v)));
    case "int32":
      return Int32Array.from(values, (v) => Math.round(v));
  }
}

/** Integer values (token ids) in the model's declared type. */
export function encodeInts(values: Int32Array, type: TensorElementType): TensorData {
  switch (type) {
    case "int32":
      return values;
    case "int64":
      return BigInt64Array.from(values, (v) => BigInt(v));
    case "float32":
      return Float32Array.from(values);
    case "float16":
      return toFloat16Array(Float32Array.from(values));
  }
}

/** A model output as float32, whatever float type the model produced. */
export function decodeFloats(data: unknown, type: string): Float32Array | null {
  if (type === "float32" && data instanceof Float32Array) return data;
  if (type === "float16") {
    if (data instanceof Uint16Array) return fromFloat16Array(data);
    // Runtimes that support Float16Array hand one out; it converts element-wise.
    if (ArrayBuffer.isView(data)) return Float32Array.from(data as unknown as ArrayLike<number>);
  }
  return null;
}

export const SUPPORTED_TYPES: readonly TensorElementType[] = ["float32", "float16", "int32", "int64"];

export function isSupportedType(type: string): type is TensorElementType {
  return (SUPPORTED_TYPES as readonly string[]).includes(type);
}
