import { TITLES, type MentionIndex } from "./mentionIndex.ts";
import type { Token } from "./text.ts";
import { POSSESSIVE_PRONOUNS } from "./wordsets.ts";

/** Where an entity is named in a memory (token range, title included). */
export interface Mention {
  entityId: string;
  start: number;
  end: number;
  possessive: boolean;
  /** Confidence multiplier: below 1 for an inferred reference ("the Queen" by title alone). */
  factor?: number;
}

// Descriptive adjectives between "the" and a title ("the old Queen"); not "other", "former", "new",
// which may point at someone else holding the title.
const TITLE_ADJECTIVES = new Set(
  "old young aging ageing ailing elderly aged good grim stern gruff proud dour stubborn cunning clever wise cold weary tired brave kind gentle fierce mighty great wily sly shrewd haughty grey gray scarred dear poor mad"
    .split(" "),
);

/** "her Captain", "my Queen": a capitalised title after a possessive determiner is its holder. */
const OWNING = new Set(["my", "her", "his", "their", "our", "your"]);
const VOCATIVE_OPEN = new Set([",", "\"", "“"]);
const VOCATIVE_CLOSE = new Set([",", ".", "!", "?", "\"", "”", ";", "—"]);

/** "“I admire you, Captain, more than …”": a title set off as a form of address. */
function isVocative(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1], next = tokens[i + 1];
  return prev !== undefined && prev.punct && VOCATIVE_OPEN.has(prev.text) && (next === undefined || (next.punct && VOCATIVE_CLOSE.has(next.text)));
}

// "fond of the boy", "distrusts the girl", "despise the woman": a plain person noun for someone named before.
const EPITHETS: ReadonlyMap<string, "f" | "m"> = new Map([["boy", "m"], ["lad", "m"], ["man", "m"], ["girl", "f"], ["lass", "f"], ["woman", "f"]]);
// "the boy", and "that girl" ("I'd trust that girl with my last coin").
const EPITHET_DETERMINERS = new Set(["the", "that"]);
const MALE_KIN = new Set(["son", "sons", "nephew", "nephews", "grandson", "brother", "brothers", "husband", "father", "uncle", "boyfriend", "stepson", "ward"]);
const FEMALE_KIN = new Set(["daughter", "daughters", "niece", "nieces", "granddaughter", "sister", "sisters", "wife", "mother", "aunt", "girlfriend", "stepdaughter", "ward"]);
// Someone's household ("Corvin's maid … the girl"): one of them named after the last person may be the one meant.
const EITHER_HOUSEHOLD = ["apprentice", "servant", "clerk", "page", "student", "pupil", "child", "kid", "messenger", "courier", "assistant"];
const MALE_HOUSEHOLD = new Set(["valet", "butler", "footman", "groom", "landlord", "squire", ...EITHER_HOUSEHOLD]);
const FEMALE_HOUSEHOLD = new Set(["maid", "maids", "landlady", "housekeeper", "governess", "bride", ...EITHER_HOUSEHOLD]);
const possessiveAt = (t: Token | undefined): boolean => t !== undefined && (t.possessive || POSSESSIVE_PRONOUNS.has(t.norm));

/**
 * "Mirren heard Tomas's confession; he has always been fond of the boy": after "the" (and perhaps
 * "young" / "old"), a plain person noun is the last person named before it who is not the memory's
 * owner (the owner is "I" or "she" in their own memory) and whose title does not rule the noun out.
 * A guess: it carries {@link OWNER_ROLE_REFERENCE}, under the enrichment threshold.
 */
function epithetReferent(tokens: readonly Token[], i: number, before: readonly Mention[], index: MentionIndex, owner: string | undefined): string | undefined {
  const t = tokens[i];
  const g = EPITHETS.get(t.norm);
  if (g === undefined || t.cap) return undefined;
  const adj = tokens[i - 1]?.norm === "young" || tokens[i - 1]?.norm === "old";
  const the = adj ? i - 2 : i - 1;
  if (!EPITHET_DETERMINERS.has(tokens[the]?.norm ?? "")) return undefined;
  // "Tomas, the man she loved": an apposition, the name itself is the mention.
  const last = before[before.length - 1];
  if (last !== undefined && tokens[the - 1]?.text === "," && last.end === the - 1) return undefined;
  // "Corvin's nephew …, who dotes on the boy": a relative of that gender named before may be the one meant.
  // ("Brother Mirren", capitalised, is a title, not a relative.)
  if (tokens.slice(0, i).some((w) => !w.cap && (g === "m" ? MALE_KIN : FEMALE_KIN).has(w.norm))) return undefined;
  // Someone's household only when named after the person ("Hale's apprentice quit, and Hale blamed Lady Corvin's meddling, … the woman" is Corvin).
  const household = g === "m" ? MALE_HOUSEHOLD : FEMALE_HOUSEHOLD;
  const servant = tokens.slice(0, i).findLastIndex((w, k) => !w.cap && household.has(w.norm) && possessiveAt(tokens[k - 1]));
  for (let k = before.length - 1; k >= 0; k--) {
    const id = before[k].entityId;
    if (id !== owner && (index.gender.get(id) ?? g) === g) return servant >= before[k].end ? undefined : id;
  }
  return undefined;
}

