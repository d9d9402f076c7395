/**
 * Byte strings here are "binary strings": one UTF-16 unit per byte (0x00..0xFF), so the byte
 * patterns ftfy uses can be written as ordinary regexes.
 */

/**
 * Decodes bytes as UTF-8 with Python's strict rules (no overlongs, no surrogates, nothing past
 * U+10FFFF), plus the two extensions of ftfy's "utf-8-variants" codec: C0 80 is U+0000 (Java's
 * modified UTF-8) and a CESU-8 surrogate pair (ED Ax xx ED Bx xx) is one astral character.
 * Those extensions only apply when the bytes hold C0 or ED, which is exactly when ftfy switches
 * to that codec, so one decoder serves both cases. Returns null where Python raises.
 */
export function decodeUtf8Variants(bytes: string): string | null {
  const codePoints: number[] = [];
  const n = bytes.length;
  const at = (i: number) => (i < n ? bytes.charCodeAt(i) : -1);
  const isCont = (b: number) => b >= 0x80 && b <= 0xbf;
  let i = 0;
  while (i < n) {
    const b0 = at(i);
    if (b0 < 0x80) {
      codePoints.push(b0);
      i += 1;
      continue;
    }
    if (b0 === 0xc0 && at(i + 1) === 0x80) {
      codePoints.push(0);
      i += 2;
      continue;
    }
    if (b0 === 0xed && i + 5 < n) {
      const [b1, b2, b3, b4, b5] = [at(i + 1), at(i + 2), at(i + 3), at(i + 4), at(i + 5)];
      if (b1 >= 0xa0 && b1 <= 0xaf && isCont(b2) && b3 === 0xed && b4 >= 0xb0 && b4 <= 0xbf && isCont(b5)) {
        codePoints.push(((b1 & 0x0f) << 16) + ((b2 & 0x3f) << 10) + ((b4 & 0x0f) << 6) + (b5 & 0x3f) + 0x10000);
        i += 6;
        continue;
      }
    }
    // [length, lowest and highest allowed second byte] per lead byte (RFC 3629 table).
    let length: number, lo: number, hi: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) [length, lo, hi] = [2, 0x80, 0xbf];
    else if (b0 === 0xe0) [length, lo, hi] = [3, 0xa0, 0xbf];
    else if (b0 === 0xed) [length, lo, hi] = [3, 0x80, 0x9f];
    else if (b0 >= 0xe1 && b0 <= 0xef) [length, lo, hi] = [3, 0x80, 0xbf];
    else if (b0 === 0xf0) [length, lo, hi] = [4, 0x90, 0xbf];
    else if (b0 >= 0xf1 && b0 <= 0xf3) [length, lo, hi] = [4, 0x80, 0xbf];
    else if (b0 === 0xf4) [length, lo, hi] = [4, 0x80, 0x8f];
    else return null;
    const b1 = at(i + 1);
    if (b1 < lo || b1 > hi) return null;
    let cp = b0 & (0xff >> (length + 1));
    cp = (cp << 6) | (b1 & 0x3f);
    for (let k = 2; k < length; k++) {
      const b = at(i + k);
      if (!isCont(b)) return null;
      cp = (cp << 6) | (b & 0x3f);
    }
    codePoints.push(cp);
    i += length;
  }
  let out = "";
  for (let start = 0; start < codePoints.length; start += 4096) {
    out += String.fromCodePoint(...codePoints.slice(start, start + 4096));
  }
  return out;
}
