/**
 * A tokenizer file (vocab.json, merges.txt, tokenizer.json, a config) that cannot be used.
 * `file` names the file so the UI can tell the user which download to repeat.
 */
export class TokenizerFileError extends Error {
  override readonly name = "TokenizerFileError";
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}. Re-download the model's tokenizer files (vocab.json, merges.txt, configs) and try again.`);
    this.file = file;
  }
}

/** The tokenizer data shipped with the add-on could not be read (a broken install or a lost connection to it). */
export class BundledTokenizerError extends Error {
  override readonly name = "BundledTokenizerError";

  constructor(detail: string) {
    super(`The add-on's prompt tokenizer could not be loaded (${detail}). Reload the add-on and try again.`);
  }
}
