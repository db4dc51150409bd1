import { tokenize } from "./text.ts";
import type { EntityRef } from "./types.ts";

/** The cast's names, titles and aliases, indexed once per cast for finding mentions (mentions.ts). */

/**
 * Honorifics and ranks. They are part of a name when written before it ("Dr. Yuen Hale") but never
 * identify anyone alone: "the Lady" or "Sister" could be anybody.
 */
export const TITLES: ReadonlySet<string> = new Set([
  "dr", "doctor", "doc", "lady", "lord", "sir", "dame", "captain", "capt", "king", "queen", "prince", "princess", "brother", "sister",
  "mother", "father", "master", "mistress", "madam", "madame", "mr", "mrs", "ms", "miss", "professor", "prof", "elder", "duke",
  "duchess", "baron", "baroness", "count", "countess", "earl", "general", "gen", "commander", "lieutenant", "lt", "sergeant", "sgt",
  "colonel", "col", "major", "admiral", "bishop", "abbot", "abbess", "reverend", "rev", "saint", "st", "magister", "archmage",
  "chancellor", "judge", "marshal", "emperor", "empress", "high", "grand", "old", "young", "little", "big", "aunt", "uncle",
  "granny", "grandma", "grandpa", "nurse", "officer", "inspector", "detective", "agent", "chief", "senator", "governor", "mayor",
]);

// Particles inside names that identify nobody on their own ("Aldric of the Vale").
const NAME_PARTICLES = new Set(["the", "of", "von", "van", "de", "la", "le", "du", "da", "al", "bin", "el", "and", "den", "der"]);

// Titles that carry a gender. Used only to rule a pronoun out ("he" cannot be "Queen Vesna").
const FEMALE_TITLES = new Set(["lady", "queen", "mistress", "dame", "duchess", "princess", "empress", "countess", "baroness", "madam", "madame", "mrs", "ms", "miss", "sister", "mother", "abbess", "aunt", "granny", "grandma"]);
const MALE_TITLES = new Set(["lord", "king", "sir", "duke", "prince", "emperor", "count", "earl", "baron", "mr", "brother", "father", "abbot", "uncle", "grandpa"]);
// Titles that are also kinship or common nouns: "the brother" / "the mother" name a family role, not one person.
const NON_DEFINITE_TITLES = new Set(["brother", "sister", "mother", "father", "aunt", "uncle", "granny", "grandma", "grandpa", "old", "young", "little", "big", "high", "grand", "elder", "saint", "st"]);
// …except when capitalised after "the": "the Brother" is the one cast member titled Brother, as "the Queen" is hers.
const KIN_TITLES = new Set(["brother", "sister", "mother", "father", "aunt", "uncle", "granny", "grandma", "grandpa"]);
// Role nouns a title implies ("the physician" for Dr. Hale, "the monk" for Brother Mirren).
const TITLE_SYNONYMS: Record<string, string[]> = {
  dr: ["doctor", "doc", "physician", "surgeon"], doctor: ["dr", "doc"], capt: ["captain"], captain: ["capt"], prof: ["professor"], professor: ["prof"], brother: ["monk", "friar"],
};

interface Alias {
  words: string[];
  entityId: string;
}

/** Precomputed alias index for a cast; build once per cast, reuse for every memory. */
export interface MentionIndex {
  byFirstWord: Map<string, Alias[]>;
  /** Title word → the one entity that holds it ("queen" → vesna); titles two entities share are absent. */
  definiteTitles: Map<string, string>;
  /** Kinship titles held by one entity ("brother" → mirren): a reference only when written "the Brother". */
  kinTitles: Map<string, string>;
  /** Entity id → gender read from a gendered title, when there is one. */
  gender: Map<string, "f" | "m">;
  /** Entity id → the words after "of" in its name ("tarrow" for "Queen Vesna of Tarrow"). */
  ofTails: Map<string, string[]>;
}

const wordsOf = (s: string): string[] => tokenize(s).filter((t) => !t.punct).map((t) => t.norm);

/**
 * Aliases per entity: the full name, the name without leading titles, the id, and each distinctive
 * word of a multi-word name ("Hale", "Yuen", "Corvin"). A word shared by two entities is not
 * distinctive and is dropped, so "Corvin" never guesses between two Corvins.
 */
