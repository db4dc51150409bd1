import type { Actor, Ctx } from "./context.ts";
import { sentenceOpener } from "./phraseBounds.ts";
import { COPULAS, DETERMINERS, isFiller, STRONG, WEAK } from "./wordsets.ts";

/**
 * Plural references: "they", "we", "us", "the two", "both of them", "them both", and the group a
 * sentence opens with. Each resolves to the people the text names before it, at a confidence under
 * the threshold when it is a guess.
 */

/** Confidence factor for a plural reference resolved to earlier names ("they", "the two"). */
export const PLURAL_REFERENCE = 0.7;
/** "they" read as the only two people named, not joined by "and": under the threshold with an explicit cue. */
const UNJOINED_PAIR = 0.6;
/** "we" read as the owner and one other person: a guess that stays under the threshold with an explicit cue. */
const WE_REFERENCE = 0.65;

/**
 * "we" at j: inside a quotation, its speaker and the person addressed; outside, the owner and the
 * one other person named before it ("Ada forgave me, and we are friends again"). Undefined when
 * two or more others were named (whose "we" is a guess too far).
 */
function weAt(ctx: Ctx, j: number): Actor[] | undefined {
  const voice = ctx.voice(j);
  if (voice) {
    if (voice.speaker === undefined || voice.addressee === undefined || voice.speaker === voice.addressee) return undefined;
    return [voice.speaker, voice.addressee].map((id) => ({ id, factor: WE_REFERENCE, pos: j }));
  }
  if (ctx.doubt.quoted?.[j]) return undefined;
  // ("sworn my sword to Lady Corvin's cause …; we stand together": a possessor is a person named too.)
  const named = namedBefore(ctx, j, 1, ctx.owner);
  const others = named.length > 0 ? named : namedBefore(ctx, j, 1, ctx.owner, true);
  return others.length === 1 ? [ctx.owner, others[0]].map((id) => ({ id, factor: WE_REFERENCE, pos: j })) : undefined;
}

/** The distinct people named (not as possessors) before j, other than `except`; stops past `most` of them. */
function namedBefore(ctx: Ctx, j: number, most: number, except?: string, possessors = false): string[] {
  const ids: string[] = [];
  for (const m of ctx.mentions) {
    if (m.end > j) break;
    if ((m.possessive && !possessors) || m.entityId === except || ids.includes(m.entityId)) continue;
    ids.push(m.entityId);
    if (ids.length > most) break;
  }
  return ids;
}

/**
 * "the Queen now distrusts them both", "fond of both of them": an object that is the only two people
 * named before it, other than the subject. Returns the pair and the token after the phrase.
 */
export function bothAt(ctx: Ctx, j: number, subjectIds: ReadonlySet<string>): { objects: Actor[]; end: number } | undefined {
  const w = (k: number) => ctx.tokens[k]?.norm;
  // ("I now doubt both their accounts": the pair's own word.)
  const end = w(j) === "them" && w(j + 1) === "both" ? j + 2 : w(j) === "both" && w(j + 1) === "of" && w(j + 2) === "them" ? j + 3
    : w(j) === "both" && w(j + 1) === "their" && !ctx.tokens[j + 2]?.punct ? j + 3 : -1;
  if (end < 0 || subjectIds.size > 1) return undefined;
  // ("Sera's statement contradicts Tomas's …; I doubt both their accounts": possessors count when two are not named plainly.)
  const plain = namedBefore(ctx, j, 2, [...subjectIds][0]);
  const ids = plain.length === 2 ? plain : namedBefore(ctx, j, 2, [...subjectIds][0], true);
  return ids.length === 2 ? { objects: ids.map((id) => ({ id, factor: PLURAL_REFERENCE, pos: j })), end } : undefined;
}

const COORD = new Set(["and", "&", "+", "/", ",", "both"]);
const TWO_OF = new Set(["women", "men", "girls", "boys", "sisters", "brothers", "siblings", "cousins", "friends", "rivals", "ladies", "lords", "captains"]);

/**
 * "they" / "the two" / "the pair" / "both of them" at j: the most recent names joined by "and"
 * ("Sera and Quill both want…; they are rivals"), or for "the two" the last two people named.
 * Undefined when the text gives no such group (then "they" stays the owner's pronoun).
 */
