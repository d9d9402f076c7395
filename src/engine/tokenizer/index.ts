export { ClipTokenizer, CLIP_MAX_LENGTH } from "./clip-tokenizer";
export type { ClipEncoding, ClipTokenizerFiles, ClipTokenizerJsonOptions } from "./clip-tokenizer";
export { BundledTokenizerError, TokenizerFileError } from "./errors";
export { fixText } from "./ftfy/fix-text";
export { CLIP_TOKENIZER_FAMILIES, clipTokenizerForFamily, clipVocabFromMerges, isClipTokenizerFamily, type ClipTokenizerFamily } from "./families";
export { loadBundledClipTokenizer, CLIP_MERGES_URL } from "./bundled";
