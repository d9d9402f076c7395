import { CHARMAP_TABLES, WINDOWS_1252_UNDEFINED } from "./charmaps";

/** A single-byte encoding that ftfy tries when undoing mojibake. */
export interface Charmap {
  readonly name: string;
  /** byte → character */
  readonly decode: readonly string[];
  /** code point → byte */
  readonly encode: ReadonlyMap<number, number>;
}

function buildCharmap(name: string, high: string, sub: string): Charmap {
  const decode: string[] = [];
  for (let b = 0; b < 0x80; b++) decode.push(b === 0x1a ? sub : String.fromCharCode(b));
  for (const ch of high) decode.push(ch);
  const encode = new Map<number, number>();
  decode.forEach((ch, byte) => {
    if (!encode.has(ch.codePointAt(0)!)) encode.set(ch.codePointAt(0)!, byte);
  });
  return { name, decode, encode };
}

let charmaps: Charmap[] | undefined;

/** The encodings in the order ftfy tries them (latin-1, sloppy windows-125x, …, cp437). */
export function charmapEncodings(): readonly Charmap[] {
  charmaps ??= CHARMAP_TABLES.map((t) => buildCharmap(t.name, t.high, t.sub));
  return charmaps;
}

function charmapNamed(name: string): Charmap {
  return charmapEncodings().find((c) => c.name === name)!;
}

/** Text → binary string in `charmap`, or null when some character has no byte there. */
export function encodeCharmap(text: string, charmap: Charmap): string | null {
  let out = "";
  for (const ch of text) {
    const byte = charmap.encode.get(ch.codePointAt(0)!);
    if (byte === undefined) return null;
    out += String.fromCharCode(byte);
  }
  return out;
}

export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** One C1 control character read as the windows-1252 byte it probably was (ftfy "sloppy"). */
export function c1ToWindows1252(ch: string): string {
  return charmapNamed("sloppy-windows-1252").decode[ch.charCodeAt(0)];
}

const UNDEFINED_1252 = new Set(WINDOWS_1252_UNDEFINED);

/**
 * Latin-1 text re-read as strict windows-1252 (Python's codec, not ftfy's sloppy one): null if
 * a character is outside Latin-1 or is one of the five bytes windows-1252 leaves undefined.
 */
export function latin1AsWindows1252(text: string): string | null {
  const sloppy = charmapNamed("sloppy-windows-1252").decode;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff || UNDEFINED_1252.has(code)) return null;
    out += code < 0x80 ? text[i] : sloppy[code];
  }
  return out;
}
