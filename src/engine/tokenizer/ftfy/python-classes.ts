/**
 * Python's `\s` and `\w` for str patterns, which are wider than JavaScript's: `\s` is every
 * character str.isspace() accepts (the FS/GS/RS/US controls and U+0085 too, but not U+FEFF),
 * `\w` every letter or number plus '_' (JavaScript's `\w` is ASCII only).
 */
export const PY_SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
export const PY_WORD = "\\p{L}\\p{N}_";
