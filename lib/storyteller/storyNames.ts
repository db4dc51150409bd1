import type { BriefEntity } from "./storyBrief.ts";
import { pick } from "./storyRandom.ts";

/**
 * Names for the offline storyteller: which words of a cast name identify someone, who a player's
 * action mentions, short names for prose, and generated names for newcomers.
 */

/** Titles and ranks: part of a name, never a name on their own ("Captain", "Lady", "Dr.", "Old"). */
export const NAME_TITLES: ReadonlySet<string> = new Set([
  "captain", "capt", "lady", "lord", "sir", "dame", "dr", "doctor", "old", "young", "sergeant", "sgt", "master", "mistress",
  "mother", "father", "brother", "sister", "madam", "mr", "mrs", "ms", "miss", "professor", "elder", "king", "queen", "prince",
  "princess", "duke", "duchess", "baron", "baroness", "count", "countess", "general", "commander", "lieutenant", "colonel",
  "major", "admiral", "bishop", "reverend", "saint", "st", "judge", "marshal", "chief", "mayor", "governor", "granny", "aunt",
  "uncle", "little", "big", "high", "grand", "councillor", "magister", "officer", "inspector",
]);

const PARTICLES = new Set(["the", "of", "a", "an", "and", "von", "van", "de", "la", "le", "du", "da", "al", "bin", "el", "der"]);

/** Ordinary words that never identify a place, item or faction alone ("well", "house", "camp"). */
const COMMON_WORDS = new Set([
  "well", "house", "camp", "market", "town", "city", "road", "gate", "hall", "street", "square", "fish", "salt", "old", "new",
  "great", "little", "black", "white", "red", "green", "river", "sea", "bay", "hill", "tower", "inn", "shop", "room", "door",
  "ship", "boat", "box", "book", "letter", "key", "map", "ring", "stone", "water", "fire", "night", "day", "pass", "way",
  "cracked", "high", "low", "north", "south", "east", "west", "upper", "lower", "quay", "dock", "docks",
]);

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The words of a name after its leading titles and particles ("Captain Ilse Dorn" → ilse, dorn). */
function coreWords(name: string): string[] {
  const all = words(name);
  let i = 0;
  while (i < all.length - 1 && (NAME_TITLES.has(all[i]) || PARTICLES.has(all[i]))) i++;
  return all.slice(i);
}

