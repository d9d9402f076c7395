/**
 * The variations of a kept layer that were not kept (issue 19 item 3): Photoshop's generative layer
 * keeps all of them, so this add-on stores them in this browser (IndexedDB through
 * key-value-store.ts), keyed by the kept layer's node id and the record stored on it — a layer
 * re-generated or re-kept under the same id gets a new record, so old variations never resurface
 * for it. Selecting the layer later offers them ("Other variations": swap or add another).
 *
 * Capped at VARIATIONS_MAX_BYTES (PNG bytes) and VARIATIONS_MAX_LAYERS layers; the layers used
 * longest ago go first. A layer keeps at most VARIATIONS_PER_LAYER variations.
 */
import type { GenerationRecord } from "../../contract";
import { decodePng, encodePng, type RgbaImage } from "../../imaging";
import { openKeyValueStore, type KeyValueStore } from "./key-value-store";

export const VARIATIONS_MAX_BYTES = 200 * 1024 * 1024;
export const VARIATIONS_MAX_LAYERS = 100;
export const VARIATIONS_PER_LAYER = 8;

export interface StoredVariation {
  seed: number;
  png: ArrayBuffer;
  width: number;
  height: number;
}

interface LayerVariations {
  variations: StoredVariation[];
  /** Last stored or read (eviction order). */
  usedAt: number;
}

export interface Variation {
  seed: number;
  image: RgbaImage;
}

/** The key: the layer and the record on it (when it was kept, and the seed it was kept with). */
export function variationsKey(layerId: string, record: Pick<GenerationRecord, "createdAt" | "seed">): string {
  return `${layerId}|${record.createdAt}|${record.seed}`;
}

export class VariationsStore {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly kv: KeyValueStore<LayerVariations> = openKeyValueStore<LayerVariations>("kept-variations"),
    readonly limits = { maxBytes: VARIATIONS_MAX_BYTES, maxLayers: VARIATIONS_MAX_LAYERS },
  ) {}

  /** Stores a kept layer's other variations (replacing what was stored under the same key). */
  async save(layerId: string, record: GenerationRecord, variations: { seed: number; layer: RgbaImage }[], now = Date.now()): Promise<void> {
    if (variations.length === 0) return;
    const stored: StoredVariation[] = [];
    for (const v of variations.slice(0, VARIATIONS_PER_LAYER)) {
      const png = await encodePng(v.layer);
      stored.push({ seed: v.seed, png: png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer, width: v.layer.width, height: v.layer.height });
    }
    await this.kv.set(variationsKey(layerId, record), { variations: stored, usedAt: now });
    await this.evict();
    // Keep stores these after the layer is in the document: a panel already showing that layer lists again.
    for (const listener of this.listeners) listener();
  }

  /** Called after every save (not after list's own bookkeeping); returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The stored variations of this layer, or [] (unknown layer, evicted, unreadable). */
  async list(layerId: string, record: GenerationRecord, now = Date.now()): Promise<Variation[]> {
    const key = variationsKey(layerId, record);
    const entry = await this.kv.get(key);
    if (!entry) return [];
    await this.kv.set(key, { ...entry, usedAt: now });
    const out: Variation[] = [];
    for (const v of entry.variations) {
      try {
        out.push({ seed: v.seed, image: await decodePng(new Uint8Array(v.png)) });
      } catch {
        // An unreadable entry is skipped; the others stay usable.
      }
    }
    return out;
  }

  /**
   * After a swap or an add: the variations move to the new layer's key (its record), minus the one
   * now in the document, plus the one it replaced (a swap keeps the old pixels as a variation).
   */
  async move(from: { layerId: string; record: GenerationRecord }, to: { layerId: string; record: GenerationRecord }, used: number, replaced: { seed: number; layer: RgbaImage } | null): Promise<void> {
    const entry = await this.kv.get(variationsKey(from.layerId, from.record));
    const rest = (entry?.variations ?? []).filter((v) => v.seed !== used);
    await this.kv.delete(variationsKey(from.layerId, from.record));
    const decoded = await Promise.all(rest.map(async (v) => ({ seed: v.seed, layer: await decodePng(new Uint8Array(v.png)) })));
    await this.save(to.layerId, to.record, replaced ? [replaced, ...decoded] : decoded);
  }

  /** Total PNG bytes stored (for the cap and for tests). */
  async bytes(): Promise<number> {
    return (await this.kv.entries()).reduce((sum, [, e]) => sum + e.variations.reduce((s, v) => s + v.png.byteLength, 0), 0);
  }

  private async evict(): Promise<void> {
    const all = (await this.kv.entries()).sort((a, b) => b[1].usedAt - a[1].usedAt);
    let total = 0;
    for (const [index, [key, entry]] of all.entries()) {
      total += entry.variations.reduce((s, v) => s + v.png.byteLength, 0);
      if (index >= this.limits.maxLayers || (index > 0 && total > this.limits.maxBytes)) await this.kv.delete(key);
    }
  }
}
