/**
 * The prompt filter's word lists (data, kept apart from the matching logic so they can be
 * reviewed and extended without touching code). Entries are lower-case words or space-separated
 * phrases, matched on whole words after normalisation (see prompt-filter.ts), so "class",
 * "Scunthorpe" or "cocktail" never match a shorter entry by accident.
 */

/** Explicit sexual content. */
export const SEXUAL_TERMS: readonly string[] = [
  "nsfw", "porn", "pron", "porno", "pornographic", "pornography", "hentai", "xxx", "sex", "sexual", "intercourse",
  "nude", "nudes", "nudity", "naked", "topless", "bottomless", "undressed", "unclothed",
  "nipple", "nipples", "genitals", "genitalia", "penis", "vagina", "vulva", "erection", "orgasm",
  "masturbate", "masturbating", "masturbation", "blowjob", "handjob", "cumshot", "ejaculation",
  "erotic", "erotica", "fetish", "bdsm", "bondage", "stripper", "striptease", "lewd", "explicit",
  "onlyfans", "playboy", "camgirl", "boobs", "tits", "anal", "orgy",
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
  "young girl", "young boy", "little girl", "little boy",
  "elementary school", "middle school", "junior high",
];

/** Ages given as "N years old" / "N-year-old" count as minors below this (a missing or spelled-out number counts as a minor). */
export const ADULT_AGE = 18;

/**
 * "girl" and "boy" name adults as often as children ("a girl in a swimsuit on the beach"), so with a
 * merely suggestive word they pass; with an explicit sexual or abusive term they are refused as minors.
 */
export const WEAK_MINOR_TERMS: readonly string[] = ["girl", "boy", "girls", "boys"];

/**
 * Words with an everyday meaning beside the sexual or violent one. Each is refused unless the
 * prompt also has a word that selects the everyday sense (a rooster's "cock", "Moby Dick", a "corpse
 * flower"); a cue never clears another listed term in the same prompt.
 */
export const AMBIGUOUS_TERMS: readonly { category: "sexual" | "violence"; term: string; benignCues: readonly string[] }[] = [
  { category: "sexual", term: "cock", benignCues: ["rooster", "roosters", "hen", "hens", "chicken", "chickens", "poultry", "crowing", "crows", "barnyard", "feathers", "weathervane", "pheasant", "partridge", "grouse", "bird", "birds"] },
  { category: "sexual", term: "dick", benignCues: ["moby", "whale", "philip", "tracy", "whittington", "dyke", "novel", "author", "detective"] },
  { category: "sexual", term: "pussy", benignCues: ["willow", "willows", "catkins", "cat", "cats", "kitten", "kittens", "kitty"] },
  { category: "violence", term: "corpse", benignCues: ["flower", "flowers", "lily", "plant", "plants", "bloom", "blooming", "blossom", "botanical", "titan", "rafflesia", "amorphophallus"] },
];

/** Graphic violence and gore. */
export const GORE_TERMS: readonly string[] = [
  "gore", "gory", "disembowel", "disemboweled", "dismember", "dismembered", "dismemberment",
  "decapitate", "decapitated", "decapitation", "beheading", "beheaded", "mutilated", "mutilation",
  "entrails", "severed head", "torture", "tortured",
];

/** Non-consensual or abusive sexual themes. */
export const ABUSE_TERMS: readonly string[] = ["rape", "raped", "molest", "molested", "molestation", "incest", "bestiality", "non consensual", "nonconsensual"];
