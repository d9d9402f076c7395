/**
 * The add-on's own CLIP tokenizer data, loaded on first use: in the browser the worker fetches
 * the merges file webpack emitted beside the bundle; in Node it is read from the source tree.
 * Loaded once per family and shared by every model of that family.
 */
import { clipTokenizerForFamily, type ClipTokenizerFamily } from "./families";
import type { ClipTokenizer } from "./clip-tokenizer";
import { BundledTokenizerError } from "./errors";

/**
 * The shipped files: webpack emits each as an asset beside the bundle (the licence too, since the
 * MIT notice must travel with the data); Node keeps their file:// URLs in the source tree.
 */
export const CLIP_TOKENIZER_DATA = {
  merges: new URL("./data/clip-bpe-merges.txt", import.meta.url),
  licence: new URL("./data/LICENSE-CLIP.txt", import.meta.url),
};
export const CLIP_MERGES_URL = CLIP_TOKENIZER_DATA.merges;

let mergesText: Promise<string> | null = null;
const byFamily = new Map<ClipTokenizerFamily, Promise<ClipTokenizer>>();

/** The shared tokenizer of a family; the data is read at most once per page or process. */
export function loadBundledClipTokenizer(family: ClipTokenizerFamily): Promise<ClipTokenizer> {
  let tokenizer = byFamily.get(family);
  if (!tokenizer) {
    mergesText ??= readBundledText(CLIP_TOKENIZER_DATA.merges);
    tokenizer = mergesText.then((text) => clipTokenizerForFamily(family, text));
    // A failed read is not remembered: the next prompt tries again.
    tokenizer.catch(() => {
      byFamily.delete(family);
      mergesText = null;
    });
    byFamily.set(family, tokenizer);
  }
  return tokenizer;
}

async function readBundledText(url: URL): Promise<string> {
  try {
    if (url.protocol === "file:") {
      const fs = "node:fs/promises";
      const { readFile } = (await import(/* webpackIgnore: true */ fs)) as typeof import("node:fs/promises");
      return await readFile(url, "utf8");
    }
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.text();
  } catch (error) {
    throw new BundledTokenizerError(`reading ${url.pathname.split("/").pop()}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
