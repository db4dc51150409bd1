import type { EntityRef } from "./types.ts";
import { tokenize, type Token } from "./text.ts";

/**
 * Honorifics and ranks. They are part of a name when written before it ("Dr. Yuen Hale") but never
 * identify anyone alone: "the Lady" or "Sister" could be anybody.
 */
export const TITLES: ReadonlySet<string> = new Set([
  "dr", "doctor", "lady", "lord", "sir", "dame", "captain", "capt", "king", "queen", "prince", "princess", "brother", "sister",
  "mother", "father", "master", "mistress", "madam", "madame", "mr", "mrs", "ms", "miss", "professor", "prof", "elder", "duke",
  "duchess", "baron", "baroness", "count", "countess", "earl", "general", "gen", "commander", "lieutenant", "lt", "sergeant", "sgt",
  "colonel", "col", "major", "admiral", "bishop", "abbot", "abbess", "reverend", "rev", "saint", "st", "magister", "archmage",
  "chancellor", "judge", "marshal", "emperor", "empress", "high", "grand", "old", "young", "little", "big", "aunt", "uncle",
  "granny", "grandma", "grandpa", "nurse", "officer", "inspector", "detective", "agent", "chief", "senator", "governor", "mayor",
]);

// Particles inside names that identify nobody on their own ("Aldric of the Vale").
const NAME_PARTICLES = new Set(["the", "of", "von", "van", "de", "la", "le", "du", "da", "al", "bin", "el", "and", "den", "der"]);

/** Where an entity is named in a memory (token range, title included). */
export interface Mention {
  entityId: string;
  start: number;
  end: number;
  possessive: boolean;
}

interface Alias {
  words: string[];
  entityId: string;
}

/** Precomputed alias index for a cast; build once per cast, reuse for every memory. */
export interface MentionIndex {
  byFirstWord: Map<string, Alias[]>;
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
  for (const e of entities) {
    const full = wordsOf(e.name);
    let i = 0;
    while (i < full.length - 1 && TITLES.has(full[i])) i++;
    const core = full.slice(i);
    cores.set(e.id, core);
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
    for (const w of core) {
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
  return { byFirstWord };
}

/** Find every entity mention, longest alias first, with a capitalised title absorbed into it. */
export function findMentions(tokens: readonly Token[], index: MentionIndex): Mention[] {
  const out: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const candidates = tokens[i].punct ? undefined : index.byFirstWord.get(tokens[i].norm);
    const hit = candidates?.find((a) => matchesAt(tokens, i, a.words));
    if (!hit) {
      i++;
      continue;
    }
    const end = i + hit.words.length;
    out.push({ entityId: hit.entityId, start: absorbTitles(tokens, i), end, possessive: tokens[end - 1].possessive });
    i = end;
  }
  return out;
}

function matchesAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  if (i + words.length > tokens.length) return false;
  for (let k = 0; k < words.length; k++) {
    const t = tokens[i + k];
    // Only the last word of a name may carry the possessive ("Yuen Hale's", not "Yuen's Hale").
    if (t.punct || t.norm !== words[k] || (t.possessive && k < words.length - 1)) return false;
  }
  return true;
}

// "Dr. Yuen Hale": step back over "." and capitalised titles; "her sister Maren" keeps "sister"
// out of the name because it is lower-case, so it can still be read as kinship.
function absorbTitles(tokens: readonly Token[], start: number): number {
  let s = start;
  for (;;) {
    let j = s - 1;
    if (j >= 0 && tokens[j].text === ".") j--;
    if (j >= 0 && tokens[j].cap && !tokens[j].possessive && TITLES.has(tokens[j].norm)) s = j;
    else return s;
  }
}