export function buildMentionIndex(entities: readonly EntityRef[]): MentionIndex {
  const aliases: Alias[] = [];
  const wordOwners = new Map<string, Set<string>>();
  const cores = new Map<string, string[]>();
  const titleOwners = new Map<string, Set<string>>();
  const gender = new Map<string, "f" | "m">();
  const ofTails = new Map<string, string[]>();
  for (const e of entities) {
    const full = wordsOf(e.name);
    let i = 0;
    while (i < full.length - 1 && TITLES.has(full[i])) i++;
    for (const t of full.slice(0, i)) {
      for (const w of [t, ...(TITLE_SYNONYMS[t] ?? [])]) titleOwners.set(w, (titleOwners.get(w) ?? new Set()).add(e.id));
      if (FEMALE_TITLES.has(t)) gender.set(e.id, "f");
      else if (MALE_TITLES.has(t)) gender.set(e.id, "m");
    }
    const core = full.slice(i);
    cores.set(e.id, core);
    if (core.indexOf("of") > 0) ofTails.set(e.id, core.slice(core.indexOf("of") + 1));
    aliases.push({ words: full, entityId: e.id }, { words: core, entityId: e.id });
    const idWords = wordsOf(e.id.replace(/[_.]/g, " "));
    if (idWords.length > 0 && !(idWords.length === 1 && TITLES.has(idWords[0]))) aliases.push({ words: idWords, entityId: e.id });
    for (const w of core) {
      if (!wordOwners.has(w)) wordOwners.set(w, new Set());
      wordOwners.get(w)?.add(e.id);
    }
  }
  for (const [id, core] of cores) {
    if (core.length < 2) continue;
    // "Vesna of Tarrow": what follows "of" is a place, not a way to name the person.
    const of = core.indexOf("of");
    for (const w of of > 0 ? core.slice(0, of) : core) {
      const distinctive = w.length > 1 && !TITLES.has(w) && !NAME_PARTICLES.has(w) && wordOwners.get(w)?.size === 1;
      if (distinctive) aliases.push({ words: [w], entityId: id });
    }
  }
  const byFirstWord = new Map<string, Alias[]>();
  for (const a of aliases) {
    if (a.words.length === 0) continue;
    const list = byFirstWord.get(a.words[0]) ?? [];
    if (!list.some((x) => x.entityId === a.entityId && x.words.join(" ") === a.words.join(" "))) list.push(a);
    byFirstWord.set(a.words[0], list);
  }
  // Longest alias first, so "Yuen Hale" wins over "Yuen".
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  const definiteTitles = new Map<string, string>();
  const kinTitles = new Map<string, string>();
  for (const [t, owners] of titleOwners) {
    if (owners.size !== 1) continue;
    if (!NON_DEFINITE_TITLES.has(t)) definiteTitles.set(t, [...owners][0]);
    else if (KIN_TITLES.has(t)) kinTitles.set(t, [...owners][0]);
  }
  return { byFirstWord, definiteTitles, kinTitles, gender, ofTails };
}

/** Casts whose mention index is kept (a server holds a few sessions' casts at once). */
const MENTION_INDEX_CACHE_SIZE = 16;
const mentionIndexCache = new Map<string, MentionIndex>();

/**
 * The mention index for a cast, built once per distinct cast and reused. Keyed by the entities'
 * ids and names in order, so a fresh array holding the same cast (as tools build per call) still
 * hits; the least recently used cast is dropped beyond {@link MENTION_INDEX_CACHE_SIZE}.
 */
export function mentionIndexFor(entities: readonly EntityRef[]): MentionIndex {
  // The same array is usually passed again (a session's cast, an eval's cast): a check of its ids and
  // names is cheaper than building the key, and still notices an array changed in place.
  const seen = indexByCastArray.get(entities);
  if (seen && sameCast(seen.cast, entities)) return seen.index;
  const key = JSON.stringify(entities.map((e) => [e.id, e.name]));
  let index = mentionIndexCache.get(key);
  if (index) mentionIndexCache.delete(key);
  else index = buildMentionIndex(entities);
  mentionIndexCache.set(key, index);
  if (mentionIndexCache.size > MENTION_INDEX_CACHE_SIZE) {
    const oldest = mentionIndexCache.keys().next();
    if (!oldest.done) mentionIndexCache.delete(oldest.value);
  }
  indexByCastArray.set(entities, { cast: entities.map((e) => ({ id: e.id, name: e.name })), index });
  return index;
}

const indexByCastArray = new WeakMap<readonly EntityRef[], { cast: EntityRef[]; index: MentionIndex }>();

function sameCast(a: readonly EntityRef[], b: readonly EntityRef[]): boolean {
  return a.length === b.length && a.every((e, i) => e.id === b[i].id && e.name === b[i].name);
}
