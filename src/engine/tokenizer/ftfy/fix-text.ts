import { fixEncoding } from "./fix-encoding";
import {
  fixC1Controls,
  fixCharacterWidth,
  fixLatinLigatures,
  fixLineBreaks,
  fixSurrogates,
  removeControlChars,
  removeTerminalEscapes,
  uncurlQuotes,
} from "./fixers";
import { unescapeHtml } from "./html-unescape";

/** ftfy's max_decode_length: longer lines are cut into pieces this long. */
const MAX_SEGMENT = 1_000_000;

/** One line, all fixers in ftfy's order, repeated until the text is stable. */
function fixSegment(text: string, unescape: boolean): string {
  for (;;) {
    const before = text;
    if (unescape) text = unescapeHtml(text);
    text = fixEncoding(text);
    text = fixC1Controls(text);
    text = fixLatinLigatures(text);
    text = fixCharacterWidth(text);
    text = uncurlQuotes(text);
    text = fixLineBreaks(text);
    text = fixSurrogates(text);
    text = removeTerminalEscapes(text);
    text = removeControlChars(text);
    text = text.normalize("NFC");
    if (text === before) return text;
  }
}

/**
 * ftfy.fix_text with its default settings (ftfy 6.3.1), which CLIP's reference tokenizer runs on
 * every prompt. Text is fixed line by line (each keeps its '\n'). HTML entities are unescaped
 * only until a line containing '<' is seen: such text is probably real HTML, where "&lt;" must
 * stay as written, and that decision sticks for the lines after it.
 */
export function fixText(text: string): string {
  let unescape = true;
  let out = "";
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos) + 1;
    if (end === 0) end = text.length;
    if (end - pos > MAX_SEGMENT) end = pos + MAX_SEGMENT;
    const segment = text.slice(pos, end);
    if (unescape && segment.includes("<")) unescape = false;
    out += fixSegment(segment, unescape);
    pos = end;
  }
  return out;
}
