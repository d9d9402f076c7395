/**
 * The prompt filter's word lists (data, kept apart from the matching logic so they can be
 * reviewed and extended without touching code). Entries are lower-case words or space-separated
 * phrases, matched on whole words after normalisation (see prompt-filter.ts), so "class",
 * "Scunthorpe" or "cocktail" never match a shorter entry by accident.
 */

/** Explicit sexual content. */
export const SEXUAL_TERMS: readonly string[] = [
  "nsfw", "porn", "porno", "pornographic", "pornography", "hentai", "xxx", "sex", "sexual", "intercourse",
  "nude", "nudes", "nudity", "naked", "topless", "bottomless", "undressed", "unclothed",
  "nipple", "nipples", "genitals", "genitalia", "penis", "vagina", "vulva", "erection", "orgasm",
  "masturbate", "masturbating", "masturbation", "blowjob", "handjob", "cumshot", "ejaculation",
  "erotic", "erotica", "fetish", "bdsm", "bondage", "stripper", "striptease", "lewd", "explicit",
  "onlyfans", "playboy", "camgirl", "boobs", "tits", "pussy", "cock", "dick", "anal", "orgy",
  "gangbang", "threesome", "milf", "ahegao", "futanari", "rule 34", "r34", "spread legs",
];

/**
 * Suggestive (not explicit) terms: blocked only together with a minor term. Places and everyday
 * activities ("bedroom", "bath") are deliberately absent: "a kid's bedroom with toys" is a normal fill.
 */
export const SUGGESTIVE_TERMS: readonly string[] = [
  "sexy", "seductive", "sensual", "lingerie", "underwear", "panties", "bikini", "swimsuit", "bra",
  "provocative", "intimate", "revealing", "skimpy", "pin up", "pinup",
];

/** Terms that denote a minor. */
export const MINOR_TERMS: readonly string[] = [
  "child", "children", "kid", "kids", "minor", "minors", "underage", "teen", "teens", "teenager",
  "preteen", "toddler", "infant", "baby", "schoolgirl", "schoolboy", "loli", "lolita", "shota",
  "young girl", "young boy", "little girl", "little boy", "boy", "girl", "year old", "years old",
  "elementary school", "middle school", "junior high",
];

/** Graphic violence and gore. */
export const GORE_TERMS: readonly string[] = [
  "gore", "gory", "disembowel", "disemboweled", "dismember", "dismembered", "dismemberment",
  "decapitate", "decapitated", "decapitation", "beheading", "beheaded", "mutilated", "mutilation",
  "entrails", "corpse", "severed head", "torture", "tortured",
];

/** Non-consensual or abusive sexual themes. */
export const ABUSE_TERMS: readonly string[] = ["rape", "raped", "molest", "molested", "molestation", "incest", "bestiality", "non consensual", "nonconsensual"];
