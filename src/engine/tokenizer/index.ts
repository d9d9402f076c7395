export { ClipTokenizer, CLIP_MAX_LENGTH } from "./clip-tokenizer";
export type { ClipEncoding, ClipTokenizerFiles, ClipTokenizerJsonOptions } from "./clip-tokenizer";
export { TokenizerFileError } from "./errors";
export { fixText } from "./ftfy/fix-text";
