import { c1ToWindows1252 } from "./codecs";

/**
 * The small ftfy 6.3.1 fixers that fix_text runs after fix_encoding, each a pure text → text map.
 */

/** C1 controls (U+0080-U+009F) are almost always windows-1252 bytes decoded as Latin-1. */
export function fixC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, c1ToWindows1252);
}

/** Typographic ligatures and digraphs that are one code point only for legacy reasons. */
const LIGATURES: Record<string, string> = {
  "\u0132": "IJ", "\u0133": "ij", "\u0149": "\u02bcn",
  "\u01f1": "DZ", "\u01f2": "Dz", "\u01f3": "dz",
  "\u01c4": "D\u017d", "\u01c5": "D\u017e", "\u01c6": "d\u017e",
  "\u01c7": "LJ", "\u01c8": "Lj", "\u01c9": "lj",
  "\u01ca": "NJ", "\u01cb": "Nj", "\u01cc": "nj",
  "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "\u017ft", "\ufb06": "st",
};
const LIGATURE_CHARS = new RegExp(`[${Object.keys(LIGATURES).join("")}]`, "g");

export function fixLatinLigatures(text: string): string {
  return text.replace(LIGATURE_CHARS, (ch) => LIGATURES[ch]);
}

let widthMap: Map<string, string> | undefined;

/**
 * Full-width ASCII and half-width katakana/hangul → their usual forms (the NFKC form of
 * U+FF01-U+FFEF), and the ideographic space U+3000 → ' '.
 */
export function fixCharacterWidth(text: string): string {
  if (!/[\u3000\uff01-\uffef]/.test(text)) return text;
  if (!widthMap) {
    widthMap = new Map([["\u3000", " "]]);
    for (let code = 0xff01; code < 0xfff0; code++) {
      const ch = String.fromCharCode(code);
      const folded = ch.normalize("NFKC");
      if (folded !== ch) widthMap.set(ch, folded);
    }
  }
  const map = widthMap;
  return text.replace(/[\u3000\uff01-\uffef]/g, (ch) => map.get(ch) ?? ch);
}

/** Curly and modifier apostrophes/quotes → ASCII ' and " (so "don’t" tokenizes as "don" "'t"). */
export function uncurlQuotes(text: string): string {
  return text.replace(/[\u201c-\u201f]/g, '"').replace(/[\u02bc\u2018-\u201b]/g, "'");
}

/** CRLF, CR, LS, PS and NEL → LF. */
export function fixLineBreaks(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/[\r\u2028\u2029\u0085]/g, "\n");
}

/** Unpaired UTF-16 surrogates → U+FFFD (pairs are already single characters in JS strings). */
export function fixSurrogates(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** ANSI terminal escapes (colours, cursor moves). Python's \d is any decimal digit. */
export function removeTerminalEscapes(text: string): string {
  return text.replace(/\u001b\[(?:\p{Nd}|;)*[a-zA-Z]/gu, "");
}

/**
 * Control characters with no visible meaning: C0 controls other than tab/LF/FF/CR, DEL, the
 * deprecated format characters U+206A-U+206F, the BOM, and interlinear annotation U+FFF9-U+FFFC.
 * (Zero-width space and soft hyphen are NOT removed; CLIP sees them as symbols.)
 */
export function removeControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\u206a-\u206f\ufeff\ufff9-\ufffc]/g, "");
}
