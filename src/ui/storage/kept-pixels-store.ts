/**
 * The exact pixels of layers this add-on kept, stored in this browser at Keep (issue 15): Express
 * gives an add-on no per-node pixels, so restyling a kept layer later would otherwise start from a
 * page rendition (opaque, with whatever overlaps it). Keyed by the new layer's node id; the entry
 * is used only while the layer is uncropped and has the same proportions.
 *
 * Small and separate on purpose: other local stores (kept variations) can reuse `openKeyValueStore`.
 * Capped: the oldest entries go first once more than MAX_ENTRIES or MAX_BYTES are stored.
 */
import { decodePng, encodePng, type RgbaImage } from "../../imaging";
import { openKeyValueStore, type KeyValueStore } from "./key-value-store";

export const KEPT_PIXELS_MAX_ENTRIES = 200;
export const KEPT_PIXELS_MAX_BYTES = 256 * 1024 * 1024;

interface KeptPixelsRecord {
  png: ArrayBuffer;
  width: number;
  height: number;
  storedAt: number;
}

export interface KeptPixelsStore {
  put(nodeId: string, image: RgbaImage): Promise<void>;
  get(nodeId: string): Promise<RgbaImage | null>;
  has(nodeId: string): Promise<boolean>;
}

export function createKeptPixelsStore(kv: KeyValueStore<KeptPixelsRecord> = openKeyValueStore<KeptPixelsRecord>("kept-pixels")): KeptPixelsStore {
  return {
    async put(nodeId, image) {
      const png = await encodePng(image);
      const bytes = png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer;
      await kv.set(nodeId, { png: bytes, width: image.width, height: image.height, storedAt: Date.now() });
      await evict(kv);
    },
    async has(nodeId) {
      return (await kv.get(nodeId)) !== undefined;
    },
    async get(nodeId) {
      const record = await kv.get(nodeId);
      if (!record) return null;
      try {
        return await decodePng(new Uint8Array(record.png));
      } catch {
        await kv.delete(nodeId); // unreadable: forget it rather than fail every time
        return null;
      }
    },
  };
}

async function evict(kv: KeyValueStore<KeptPixelsRecord>): Promise<void> {
  const all = (await kv.entries()).sort((a, b) => b[1].storedAt - a[1].storedAt);
  let bytes = 0;
  for (const [index, [key, record]] of all.entries()) {
    bytes += record.png.byteLength;
    if (index >= KEPT_PIXELS_MAX_ENTRIES || bytes > KEPT_PIXELS_MAX_BYTES) await kv.delete(key);
  }
}
