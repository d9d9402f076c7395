import {
  MOJIBAKE_BAD as BAD,
  MOJIBAKE_BOX as BOX,
  MOJIBAKE_C1 as C1,
  MOJIBAKE_COMMON as COMMON,
  MOJIBAKE_CURRENCY as CURRENCY,
  MOJIBAKE_END_PUNCTUATION as END,
  MOJIBAKE_KAOMOJI as KAOMOJI,
  MOJIBAKE_LAW as LAW,
  MOJIBAKE_LOWER_ACCENTED as LOWER_ACCENTED,
  MOJIBAKE_LOWER_COMMON as LOWER_COMMON,
  MOJIBAKE_NUMERIC as NUMERIC,
  MOJIBAKE_START_PUNCTUATION as START,
  MOJIBAKE_UPPER_ACCENTED as UPPER_ACCENTED,
  MOJIBAKE_UPPER_COMMON as UPPER_COMMON,
} from "./char-classes";
import { PY_SPACE, PY_WORD } from "./python-classes";

/**
 * ftfy's mojibake heuristic (ftfy 6.3.1 `badness.BADNESS_RE`): character pairs and triples
 * that are far likelier to be UTF-8 read in the wrong single-byte encoding than intended text,
 * e.g. an accented lowercase letter followed by a currency sign. fix_encoding only touches text
 * where one of them occurs, and stops once none is left. Written out sequence by sequence so
 * each line can be checked against the reference.
 */