export function pluralAt(ctx: Ctx, j: number): Actor[] | undefined {
  const n = ctx.tokens[j].norm;
  const prev = ctx.tokens[j - 1]?.norm;
  const pairWord = ((n === "two" || n === "pair") && prev === "the") || (n === "both" && ctx.tokens[j + 1]?.norm === "of" && ctx.tokens[j + 2]?.norm === "them")
    // "the two women", "the two brothers"
    || (TWO_OF.has(n) && prev === "two" && ctx.tokens[j - 2]?.norm === "the")
    // "the two of them", "both of them", read from "them" (a scan leftwards meets it first)
    || (n === "them" && prev === "of" && (ctx.tokens[j - 2]?.norm === "both" || (ctx.tokens[j - 2]?.norm === "two" && ctx.tokens[j - 3]?.norm === "the")));
  // "You and I are allies": the same pair as a quotation's "we".
  if (n === "we" || ((n === "i" || n === "me") && prev === "and" && ctx.tokens[j - 2]?.norm === "you")) return weAt(ctx, j);
  if (n !== "they" && !pairWord) return undefined;
  const joined = joinedPair(ctx, j);
  if (joined) return joined;
  if (pairWord) {
    const ids = [...new Set(ctx.mentions.filter((m) => m.end <= j).map((m) => m.entityId).reverse())].slice(0, 2).reverse();
    return ids.length === 2 ? ids.map((id) => ({ id, factor: PLURAL_REFERENCE, pos: j })) : undefined;
  }
  return unjoinedPair(ctx, j);
}

/** The last two names joined by "and" / "&" / "," before j ("Sera and Quill both want…; they …"). */
export function joinedPair(ctx: Ctx, j: number): Actor[] | undefined {
  const before = ctx.mentions.filter((m) => m.end <= j);
  for (let k = before.length - 1; k > 0; k--) {
    const gap = ctx.tokens.slice(before[k - 1].end, before[k].start);
    if (gap.length > 0 && gap.length <= 2 && gap.every((t) => COORD.has(t.norm)) && before[k - 1].entityId !== before[k].entityId) {
      return [before[k - 1], before[k]].map((m) => ({ id: m.entityId, factor: PLURAL_REFERENCE, pos: j }));
    }
  }
  return undefined;
}

/** "Tomas pulled Sera out of the rubble. They have been friends since …": the only two people named, a guess. */
export function unjoinedPair(ctx: Ctx, j: number): Actor[] | undefined {
  // ("The Captain's fear of deep water … Mirren noticed …; they're friends now": a possessor counts when one other is named.)
  const plain = namedBefore(ctx, j, 2);
  const named = plain.length === 1 ? namedBefore(ctx, j, 2, undefined, true) : plain;
  return named.length === 2 && !ctx.doubt.quoted?.[j] ? named.map((id) => ({ id, factor: UNJOINED_PAIR, pos: j })) : undefined;
}

const FRAGMENT_BREAKS = new Set([":", ";", "—", "–", ",", ".", "!"]);

/**
 * "Vesna and Corvin signed the river pact: allies until the harvest", "…. Rivals for life now": a
 * plural mutual noun opening a verbless fragment (at most two modifiers before it) names the pair
 * last mentioned, as "they" would. Undefined when the cue does not open such a fragment.
 */
export function fragmentPair(ctx: Ctx, cueStart: number, cueEnd: number): Actor[] | undefined {
  if (!ctx.tokens[cueEnd - 1]?.norm.endsWith("s")) return undefined;
  let j = cueStart - 1;
  for (let steps = 0; j >= 0 && !ctx.tokens[j].punct; j--, steps++) {
    if (steps >= 2 || ctx.mentionAt[j] >= 0 || ctx.tokens[j].cap || /^(is|are|was|were|be|been|they|we|you|i|she|he|not|no|never|neither|nor)$/.test(ctx.tokens[j].norm)) return undefined;
  }
  if (j >= 0 && !FRAGMENT_BREAKS.has(ctx.tokens[j].text)) return undefined;
  return joinedPair(ctx, cueStart) ?? unjoinedPair(ctx, cueStart);
}

