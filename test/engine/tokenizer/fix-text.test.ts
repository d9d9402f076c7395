import { describe, expect, it } from "vitest";
import { fixText } from "../../../src/engine/tokenizer";

// Expected strings are ftfy 6.3.1 fix_text outputs (Python 3.11), the clean-up the reference
// CLIP tokenizer applies before lowercasing.
describe("fixText (ftfy 6.3.1 default fix_text)", () => {
  it.each([
    ["cats &amp; dogs", "cats & dogs"],
    ["Tom &amp;amp; Jerry", "Tom & Jerry"], // repeated until stable
    ["&#233;&#x41;&#59;&#12ab;&EACUTE;&GTCC;", "éA&#59;&#12ab;É&GTCC;"],
    ["x < y &amp; z", "x < y &amp; z"], // a '<' means real HTML: entities stay
    ["x &lt; y\n&amp;", "x < y\n&"],
    ["a &amp; b\nx < y &amp; z\n&amp;", "a & b\nx < y &amp; z\n&amp;"], // the '<' decision sticks for later lines
  ])("HTML entities: %j", (input, expected) => {
    expect(fixText(input)).toBe(expected);
  });

  it.each([
    ["cafÃ© and donâ€™t", "café and don't"],
    ["Ã  la carte", "à la carte"],
    ["ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"],
    ["The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.", "The Mona Lisa doesn't have eyebrows."],
    ["\u0093quoted\u0094", '"quoted"'],
  ])("mojibake: %j", (input, expected) => {
    expect(fixText(input)).toBe(expected);
  });

  it("leaves correct accented text alone", () => {
    for (const text of ["café au lait", "naïve résumé, jalapeño, crème brûlée", "Zürich Straße Ångström Æsir", "Ελληνικά и русский"]) {
      expect(fixText(text)).toBe(text);
    }
  });

  it.each([
    ["ﬁne ﬂower", "fine flower"],
    ["ＦＵＬＬＷＩＤＴＨ\u3000１２３", "FULLWIDTH 123"],
    ["“smart” ‘quotes’", "\"smart\" 'quotes'"],
    ["e\u0301", "\u00e9"],
    ["line\r\nbreak\u2028x", "line\nbreak\nx"],
    ["zero\u200bwidth soft\u00adhyphen\u0000\u001b[31mred\u001b[0m\ufeff", "zero\u200bwidth soft\u00adhyphenred"],
  ])("character fixes: %j", (input, expected) => {
    expect(fixText(input)).toBe(expected);
  });
});