const SEQUENCES: string[] = [
  `[${C1}]`,
  `[${BAD}${LOWER_ACCENTED}${UPPER_ACCENTED}${BOX}${START}${END}${CURRENCY}${NUMERIC}${LAW}][${BAD}]`,
  `[a-zA-Z][${LOWER_COMMON}${UPPER_COMMON}][${BAD}]`,
  `[${BAD}][${LOWER_ACCENTED}${UPPER_ACCENTED}${BOX}${START}${END}${CURRENCY}${NUMERIC}${LAW}]`,
  `[${LOWER_ACCENTED}${LOWER_COMMON}${BOX}${END}${CURRENCY}${NUMERIC}][${UPPER_ACCENTED}]`,
  `[${BOX}${END}${CURRENCY}${NUMERIC}][${LOWER_ACCENTED}]`,
  `[${LOWER_ACCENTED}${BOX}${END}][${CURRENCY}]`,
  `[${PY_SPACE}][${UPPER_ACCENTED}][${CURRENCY}]`,
  `[${UPPER_ACCENTED}${BOX}][${NUMERIC}${LAW}]`,
  `[${LOWER_ACCENTED}${UPPER_ACCENTED}${BOX}${CURRENCY}${END}][${START}][${NUMERIC}]`,
  `[${LOWER_ACCENTED}${UPPER_ACCENTED}${CURRENCY}${NUMERIC}${BOX}${LAW}][${END}][${START}]`,
  `[${CURRENCY}${NUMERIC}${BOX}][${START}]`,
  `[a-z][${UPPER_ACCENTED}][${START}${CURRENCY}]`,
  `[${BOX}][${KAOMOJI}]`,
  `[${LOWER_ACCENTED}${UPPER_ACCENTED}${CURRENCY}${NUMERIC}${START}${END}${LAW}][${BOX}]`,
  `[${BOX}][${END}]`,
  `[${LOWER_ACCENTED}${UPPER_ACCENTED}][${START}${END}][${PY_WORD}]`,
  // the ligature œ not followed by an unaccented Latin letter
  `[\\u0152\\u0153][^A-Za-z]`,
  // degree sign after a capital letter
  `[${UPPER_ACCENTED}]\\u00b0`,
  // common windows-1252 two-character mojibake: Â Ã Î Ð then € œ Š š ¢ £ Ÿ ž NBSP SHY ® © ° · » … – — ´
  `[\\u00c2\\u00c3\\u00ce\\u00d0][\\u20ac\\u0153\\u0160\\u0161\\u00a2\\u00a3\\u0178\\u017e\\u00a0\\u00ad\\u00ae\\u00a9\\u00b0\\u00b7\\u00bb${START}${END}\\u2013\\u2014\\u00b4]`,
  // × then ² or ³
  `\\u00d7[\\u00b2\\u00b3]`,
  // windows-1252 mojibake of Arabic: needs four characters, as it overlaps common punctuation
  `[\\u00d8\\u00d9][${COMMON}${CURRENCY}${BAD}${NUMERIC}${START}\\u0178\\u0160\\u00ae\\u00b0\\u00b5\\u00bb][\\u00d8\\u00d9][${COMMON}${CURRENCY}${BAD}${NUMERIC}${START}\\u0178\\u0160\\u00ae\\u00b0\\u00b5\\u00bb]`,
  // windows-1252 start of 3-byte South Asian letters: à then ² µ ¹ ¼ ½ ¾
  `\\u00e0[\\u00b2\\u00b5\\u00b9\\u00bc\\u00bd\\u00be]`,
  // MacRoman mojibake: √ then ± ∂ † ≠ ® ™ ´ ≤ ≥ ¥ µ ø ; ≈ then ° ¢
  `\\u221a[\\u00b1\\u2202\\u2020\\u2260\\u00ae\\u2122\\u00b4\\u2264\\u2265\\u00a5\\u00b5\\u00f8]`,
  `\\u2248[\\u00b0\\u00a2]`,
  // ‚Ä then ì î ï ò ô ú ù û † ° ¢ π ; ‚ then â/ó then à ä ° ê
  `\\u201a\\u00c4[\\u00ec\\u00ee\\u00ef\\u00f2\\u00f4\\u00fa\\u00f9\\u00fb\\u2020\\u00b0\\u00a2\\u03c0]`,
  `\\u201a[\\u00e2\\u00f3][\\u00e0\\u00e4\\u00b0\\u00ea]`,
  // windows-1251 mojibake of U+2000-range characters: вЂ
  `\\u0432\\u0402`,
  // windows-1251 mojibake of Latin-1 or Cyrillic: three characters В/Г/Р/С … В/Г/Р/С
  `[\\u0412\\u0413\\u0420\\u0421][${C1}${BAD}${START}${END}${CURRENCY}\\u00b0\\u00b5][\\u0412\\u0413\\u0420\\u0421]`,
  // ГўВЂВ then any character but a newline, then a Latin letter or a space
  `\\u0413\\u045e\\u0412\\u0402\\u0412[^\\n][A-Za-z ]`,
  // windows-1252 encodings of à and á, and of NBSP itself
  `\\u00c3[\\u00a0\\u00a1]`,
  `[a-z][${PY_SPACE}]?[\\u00c3\\u00c2] `,
  `^[\\u00c3\\u00c2] `,
  // Â encoding the same character after it, when that character is common
  `[a-z.,?!${END}]\\u00c2[ ${START}${END}]`,
  // windows-1253 mojibake of U+2000-range characters: β€ then ™ NBSP Ά SHY ® °
  `\\u03b2\\u20ac[\\u2122\\u00a0\\u0386\\u00ad\\u00ae\\u00b0]`,
  // windows-1253 mojibake of Latin-1 or Greek: three characters Β/Γ/Ξ/Ο … Β/Γ/Ξ/Ο
  `[\\u0392\\u0393\\u039e\\u039f][${C1}${BAD}${START}${END}${CURRENCY}\\u00b0][\\u0392\\u0393\\u039e\\u039f]`,
  // windows-1257 mojibake of U+2000-range characters: ā€
  `\\u0101\\u20ac`,
];

const BADNESS = new RegExp(SEQUENCES.join("|"), "u");

/** True when the text holds at least one sequence that looks like mojibake. */
export function isBad(text: string): boolean {
  return BADNESS.test(text);
}