// The group a noun or a group-only cue reaches back to: the sentence's opening group, "us".

/** "us" at `at`: the speaker (the owner outside quotations) and the last other person named before it. */
export function speakerAndLastNamed(ctx: Ctx, at: number): Actor[] | undefined {
  const me = ctx.voice(at)?.speaker ?? ctx.owner;
  const other = ctx.mentions.findLast((m) => m.start < at && m.entityId !== me);
  return other ? [{ id: me, factor: 1, pos: at }, { id: other.entityId, factor: 1, pos: other.start }] : undefined;
}

/** "…, and are now bitter rivals": "and", then a copula, then only fillers and modifiers before the noun at `at`. */
export function andCopulaBefore(ctx: Ctx, at: number): boolean {
  const modifier = (j: number): boolean => {
    const t = ctx.tokens[j];
    if (COPULAS.has(t.norm) || t.punct || ctx.mentionAt[j] >= 0) return false;
    // Any one word right before the noun ("bitter rivals"); further back only fillers and degree words.
    return j === at - 1 || DETERMINERS.has(t.norm) || STRONG.has(t.norm) || WEAK.has(t.norm) || isFiller(t.norm);
  };
  let j = at - 1;
  while (j >= ctx.clause.start && at - j <= 4 && modifier(j)) j--;
  return COPULAS.has(ctx.tokens[j]?.norm ?? "") && andOverFillers(ctx, j - 1, at - 7);
}

/** ", both jurors, have become fast friends": a copula (after fillers) before the noun at `at`, a comma-aside naming no one before it. */
export function copulaAfterAside(ctx: Ctx, at: number): boolean {
  let j = at - 1;
  while (j >= ctx.clause.start && at - j <= 4 && !COPULAS.has(ctx.tokens[j].norm) && !ctx.tokens[j].punct && ctx.mentionAt[j] < 0) j--;
  if (!COPULAS.has(ctx.tokens[j]?.norm ?? "")) return false;
  while (j > ctx.clause.start && isFiller(ctx.tokens[j - 1].norm) && !ctx.tokens[j - 1].punct) j--;
  if (ctx.tokens[j - 1]?.text !== ",") return false;
  for (let k = j - 2; k >= Math.max(ctx.clause.start, j - 8); k--) {
    // ("Hale and Mirren, the doctor and the priest, are friends": the aside may name them again.)
    if ((ctx.mentionAt[k] >= 0 && ctx.mentions[ctx.mentionAt[k]].possessive) || (ctx.tokens[k].punct && ctx.tokens[k].text !== ",")) return false;
    if (ctx.tokens[k].text === ",") return ctx.mentionAt[k - 1] >= 0;
  }
  return false;
}

/** "… pooled their coin, and now stand together": "and", then only fillers ("now", "have") before the verb at `at`. */
export const andVerbBefore = (ctx: Ctx, at: number): boolean => andOverFillers(ctx, at - 1, at - 4);

/** An "and" found walking back from `from` to `lowest` over filler words only. */
function andOverFillers(ctx: Ctx, from: number, lowest: number): boolean {
  for (let j = from; j >= Math.max(0, lowest); j--) {
    if (ctx.tokens[j].norm === "and") return true;
    if (!isFiller(ctx.tokens[j].norm) || ctx.tokens[j].punct) return false;
  }
  return false;
}

/** The names joined by "and" / "," that open the sentence around `pos` ("Tomas and Quill, …"). */
export function openingGroup(ctx: Ctx, pos: number): Actor[] {
  const first = sentenceOpener(ctx, pos);
  if (!first) return [];
  const group = [first];
  let j = ctx.mentionAt[first.pos] >= 0 ? ctx.mentions[ctx.mentionAt[first.pos]].end : first.pos + 1;
  while (j < pos && (ctx.tokens[j].norm === "and" || ctx.tokens[j].text === ",")) {
    const k = ctx.tokens[j].text === "," && ctx.tokens[j + 1]?.norm === "and" ? j + 2 : j + 1;
    const mi = ctx.mentionAt[k];
    if (mi < 0 || ctx.mentions[mi].possessive) break;
    group.push({ id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start });
    j = ctx.mentions[mi].end;
  }
  return group;
}
