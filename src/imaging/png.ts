/**
 * One PNG interface for Node, browsers and workers. The implementation is chosen at run time; the
 * Node one is imported through a specifier bundlers do not follow (an expression + webpackIgnore),
 * so pngjs and Node built-ins never enter the browser build.
 */
import type { RgbaImage } from "./image";
import { PngError } from "./errors";
import { checkPngBytes, decodeFailure } from "./png-checks";

interface PngCodec {
  encodePng(img: RgbaImage): Promise<Uint8Array>;
  decodePng(bytes: Uint8Array): Promise<RgbaImage>;
}

export type PngRuntime = "node" | "browser";

export function detectPngRuntime(): PngRuntime | null {
  const g = globalThis as { process?: { versions?: { node?: string } }; OffscreenCanvas?: unknown; createImageBitmap?: unknown };
  if (g.process?.versions?.node) return "node";
  if (typeof g.OffscreenCanvas === "function" && typeof g.createImageBitmap === "function") return "browser";
  return null;
}

let codec: Promise<PngCodec> | null = null;

function loadCodec(): Promise<PngCodec> {
  if (!codec) {
    const runtime = detectPngRuntime();
    if (runtime === "node") {
      const nodeModule = "./png-node";
      codec = import(/* webpackIgnore: true */ /* @vite-ignore */ nodeModule) as Promise<PngCodec>;
    } else if (runtime === "browser") {
      codec = import("./png-browser");
    } else {
      codec = Promise.reject(
        new PngError("No PNG codec for this runtime: it needs Node (pngjs) or OffscreenCanvas + createImageBitmap (a browser or worker)."),
      );
    }
  }
  return codec;
}

export async function encodePng(img: RgbaImage): Promise<Uint8Array> {
  return (await loadCodec()).encodePng(img);
}

/**
 * PNG bytes → RGBA. The structure is checked first (checkPngBytes), so a renamed JPEG, a cut-off or
 * damaged file, or a header claiming 60000² is one sentence starting with `label` ("photo.png …").
 */
export async function decodePng(bytes: Uint8Array, label = "The image"): Promise<RgbaImage> {
  if (!(bytes instanceof Uint8Array)) throw new PngError("decodePng needs the PNG file's bytes as a Uint8Array.");
  checkPngBytes(bytes, label);
  const codec = await loadCodec();
  try {
    return await codec.decodePng(bytes);
  } catch (error) {
    throw error instanceof PngError && !/^Could not decode/.test(error.message) ? error : decodeFailure(label);
  }
}
