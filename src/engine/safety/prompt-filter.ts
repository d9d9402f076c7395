/**
 * Rule-based prompt filter, run on every prompt before generation. It normalises the text
 * (accents, case, common digit/symbol substitutions, letters spaced out with dots or spaces),
 * splits it into words and matches whole words or phrases from the lists in prompt-terms.ts.
 *
 * It is a first line of defence, not a classifier: the image classifier checks every result too.
 */
import { ABUSE_TERMS, ADULT_AGE, AMBIGUOUS_TERMS, GORE_TERMS, MINOR_TERMS, SEXUAL_TERMS, SUGGESTIVE_TERMS, WEAK_MINOR_TERMS } from "./prompt-terms";

export type PromptCategory = "sexual" | "minors" | "violence" | "abuse";

export interface PromptMatch {
  category: PromptCategory;
  /** The list entry that matched. */
  term: string;
}

export interface PromptVerdict {
  allowed: boolean;
  categories: PromptCategory[];
  matches: PromptMatch[];
  /** Why it was refused, when not allowed (the caller adds what to do next). */
  message: string | null;
}

export interface PromptFilterOptions {
  /** Categories to enforce; all by default. "minors" is always enforced. */
  categories?: readonly PromptCategory[];
}

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

/** Lower-case words of the prompt after normalisation. */
export function promptWords(text: string): string[] {
  const plain = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents
    .toLowerCase()
    .replace(/[013457@$!]/g, (c, i: number, s: string) => (isInsideWord(s, i) ? LEET[c] : c));
  const raw = plain.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
  // Re-join runs of single letters: "n.u.d.e" and "n u d e" become "nude".
  const words: string[] = [];
  for (let i = 0; i < raw.length; ) {
    if (raw[i].length === 1 && /[a-z]/.test(raw[i])) {
      let j = i;
      let joined = "";
      while (j < raw.length && raw[j].length === 1 && /[a-z]/.test(raw[j])) joined += raw[j++];
      if (joined.length >= 3) {
        words.push(joined);
        i = j;
        continue;
      }
    }
    words.push(raw[i++]);
  }
  return words;
}

/**
 * A substitution character counts as a letter between letters/digits ("nud3", "s3x"), or leading a
 * word of at least three more letters ("3rotic"), not in "4k", "3d" or "1girl".
 */
function isInsideWord(s: string, i: number): boolean {
  const before = s[i - 1] ?? "";
  const after = s[i + 1] ?? "";
  if (/[a-z]/.test(before) || (/[a-z]/.test(after) && /[a-z0-9]/.test(before))) return true;
  return !/[a-z0-9]/.test(before) && /^[a-z]{3,}/.test(s.slice(i + 1)) && !/^(girl|boy|guy|man|men)s?\b/.test(s.slice(i + 1));
}

type Lists = { category: PromptCategory; terms: readonly string[] }[];

function findTerms(words: string[], terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const term of terms) {
    const parts = term.split(" ");
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((p, k) => wordMatches(words[i + k], p, k === parts.length - 1))) {
        found.push(term);
        break;
      }
    }
  }
  return found;
}

/** Whole-word match; the last word of an entry may carry a plural or verb ending. */
function wordMatches(word: string, term: string, allowSuffix: boolean): boolean {
  if (word === term) return true;
  if (!allowSuffix || !word.startsWith(term)) return false;
  return ["s", "es", "ed", "ing", "y", "ly"].includes(word.slice(term.length));
}

export function checkPrompt(prompt: string, options: PromptFilterOptions = {}): PromptVerdict {
  const enabled = new Set<PromptCategory>(options.categories ?? ["sexual", "minors", "violence", "abuse"]);
  enabled.add("minors");
  const words = promptWords(prompt);
  const matches: PromptMatch[] = [];
  const lists: Lists = [
    { category: "sexual", terms: SEXUAL_TERMS },
    { category: "violence", terms: GORE_TERMS },
    { category: "abuse", terms: ABUSE_TERMS },
  ];
  for (const { category, terms } of lists) {
    if (!enabled.has(category)) continue;
    for (const term of findTerms(words, terms)) matches.push({ category, term });
  }
  const ambiguous = ambiguousMatches(words);
  matches.push(...ambiguous.filter((m) => enabled.has(m.category)));
  // Minors, whatever the settings: a clear minor term with anything sexual, suggestive or abusive;
  // "girl"/"boy" (often adults) only with something explicitly sexual or abusive.
  const explicit = [...findTerms(words, SEXUAL_TERMS), ...findTerms(words, ABUSE_TERMS), ...ambiguous.filter((m) => m.category === "sexual").map((m) => m.term)];
  const suggestive = findTerms(words, SUGGESTIVE_TERMS);
  const minors = [...findTerms(words, MINOR_TERMS), ...minorAges(words)];
  const weakMinors = findTerms(words, WEAK_MINOR_TERMS);
  if (minors.length > 0 && explicit.length + suggestive.length > 0) matches.push(...minors.map((term) => ({ category: "minors" as const, term })));
  else if (weakMinors.length > 0 && explicit.length > 0) matches.push(...weakMinors.map((term) => ({ category: "minors" as const, term })));
  const categories = [...new Set(matches.map((m) => m.category))];
  return {
    allowed: matches.length === 0,
    categories,
    matches,
    message: matches.length === 0 ? null : messageFor(categories),
  };
}

/** Ambiguous words (prompt-terms.ts) whose everyday sense no other word in the prompt selects. */
function ambiguousMatches(words: string[]): PromptMatch[] {
  const found: PromptMatch[] = [];
  for (const { category, term, benignCues } of AMBIGUOUS_TERMS) {
    if (findTerms(words, [term]).length === 0) continue;
    if (!benignCues.some((cue) => words.includes(cue))) found.push({ category, term });
  }
  return found;
}

/** "15 years old", "a 3-year-old", "twelve years old": ages under ADULT_AGE, or not given as a number. */
function minorAges(words: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if ((words[i] !== "year" && words[i] !== "years") || words[i + 1] !== "old") continue;
    const age = Number(words[i - 1]);
    if (!(Number.isFinite(age) && age >= ADULT_AGE)) found.push(`${words[i]} old`);
  }
  return found;
}

function messageFor(categories: PromptCategory[]): string {
  const what: Record<PromptCategory, string> = {
    sexual: "sexual content",
    minors: "sexual or suggestive content involving minors",
    violence: "graphic violence",
    abuse: "sexual violence or abuse",
  };
  // Only the reason: the panel adds the next step ("Describe something else…") as its own line.
  return `This prompt asks for ${categories.map((c) => what[c]).join(" and ")}, which this add-on does not generate.`;
}
