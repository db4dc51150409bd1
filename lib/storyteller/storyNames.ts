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
function aliasesOf(entity: BriefEntity, cast: readonly BriefEntity[]): string[] {
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
      const pattern = alias.split(" ").map(escapeRe).join("(?:['’]s)?[\\s\\-]+");
      const m = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "iu").exec(text);
      if (m && (first < 0 || m.index < first)) first = m.index;
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