/** Every phrase that names `entity` in the player's text, longest first. */
export function aliasesOf(entity: BriefEntity, cast: readonly BriefEntity[]): string[] {
  const out = new Set<string>();
  const full = words(entity.name);
  const core = coreWords(entity.name);
  if (full.length > 0) out.add(full.join(" "));
  if (core.length > 0 && !(core.length === 1 && (NAME_TITLES.has(core[0]) || COMMON_WORDS.has(core[0])))) out.add(core.join(" "));
  const id = entity.id.replace(/[_-]+/g, " ");
  if (!NAME_TITLES.has(id) && !COMMON_WORDS.has(id) && id.length >= 3) out.add(id);
  const owners = (w: string) => cast.filter((e) => coreWords(e.name).includes(w)).length;
  const singles = entity.type === "character" ? core : core.slice(-1);
  if (core.length > 1) {
    for (const w of singles) {
      if (w.length >= 3 && !NAME_TITLES.has(w) && !PARTICLES.has(w) && !COMMON_WORDS.has(w) && owners(w) === 1) out.add(w);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** A letter or digit: what a name must not touch on either side. Compiled once for every cast. */
const NAME_CHAR = /[\p{L}\p{N}]/u;

/** The character (code point) that ends at `at`, or "" at the start. */
function charBefore(text: string, at: number): string {
  if (at <= 0) return "";
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(pair ? at - 2 : at - 1, at);
}

/** The character (code point) that starts at `at`, or "" at the end. */
const charAt = (text: string, at: number): string => (at < text.length ? String.fromCodePoint(text.codePointAt(at) ?? 0) : "");

/**
 * The whole-word matches of `pattern` (global, a case-insensitive literal) in `text`, left to right:
 * [start, end). `ends` lists a match's acceptable ends, longest first. The boundaries are checked
 * with one shared character class: a per-alias pattern with `\p{L}` look-arounds costs V8 ~1 ms to
 * compile under /iu, twice (bytecode, then native code) and again per string encoding, which a new
 * cast's first CJK action paid in full (16–40 ms) while every other request waited.
 */
function* wholeWordMatches(text: string, pattern: RegExp, ends: (m: RegExpExecArray) => number[]): Generator<[number, number]> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const end = NAME_CHAR.test(charBefore(text, m.index)) ? undefined : ends(m).find((e) => !NAME_CHAR.test(charAt(text, e)));
    if (end !== undefined) {
      yield [m.index, end];
      pattern.lastIndex = end;
    } else pattern.lastIndex = m.index + charAt(text, m.index).length;
  }
}

/** Where `alias` first occurs in `text` on word boundaries (-1 if nowhere). */
function firstMention(text: string, alias: string): number {
  const pattern = new RegExp(alias.split(" ").map(escapeRe).join("(?:['’]s)?[\\s\\-]+"), "giu");
  for (const [start] of wholeWordMatches(text, pattern, (m) => [m.index + m[0].length])) return start;
  return -1;
}

/** `text` with every whole-word occurrence of `names` (and its possessive) replaced by a space, spaces collapsed ("give Ilse's knife" → "give knife"). */
export function removeNames(text: string, names: readonly string[]): string {
  let out = text;
  for (const name of names) {
    const pattern = new RegExp(`${escapeRe(name)}(?:['’]s)?`, "giu");
    // With the possessive, or without it when a letter follows ("Ilse'sT" still drops "Ilse").
    const ends = (m: RegExpExecArray) => (m[0].length > name.length ? [m.index + m[0].length, m.index + name.length] : [m.index + m[0].length]);
    let kept = "";
    let from = 0;
    for (const [start, end] of wholeWordMatches(out, pattern, ends)) {
      kept += `${out.slice(from, start)} `;
      from = end;
    }
    out = kept + out.slice(from);
  }
  return out.replace(/\s+/g, " ");
}

/**
 * Cast ids the text mentions, in order of first mention: by id, full name or a distinctive word
 * of a multi-word name, case-insensitive, on word boundaries, possessives included. Titles never
 * match alone; places, items and factions match by id, full name or their last (head) word.
 */
export function findMentioned(text: string, cast: readonly BriefEntity[], excludeId?: string): string[] {
  const hits: Array<{ id: string; at: number }> = [];
  for (const entity of cast) {
    if (entity.id === excludeId) continue;
    let first = -1;
    for (const alias of aliasesOf(entity, cast)) {
      const at = firstMention(text, alias);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    if (first >= 0) hits.push({ id: entity.id, at: first });
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.id);
}

/** The name prose and memories use: the first distinctive word ("Captain Ilse Dorn" → "Ilse"). */
export function shortName(entity: Pick<BriefEntity, "name" | "type">): string {
  if (entity.type !== "character") return entity.name;
  const original = entity.name.split(/\s+/).filter(Boolean);
  const first = original.find((w) => {
    const norm = words(w)[0];
    return norm !== undefined && !NAME_TITLES.has(norm) && !PARTICLES.has(norm);
  });
  return first ?? entity.name;
}

/** A lowercase entity-id slug ("Wren Halloway" → "wren_halloway"). */
export function slugify(text: string): string {
  const slug = words(text).join("_").replace(/^[^a-z]+/, "").slice(0, 40);
  return slug || "someone";
}

const GIVEN = [
  "Wren", "Ansel", "Corra", "Dashiel", "Fenna", "Ismay", "Jory", "Kestrel", "Lio", "Maren", "Odile", "Perrin", "Quenby",
  "Rook", "Saffi", "Tamsin", "Ulric", "Vesna", "Yara", "Zeb",
];
const FAMILY = [
  "Ashgrove", "Brightwater", "Cask", "Dunmore", "Fallow", "Greaves", "Hollin", "Larke", "Marrow", "Nettleby", "Orrin",
  "Pell", "Quarry", "Rushforth", "Sallow", "Thorne", "Vane", "Winterbourne",
];

/** A generated newcomer: a name and an id that no cast member uses yet. */
export function newcomerName(rng: () => number, cast: readonly BriefEntity[], playerId: string): { id: string; name: string } {
  const taken = new Set([playerId, ...cast.map((e) => e.id)]);
  const takenNames = new Set(cast.map((e) => e.name.toLowerCase()));
  for (let attempt = 0; attempt < 40; attempt++) {
    const name = `${pick(rng, GIVEN)} ${pick(rng, FAMILY)}`;
    if (takenNames.has(name.toLowerCase())) continue;
    const candidates = [slugify(name.split(" ")[0]), slugify(name)];
    const id = candidates.find((c) => !taken.has(c));
    if (id) return { id, name };
  }
  let n = 2;
  while (taken.has(`newcomer_${n}`)) n++;
  return { id: `newcomer_${n}`, name: `Newcomer ${n}` };
}
