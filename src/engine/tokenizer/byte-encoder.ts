/**
 * GPT-2 / CLIP byte-level alphabet: every UTF-8 byte maps to one printable character, so the
 * BPE vocabulary never needs raw control bytes or spaces (space 0x20 becomes 'Ġ', U+0120).
 * Printable Latin-1 bytes map to themselves; the other 68 take code points 256.. in byte order.
 */
function buildByteToChar(): string[] {
  const table = new Array<string>(256);
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable =
      (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    table[byte] = String.fromCharCode(printable ? byte : next++);
  }
  return table;
}

export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

const utf8Encoder = new TextEncoder();

/** A pre-tokenized word → its UTF-8 bytes written in the byte-level alphabet. */
export function toByteLevel(word: string): string {
  const bytes = utf8Encoder.encode(word);
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_CHAR[bytes[i]];
  return out;
}
