import { isBad } from "./badness";
import {
  CLUE_UTF8_CONTINUATION as CONT,
  CLUE_UTF8_CONTINUATION_STRICT as CONT_STRICT,
  CLUE_UTF8_FIRST_OF_2 as FIRST_OF_2,
  CLUE_UTF8_FIRST_OF_3 as FIRST_OF_3,
  CLUE_UTF8_FIRST_OF_4 as FIRST_OF_4,
} from "./char-classes";
import { charmapEncodings, encodeCharmap, isAscii, latin1AsWindows1252 } from "./codecs";
import { fixC1Controls } from "./fixers";
import { decodeUtf8Variants } from "./utf8";

/**
 * ftfy 6.3.1 fix_encoding: undo mojibake — UTF-8 bytes that were decoded in a single-byte
 * encoding ("cafÃ©" → "café", "donâ€™t" → "don’t"). One step re-encodes the text in the first
 * encoding that can hold all of it and decodes the bytes as UTF-8; steps repeat until nothing
 * changes. Text is only touched while the badness heuristic sees mojibake in it.
 */

// Byte patterns below run on binary strings (one char per byte).

/** UTF-8 sequences whose 0xA0 byte was turned into a space (NBSP shown as ' '). */
const ALTERED_UTF8 =
  /[\xc2\xc3\xc5\xce\xd0\xd9] |[\xe2\xe3] [\x80-\x84\x86-\x9f\xa1-\xbf]|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf] |\xf0 [\x80-\xbf][\x80-\xbf]|\xf0[\x80-\xbf] [\x80-\xbf]|\xf0[\x80-\xbf][\x80-\xbf] /g;
/** "Ã " before a word is "à " whose NBSP became a space; Portuguese "à quele…"-style words excepted. */
const A_GRAVE_WORD = /\xc3 (?! |quele|quela|quilo|s )/g;
/** Sequences where bytes were already lost to '?' or SUB (0x1A): they decode to U+FFFD. */
const LOSSY_UTF8 =
  /[\xc2-\xdf][\x1a]|[\xc2-\xc3][?]|\xed[\xa0-\xaf][\x1a?]\xed[\xb0-\xbf][\x1a?\x80-\xbf]|\xed[\xa0-\xaf][\x1a?\x80-\xbf]\xed[\xb0-\xbf][\x1a?]|[\xe0-\xef][\x1a?][\x1a\x80-\xbf]|[\xe0-\xef][\x1a\x80-\xbf][\x1a?]|[\xf0-\xf4][\x1a?][\x1a\x80-\xbf][\x1a\x80-\xbf]|[\xf0-\xf4][\x1a\x80-\xbf][\x1a?][\x1a\x80-\xbf]|[\xf0-\xf4][\x1a\x80-\xbf][\x1a\x80-\xbf][\x1a?]|\x1a/g;

/** Runs of characters that look like UTF-8 lead + continuation bytes in some 1-byte encoding. */
const UTF8_LOOKALIKE = new RegExp(
  `(?<![${CONT_STRICT}])(?:[${FIRST_OF_2}][${CONT}]|[${FIRST_OF_3}][${CONT}]{2}|[${FIRST_OF_4}][${CONT}]{3})+`,
  "gu",
);

function restoreByteA0(bytes: string): string {
  return bytes
    .replace(A_GRAVE_WORD, "\xc3\xa0 ")
    .replace(ALTERED_UTF8, (sequence) => sequence.replace(/ /g, "\xa0"));
}

/** Mojibake embedded in otherwise correct text: fix each suspicious run on its own. */
function decodeInconsistentUtf8(text: string): string {
  return text.replace(UTF8_LOOKALIKE, (run) => (run.length < text.length && isBad(run) ? fixEncoding(run) : run));
}

function fixEncodingOneStep(text: string): string {
  if (text.length === 0 || isAscii(text) || !isBad(text)) return text;
  let latin1Possible = false;
  for (const charmap of charmapEncodings()) {
    let bytes = encodeCharmap(text, charmap);
    if (bytes === null) continue;
    if (charmap.name === "latin-1") latin1Possible = true;
    if (charmap.name !== "macroman") {
      ALTERED_UTF8.lastIndex = 0;
      if (ALTERED_UTF8.test(bytes)) bytes = restoreByteA0(bytes);
    }
    if (charmap.name.startsWith("sloppy")) bytes = bytes.replace(LOSSY_UTF8, "\xef\xbf\xbd");
    const decoded = decodeUtf8Variants(bytes);
    if (decoded !== null) return decoded;
  }
  UTF8_LOOKALIKE.lastIndex = 0;
  if (UTF8_LOOKALIKE.test(text)) {
    const fixed = decodeInconsistentUtf8(text);
    if (fixed !== text) return fixed;
  }
  if (latin1Possible) {
    // ftfy checks here whether strict "windows-1252" was among the possible encodings; that list
    // only holds the sloppy variant, so it always goes on to the latin-1 → windows-1252 re-read.
    const fixed = latin1AsWindows1252(text);
    if (fixed !== null && fixed !== text) return fixed;
  }
  if (/[\u0080-\u009f]/.test(text)) return fixC1Controls(text);
  return text;
}

/** Repeats single fixing steps until the text stops changing. */
export function fixEncoding(text: string): string {
  for (;;) {
    const fixed = fixEncodingOneStep(text);
    if (fixed === text) return text;
    text = fixed;
  }
}
