/**
 * Photos for the removal benchmark: every PNG or JPEG in a folder, any size, RGB or grayscale
 * (pngjs and jpeg-js both expand to 8-bit RGBA, so grayscale arrives as R = G = B).
 */
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import jpeg from "jpeg-js";
import { decodePng } from "../../src/imaging/png-node";
import type { RgbaImage } from "../../src/imaging/image";

export interface Photo {
  name: string;
  image: RgbaImage;
}

const DECODERS: Record<string, (bytes: Buffer) => Promise<RgbaImage>> = {
  ".png": (bytes) => decodePng(new Uint8Array(bytes)),
  ".jpg": async (bytes) => toRgba(jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 })),
  ".jpeg": async (bytes) => toRgba(jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 })),
};

function toRgba(decoded: { width: number; height: number; data: Uint8Array }): RgbaImage {
  return { width: decoded.width, height: decoded.height, data: new Uint8ClampedArray(decoded.data) };
}

/** Opaque copy: the benchmark scores colour, and a transparent pixel's colour is meaningless. */
function opaque(image: RgbaImage): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { ...image, data };
}

export class PhotoFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PhotoFolderError";
  }
}

export async function loadPhotos(dir: string): Promise<Photo[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => extname(n).toLowerCase() in DECODERS).sort();
  } catch {
    throw new PhotoFolderError(`Cannot read the photo folder ${dir}. Pass an existing folder with --photos DIR.`);
  }
  if (names.length === 0) throw new PhotoFolderError(`${dir} holds no .png/.jpg/.jpeg photos. Pass a folder of photos with --photos DIR.`);
  const photos: Photo[] = [];
  for (const name of names) {
    try {
      photos.push({ name, image: opaque(await DECODERS[extname(name).toLowerCase()](readFileSync(join(dir, name)))) });
    } catch (error) {
      throw new PhotoFolderError(`Could not decode ${join(dir, name)} (${(error as Error).message}). Remove it from the folder or re-save it as PNG.`);
    }
  }
  return photos;
}
