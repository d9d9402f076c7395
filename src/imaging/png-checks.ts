/**
 * A PNG's structure checked before any decoder sees it, so a bad file gets one sentence that says
 * what is wrong and what to do, instead of a decoder's internals ("read requests waiting on
 * finished stream", "Crc error"): another format renamed .png, a cut-off file, a damaged chunk,
 * or a header claiming a size no canvas could hold (the decoder would try to allocate it).
 * Layout per the PNG spec (ISO/IEC 15948): 8-byte signature, then chunks of
 * [length u32][type 4 ASCII][data][CRC-32 of type+data], IHDR first, IEND last.
 */
import { PngError } from "./errors";
import { MAX_SOURCE_PIXELS, MAX_SOURCE_SIDE } from "./region";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Magic numbers of formats people rename to .png by mistake. */
const OTHER_FORMATS: { name: string; magic: (b: Uint8Array) => boolean }[] = [
  { name: "a JPEG image", magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: "a GIF image", magic: (b) => ascii(b, 0, 4) === "GIF8" },
  { name: "a WebP image", magic: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP" },
  { name: "a BMP image", magic: (b) => ascii(b, 0, 2) === "BM" },
  { name: "a TIFF image", magic: (b) => ascii(b, 0, 4) === "II*\0" || ascii(b, 0, 4) === "MM\0*" },
  { name: "an AVIF/HEIC image", magic: (b) => ascii(b, 4, 4) === "ftyp" },
  { name: "a PDF document", magic: (b) => ascii(b, 0, 5) === "%PDF-" },
  { name: "a text file", magic: (b) => b.length > 0 && [...b.subarray(0, Math.min(64, b.length))].every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127)) },
];

function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (bytes.length < at + length) return "";
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngHeader {
  width: number;
  height: number;
}

/**
 * Throws PngError (one sentence, `label` first: "photo.png is a JPEG image, not a PNG: …") when
 * the bytes are not a complete, undamaged PNG of an acceptable size; returns the header's size.
 */
export function checkPngBytes(bytes: Uint8Array, label = "The image"): PngHeader {
  const again = "export or save it as PNG again";
  if (bytes.length === 0) throw new PngError(`${label} is an empty file: ${again}.`);
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) {
    if (bytes.length < 8 && SIGNATURE.slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
      throw new PngError(`${label} is cut off after ${bytes.length} bytes: ${again}.`);
    }
    const other = OTHER_FORMATS.find((f) => f.magic(bytes));
    throw new PngError(`${label} is ${other ? `${other.name}, not a PNG` : "not a PNG file (it lacks the PNG signature)"}: convert it to PNG and try again.`);
  }
  let at = 8;
  let header: PngHeader | null = null;
  let sawImageData = false;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw new PngError(`${label} is cut off (it ends inside a chunk header): ${again}.`);
    const length = u32(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError(`${label} is damaged (a chunk at byte ${at} has no valid type): ${again}.`);
    const dataEnd = at + 8 + length;
    if (length > 0x7fffffff || dataEnd + 4 > bytes.length) throw new PngError(`${label} is cut off (it ends inside its ${type} chunk): ${again}.`);
    if (crc32(bytes, at + 4, dataEnd) !== u32(bytes, dataEnd)) throw new PngError(`${label} is damaged (the checksum of its ${type} chunk is wrong): ${again}.`);
    if (header === null) {
      if (type !== "IHDR" || length !== 13) throw new PngError(`${label} is damaged (it does not start with an image header): ${again}.`);
      header = { width: u32(bytes, at + 8), height: u32(bytes, at + 12) };
      checkHeaderSize(header, label);
    }
    if (type === "IDAT") sawImageData = true;
    if (type === "IEND") return requireImageData(header, sawImageData, label);
    at = dataEnd + 4;
  }
  throw new PngError(`${label} is cut off (its end marker is missing, so pixels may be lost): ${again}.`);
}

function requireImageData(header: PngHeader, sawImageData: boolean, label: string): PngHeader {
  if (!sawImageData) throw new PngError(`${label} has no pixel data: export or save it as PNG again.`);
  return header;
}

function checkHeaderSize({ width, height }: PngHeader, label: string): void {
  if (width === 0 || height === 0) throw new PngError(`${label} says it is ${width}×${height} pixels, which is no image: export it as PNG again.`);
  if (width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE || width * height > MAX_SOURCE_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(0);
    throw new PngError(
      `${label} says it is ${width}×${height} pixels (${mp} MP), more than the ${Math.sqrt(MAX_SOURCE_PIXELS)}×${Math.sqrt(MAX_SOURCE_PIXELS)} (${(MAX_SOURCE_PIXELS / 1e6).toFixed(0)} MP) this tool accepts: downscale or crop it first.`,
    );
  }
}

/** A decoder's failure on bytes that passed checkPngBytes (e.g. corrupt compressed data) → one sentence. */
export function decodeFailure(label: string): PngError {
  return new PngError(`${label} is damaged (its compressed pixel data cannot be read): export or save it as PNG again.`);
}
