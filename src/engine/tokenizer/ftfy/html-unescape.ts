import { c1ToWindows1252 } from "./codecs";
import { HTML5_ENTITIES_PACKED, HTML5_LEGACY_NAMES } from "./html-entity-data";

/** What ftfy replaces: '&', an optional '#', 1-24 letters/digits, ';'. Nothing else. */
const HTML_ENTITY = /&#?[0-9A-Za-z]{1,24};/g;

let entities: Map<string, string> | undefined;

/**
 * ftfy's entity table: every HTML5 name written with its ';', plus an ALL-CAPS spelling of each
 * lowercase name ("&EACUTE;" → "É", "&NBSP;" → NBSP) unless Python's html.unescape would
 * already read that spelling as something (itself, or a legacy prefix such as "&GT" in "&GTCC;").
 */
function entityTable(): Map<string, string> {
  if (entities) return entities;
  const withSemicolon = new Map<string, string>();
  for (const pair of HTML5_ENTITIES_PACKED.split("\u0001")) {
    const eq = pair.indexOf("=");
    withSemicolon.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const table = new Map<string, string>();
  for (const [name, value] of withSemicolon) table.set(`&${name};`, value);
  const pythonKnows = (name: string) =>
    withSemicolon.has(name) || HTML5_LEGACY_NAMES.some((legacy) => legacy.length >= 2 && name.startsWith(legacy));
  for (const [name, value] of withSemicolon) {
    const upper = name.toUpperCase();
    if (name !== name.toLowerCase() || pythonKnows(upper)) continue;
    table.set(`&${upper};`, value.toUpperCase());
  }
  entities = table;
  return table;
}

/** Python html.unescape of one numeric reference ("&#233;", "&#xE9;"), null if it leaves it. */
function numericReference(reference: string): string | null {
  const body = reference.slice(2, -1);
  let code: number;
  if (/^[0-9]+$/.test(body)) code = Number.parseInt(body, 10);
  else if (/^[xX][0-9a-fA-F]+$/.test(body)) code = Number.parseInt(body.slice(1), 16);
  else return null; // Python would replace only a prefix, leaving the ';' — ftfy then keeps it all
  if (code === 0) return "\ufffd";
  if (code === 0x0d) return "\r";
  if (code >= 0x80 && code <= 0x9f) return c1ToWindows1252(String.fromCharCode(code));
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return "\ufffd";
  const invalid =
    (code >= 0x01 && code <= 0x08) ||
    code === 0x0b ||
    (code >= 0x0e && code <= 0x1f) ||
    code === 0x7f ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe;
  return invalid ? "" : String.fromCodePoint(code);
}

/**
 * ftfy's unescape_html: named and numeric character references become characters. A result that
 * contains ';' (only "&#59;"/"&#x3b;") is left as written, as ftfy does.
 */
export function unescapeHtml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(HTML_ENTITY, (reference) => {
    const named = entityTable().get(reference);
    if (named !== undefined) return named;
    if (!reference.startsWith("&#")) return reference;
    const replaced = numericReference(reference);
    return replaced === null || replaced.includes(";") ? reference : replaced;
  });
}