// "her ladyship", "his lordship", "Her Majesty": a style of address names the one holder of the title behind it.
const STYLES: ReadonlyMap<string, readonly string[]> = new Map([
  ["ladyship", ["lady"]], ["lordship", ["lord"]], ["majesty", ["queen", "king", "empress", "emperor"]], ["highness", ["princess", "prince"]],
]);
function styleOfAddress(tokens: readonly Token[], i: number, index: MentionIndex): string | undefined {
  const titles = STYLES.get(tokens[i].norm);
  if (!titles || !["her", "his", "your"].includes(tokens[i - 1]?.norm ?? "")) return undefined;
  for (const title of titles) {
    const id = index.definiteTitles.get(title);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** Confidence factor for a reference by title alone ("the Queen"). */
export const TITLE_REFERENCE = 0.85;
/** "the captain" (lower case) for the memory's owner who holds that title: a guess, kept under the threshold. */
export const OWNER_ROLE_REFERENCE = 0.65;

/**
 * Mentions plus definite title references: "the Queen", "The Captain's" name the one cast member
 * holding that capitalised title. Used by relationship extraction only; a title alone is a
 * guess (the text may mean someone outside the cast), so it carries {@link TITLE_REFERENCE}.
 */
export function findMentionsWithTitles(tokens: readonly Token[], index: MentionIndex, owner?: string): Mention[] {
  const named = findMentions(tokens, index);
  const out: Mention[] = [];
  let n = 0;
  for (let i = 1; i < tokens.length; i++) {
    while (n < named.length && named[n].end <= i) out.push(named[n++]);
    if (n < named.length && named[n].start <= i) continue;
    const t = tokens[i];
    // "the Queen", and "the old Queen": one descriptive adjective may stand between.
    const adj = i >= 2 && !tokens[i - 1].cap && TITLE_ADJECTIVES.has(tokens[i - 1].norm) && tokens[i - 2].norm === "the";
    const afterThe = tokens[i - 1].norm === "the";
    const definite = afterThe || adj || (t.cap && (isVocative(tokens, i) || OWNING.has(tokens[i - 1].norm)))
      // ("'Forgive me, Brother,' Tomas said": a kinship title in address is the one cast member who holds it.)
      ? (index.definiteTitles.get(t.norm) ?? ((afterThe || adj || isVocative(tokens, i)) && t.cap ? index.kinTitles.get(t.norm) : undefined))
      : undefined;
    // "the captain" in lower case: the narrator may name the memory's owner by role, or someone already
    // named by name ("blames Hale … doubts every word the doctor says"); a guess either way.
    const style = styleOfAddress(tokens, i, index);
    if (style) {
      out.push({ entityId: style, start: i - 1, end: i + 1, possessive: t.possessive, factor: TITLE_REFERENCE });
      continue;
    }
    const id = (t.cap || (definite !== undefined && (definite === owner || out.some((m) => m.entityId === definite))) ? definite : undefined)
      ?? epithetReferent(tokens, i, out, index, owner);
    const next = tokens[i + 1];
    // "the Captain Morrow": a title before a name we do not know is someone else.
    // ("the Captain I trust" is her: "I" is no name.)
    if (!id || (!t.possessive && next?.cap && !next.punct && next.norm !== "i" && !(n < named.length && named[n].start === i + 1))) continue;
    let end = i + 1;
    // "the Queen of Tarrow": absorb "of" + the rest of her own name.
    const tail = index.ofTails.get(id);
    if (!t.possessive && next?.norm === "of" && tail && matchesAt(tokens, i + 2, tail)) end = i + 2 + tail.length;
    // "the Queen" starts at "the"; an address ("…, Captain,") or "her Captain" at the title itself.
    const determiner = tokens[i - 1].norm === "the" || (tokens[i - 1].norm === "that" && EPITHETS.has(t.norm));
    out.push({ entityId: id, start: adj ? i - 2 : determiner ? i - 1 : i, end, possessive: tokens[end - 1].possessive, factor: t.cap ? TITLE_REFERENCE : OWNER_ROLE_REFERENCE });
    i = end - 1;
  }
  while (n < named.length) out.push(named[n++]);
  return out;
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
