import type { DoubtScope } from "./doubtScope.ts";
import type { Mention } from "./mentions.ts";
import type { Clause, Token } from "./text.ts";
import type { Voice } from "./speech.ts";
import { FIRST_PERSON, isFiller, KIN, OBJECT_PRONOUNS, POSSESSIVE_PRONOUNS, QUALITIES, STRONG, SUBJECT_PRONOUNS, WEAK } from "./wordsets.ts";

/** Someone the extractor resolved: an entity id, how it was found (factor scales confidence), where. */
export interface Actor {
  id: string;
  /** Confidence multiplier: 1 for a name, lower for pronouns and inferred subjects. */
  factor: number;
  pos: number;
}

/** Per-memory working state shared by the resolution helpers. */
export interface Ctx {
  tokens: Token[];
  mentions: Mention[];
  /** Token index → index into mentions, or -1. */
  mentionAt: Int32Array;
  owner: string;
  /** Owner named anywhere in the memory (then "her" in it is more likely someone else). */
  ownerNamed: boolean;
  /** The owner speaks as "I" outside quotations: then "she", "he", "her", "him" are someone else. */
  firstPerson: boolean;
  clause: Clause;
  /** Mentions already used as objects of an earlier cue in this clause. */
  consumed: Set<number>;
  /** Genders known from titles ("Queen", "Lord"): only used to rule a pronoun out. */
  gender: ReadonlyMap<string, "f" | "m">;
  /** The one entity holding a title word ("doctor" → the cast's only Dr.), if one does. */
  titleHolder: (word: string) => string | undefined;
  /** What makes a cue doubtful in this memory (quotations, conditionals, segments); see doubt.ts. */
  doubt: DoubtScope;
  /** Inside a quotation: who speaks it ("I", "me", "my") and to whom ("you"); see speech.ts. */
  voice: (i: number) => Voice | undefined;
}

/** Confidence factor for a subject pronoun: a guess that it means the owner. */
export const PRONOUN_SUBJECT = 0.85;
/** Confidence factor for an object pronoun: we know no genders, so more of a guess. */
export const PRONOUN_OBJECT = 0.6;
/** Confidence factor when a verb-first clause falls back to the memory's owner. */
export const OWNER_DEFAULT = 0.75;
/** Confidence factor for a subject carried over from the previous clause. */
export const CARRIED = 0.9;

// After an object "her" comes the end of the phrase; after a possessive "her" comes a noun.
const OBJECT_FOLLOW = new Set(
  ("and but or yet so for with to of in on at from as than because since though although when while more less most anymore again too still now by , . ; ! ? — any half even so the either neither anyway back all both enough whenever once instead ever " +
    // "esteems her above every officer": a preposition after "her" ends the object.
    "above beyond over after before like into through without despite about among across behind beside during past under until upon within " +
    // "hates her a little", "fears her some": no possessive determiner comes before an article or "some".
    "a an some plenty no that").split(" "),
);

const TIME_AFTER_EVERY = new Set(["day", "night", "morning", "evening", "year", "season", "week", "month", "hour", "minute", "moment", "time", "summer", "winter",
  "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]);

/** "you" / "your" at j, in a quotation (or letter) addressed to someone named: that person. */
export function addresseeAt(ctx: Ctx, j: number): Actor | undefined {
  const addressee = ctx.voice(j)?.addressee;
  return addressee === undefined ? undefined : { id: addressee, factor: 1, pos: j };
}

/** True when the token at j is a pronoun used as an object ("loves her", not "her brother"). */
export function isObjectPronoun(ctx: Ctx, j: number): boolean {
  const t = ctx.tokens[j];
  if (t === undefined) return false;
  if (t.norm === "you") return ctx.voice(j)?.addressee !== undefined;
  if (!OBJECT_PRONOUNS.has(t.norm)) return false;
  if (t.norm !== "her") return true;
  const next = ctx.tokens[j + 1];
  // ("has loved her every single day": a span of time after the pronoun, not "her every word".)
  const everyTime = next?.norm === "every" && TIME_AFTER_EVERY.has((ctx.tokens[j + 2]?.norm === "single" ? ctx.tokens[j + 3] : ctx.tokens[j + 2])?.norm ?? "");
  // ("loves her right back": "right" before "back" is a degree, not her right hand.)
  const rightBack = next?.norm === "right" && ctx.tokens[j + 2]?.norm === "back";
  return !next || j + 1 >= ctx.clause.end || next.punct || everyTime || rightBack || OBJECT_FOLLOW.has(next.norm) || STRONG.has(next.norm) || WEAK.has(next.norm)
    || (next.norm.endsWith("ly") && next.norm.length > 4);
}

/** The actor a token names: an entity mention or a subject pronoun (→ the owner). */
export function subjectActorAt(ctx: Ctx, j: number): Actor | undefined {
  const mi = ctx.mentionAt[j];
  if (mi >= 0) return { id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start };
  const t = ctx.tokens[j];
  if (t.punct) return undefined;
  // ("Me and Quill teamed up", "Quill and me": a colloquial "me" in a joined subject.)
  const meJoined = t.norm === "me" && (ctx.tokens[j + 1]?.norm === "and" || ctx.tokens[j - 1]?.norm === "and");
  if (FIRST_PERSON.has(t.norm) && t.norm !== "my") return t.norm === "me" && !meJoined ? undefined : { id: ctx.voice(j)?.speaker ?? ctx.owner, factor: 1, pos: j };
  // "“You have my respect, Ilse”": in a quotation to someone named, "you" is that person.
  if (t.norm === "you") return addresseeAt(ctx, j);
  if (SUBJECT_PRONOUNS.has(t.norm)) {
    const g = pronounGender(t.norm);
    const thinker = complementSubject(ctx, j, g);
    if (thinker) return thinker;
    if (!compatible(ctx, ctx.owner, g) || (ctx.firstPerson && g !== undefined)) return nearestCompatible(ctx, j, g);
    const rival = rivalAntecedent(ctx, j, g);
    // "Quill won't meet the Queen's eye; she is terrified of her": a pronoun opening a clause after a
    // named subject in its sentence is that subject (a guess either way).
    // (isClauseSubject: after punctuation or "and / but", not inside a relative such as "the one she trusts".)
    if (rival?.sameSentence && isClauseSubject(ctx, j)) return { id: rival.id, factor: PRONOUN_SUBJECT * RIVAL_ANTECEDENT, pos: j };
    return { id: ctx.owner, factor: PRONOUN_SUBJECT * (rival ? RIVAL_ANTECEDENT : 1), pos: j };
  }
  return undefined;
}

/** Verbs whose complement clause speaks of their own subject: "Sera decided she could rely on him". */
const SELF_COMPLEMENT = new Set(("decided decides realised realized realises realizes knew knows felt feels found finds learned learnt " +
  "admitted admits confessed confesses discovered discovers concluded concludes understood understands").split(" "));

/** Verbs that tell someone something: "told / assured / promised / warned Sera (that) he …". */
const TELL = new Set("told tells tell assured assures promised promises warned warns reminded reminds informed informs swore swears".split(" "));

/** "Sera, watching, decided (that) she …": the subject pronoun of the complement is the deciding person, named before the verb. */
function complementSubject(ctx: Ctx, j: number, g: "f" | "m" | undefined): Actor | undefined {
  let verb = ctx.tokens[j - 1]?.norm === "that" ? j - 2 : j - 1;
  // "Hale told Sera he trusted her": the teller speaks of themself (the person told is "her").
  const told = ctx.mentionAt[verb] >= 0 && !ctx.mentions[ctx.mentionAt[verb]].possessive ? ctx.mentions[ctx.mentionAt[verb]].start - 1 : -1;
  if (told >= 0 && TELL.has(ctx.tokens[told]?.norm ?? "")) verb = told;
  else if (!SELF_COMPLEMENT.has(ctx.tokens[verb]?.norm ?? "")) return undefined;
  for (let k = verb - 1; k >= 0 && ctx.doubt.sentence[k] === ctx.doubt.sentence[j]; k--) {
    const mi = ctx.mentionAt[k];
    // "and she admitted she had loved him": the same person as the pronoun before the verb.
    if (mi < 0 && SUBJECT_PRONOUNS.has(ctx.tokens[k].norm) && !FIRST_PERSON.has(ctx.tokens[k].norm)) {
      const same = subjectActorAt(ctx, k);
      return same && compatible(ctx, same.id, g) ? { ...same, pos: j } : undefined;
    }
    if (mi < 0) continue;
    const m = ctx.mentions[mi];
    k = m.start;
    // "sent Quill for linen, and confessed that she …": the object of an earlier verb is not who confessed.
    const prev = ctx.tokens[m.start - 1];
    const earlierObject = prev !== undefined && !prev.punct && !prev.cap && !isFiller(prev.norm) && ctx.tokens.slice(m.end, verb).some((t) => t.norm === "and" || t.norm === "but");
    if (m.possessive || earlierObject) continue;
    return compatible(ctx, m.entityId, g) ? { id: m.entityId, factor: PRONOUN_SUBJECT, pos: j } : undefined;
  }
  return undefined;
}

const pronounGender = (norm: string): "f" | "m" | undefined => (norm === "she" || norm === "her" ? "f" : norm === "he" || norm === "him" || norm === "his" ? "m" : undefined);
/** A subject pronoun could refer to `id` (gender known only from titles). */
export const pronounFits = (ctx: Ctx, id: string, norm: string): boolean => compatible(ctx, id, pronounGender(norm));
const compatible = (ctx: Ctx, id: string, g: "f" | "m" | undefined): boolean => !g || !ctx.gender.has(id) || ctx.gender.get(id) === g;

/** A subject pronoun read as the (unnamed) owner while another person it could mean was named before it: a guess. */
const RIVAL_ANTECEDENT = 0.75;

/** "Brannock smiles at Sera, but she envies her" in a third person's memory: "she" may be Brannock, not the owner. */
function rivalAntecedent(ctx: Ctx, j: number, g: "f" | "m" | undefined): { id: string; sameSentence: boolean } | undefined {
  if (ctx.ownerNamed) return undefined;
  for (let k = ctx.mentions.length - 1; k >= 0; k--) {
    const m = ctx.mentions[k];
    if (m.start < j && m.entityId !== ctx.owner && !m.possessive && compatible(ctx, m.entityId, g) && isClauseSubject(ctx, m.start)) {
      return { id: m.entityId, sameSentence: ctx.doubt.sentence[m.start] === ctx.doubt.sentence[j] };
    }
  }
  return undefined;
}

/** A name that opens its sentence or follows a comma/connector, i.e. stands where a subject stands. */
function isClauseSubject(ctx: Ctx, start: number): boolean {
  const prev = ctx.tokens[start - 1];
  return prev === undefined || prev.punct || prev.norm === "and" || prev.norm === "but" || prev.norm === "the";
}

/** "Dr. Hale is Queen Vesna's husband, and he…": a pronoun that cannot be the owner is the last compatible person named. */
function nearestCompatible(ctx: Ctx, j: number, g: "f" | "m" | undefined): Actor | undefined {
  // ("Tomas and Lady Corvin were lovers. Now Tomas hates her, and she …": someone known to be "she", named in this
  // sentence or the one before, before the nearest name whose gender is unknown.)
  if (g) {
    const sentence = ctx.doubt.sentence[j];
    const known = ctx.mentions.findLast((m) => m.start < j && ctx.doubt.sentence[m.start] >= sentence - 1 && m.entityId !== ctx.owner && ctx.gender.get(m.entityId) === g);
    if (known) return { id: known.entityId, factor: PRONOUN_SUBJECT * 0.8, pos: j };
  }
  for (let k = ctx.mentions.length - 1; k >= 0; k--) {
    const m = ctx.mentions[k];
    if (m.start < j && m.entityId !== ctx.owner && compatible(ctx, m.entityId, g)) return { id: m.entityId, factor: PRONOUN_SUBJECT * 0.8, pos: j };
  }
  return undefined;
}

/**
 * "The Queen looks up to no one. She esteems Sera." in Sera's memory: a subject pronoun read as the
 * owner while the owner is its own object means someone else, the last compatible person named.
 */
export function antecedentOtherThanOwner(ctx: Ctx, j: number): Actor | undefined {
  const norm = ctx.tokens[j]?.norm ?? "";
  return SUBJECT_PRONOUNS.has(norm) && !FIRST_PERSON.has(norm) ? nearestCompatible(ctx, j, pronounGender(norm)) : undefined;
}

/**
 * Resolve an object pronoun at j. "me" is the owner. Otherwise the owner when they are not the
 * subject and never named (memories talk about their owner as "her"), else the most recent other
 * person named before it. Always low confidence: we do not know anyone's gender.
 */
export function resolveObjectPronoun(ctx: Ctx, j: number, subjectIds: ReadonlySet<string>): Actor | undefined {
  const t = ctx.tokens[j];
  if (t.norm === "me") return { id: ctx.voice(j)?.speaker ?? ctx.owner, factor: 1, pos: j };
  if (t.norm === "you" || t.norm === "your") return addresseeAt(ctx, j);
  // ("relied on Brannock's charts and would rely on them again": "them" is never one person; a named pair is read elsewhere.)
  if (t.norm === "them") return undefined;
  const g = pronounGender(t.norm);
  const ownerFits = compatible(ctx, ctx.owner, g) && !subjectIds.has(ctx.owner) && !(ctx.firstPerson && g !== undefined);
  // "Mirren fears Quill and respects her": a person named earlier in the sentence, not as its subject, is the likelier "her".
  const sentence = ctx.doubt.sentence[j];
  for (let k = ctx.mentions.length - 1; k >= 0; k--) {
    const m = ctx.mentions[k];
    if (m.start >= j || ctx.doubt.sentence[m.start] !== sentence) continue;
    if (subjectIds.has(m.entityId)) continue;
    // "admires Pax's nerve and trusts him": the possessor of a quality counts as named; "Pax's sister" does not.
    const named = !m.possessive || QUALITIES.has(ctx.tokens[m.end]?.norm ?? "");
    if (named && m.entityId !== ctx.owner && compatible(ctx, m.entityId, g)) return { id: m.entityId, factor: PRONOUN_OBJECT, pos: j };
    break;
  }
  if (ownerFits && !ctx.ownerNamed) return { id: ctx.owner, factor: PRONOUN_OBJECT, pos: j };
  // "I told Sera the Queen's hat was absurd. She laughed; I am fond of her": a person named is likelier than one whose thing was.
  for (const possessiveToo of [false, true]) {
    for (let k = ctx.mentions.length - 1; k >= 0; k--) {
      const m = ctx.mentions[k];
      if (m.start < j && (possessiveToo || !m.possessive) && !subjectIds.has(m.entityId) && compatible(ctx, m.entityId, g)) return { id: m.entityId, factor: PRONOUN_OBJECT, pos: j };
    }
  }
  return ownerFits ? { id: ctx.owner, factor: PRONOUN_OBJECT, pos: j } : undefined;
}

/**
 * "Tomas double-crossed Corvin, and now she wants him dead" in Tomas's memory: "she" read as the
 * owner leaves "him" (at `objectAt`) no one; "she" as the last other person named fits both. Only
 * when the two pronouns differ in gender, so they cannot be one person.
 */
export function crossedPronouns(ctx: Ctx, subject: Actor, objectAt: number): { subject: Actor; object: Actor } | undefined {
  const gs = pronounGender(ctx.tokens[subject.pos]?.norm ?? "");
  const go = pronounGender(ctx.tokens[objectAt]?.norm ?? "");
  if (subject.id !== ctx.owner || ctx.mentionAt[subject.pos] >= 0 || !gs || !go || gs === go || !isObjectPronoun(ctx, objectAt)) return undefined;
  const other = nearestCompatible(ctx, subject.pos, gs);
  const object = other ? resolveObjectPronoun(ctx, objectAt, new Set([other.id])) : undefined;
  return other && object && object.id !== other.id ? { subject: other, object } : undefined;
}

/** Resolve a possessive determiner ("her cousin"): "my" → owner, else the nearest named subject before it, else the owner. */
export function resolvePossessivePronoun(ctx: Ctx, j: number, exclude: ReadonlySet<string>): Actor | undefined {
  if (ctx.tokens[j].norm === "my") return { id: ctx.voice(j)?.speaker ?? ctx.owner, factor: 1, pos: j };
  // "Dear Queen Vesna, … I am your friend": "your" is whoever is addressed.
  if (ctx.tokens[j].norm === "your") return addresseeAt(ctx, j);
  // ("Corvin resents her father, but she is fond of his ward, Sera": "his" is not Lady Corvin.)
  const g = pronounGender(ctx.tokens[j].norm);
  for (let k = j - 1; k >= ctx.clause.start; k--) {
    const mi = ctx.mentionAt[k];
    if (mi < 0) continue;
    const m = ctx.mentions[mi];
    if (!m.possessive && !exclude.has(m.entityId) && compatible(ctx, m.entityId, g)) return { id: m.entityId, factor: 0.9, pos: m.start };
    k = m.start;
  }
  return exclude.has(ctx.owner) || !compatible(ctx, ctx.owner, g) ? undefined : { id: ctx.owner, factor: PRONOUN_SUBJECT, pos: j };
}

/** True when every token in [from, to) is a filler word, comma or relative pronoun. */
export function allFiller(ctx: Ctx, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const t = ctx.tokens[j];
    if (ctx.mentionAt[j] >= 0) return false;
    if (t.punct ? t.text !== "," : !isFiller(t.norm) && t.norm !== "that" && t.norm !== "which" && t.norm !== "whom") return false;
  }
  return true;
}

/** "Sera, Tomas and Hale are cousins": extend a subject leftwards over names joined by and / , / &. */
export function expandGroup(ctx: Ctx, first: Actor, floor: number): Actor[] {
  const group = [first];
  // "Lady Corvin and her niece Sera are rivals": a kinship apposition before a member's name.
  const kinBefore = (pos: number): number => (KIN.has(ctx.tokens[pos - 1]?.norm ?? "") && POSSESSIVE_PRONOUNS.has(ctx.tokens[pos - 2]?.norm ?? "") ? pos - 2 : pos);
  let j = kinBefore(first.pos) - 1;
  while (j > floor) {
    const joiner = ctx.tokens[j];
    if (!(joiner.norm === "and" || joiner.text === "," || joiner.text === "&" || joiner.text === "+" || joiner.text === "/" || joiner.norm === "both")) break;
    let k = j - 1;
    if (ctx.tokens[k]?.text === "," && joiner.norm === "and") k--;
    // "Both Sera and Tomas …" at the start of the text: nothing before "both" to add.
    if (k <= floor || k < 0) break;
    const mi = ctx.mentionAt[k];
    if (mi >= 0 && (ctx.mentions[mi].possessive || ctx.consumed.has(mi))) break;
    // "She and I are old friends": a pronoun read as someone already in the group means another person.
    const read = subjectActorAt(ctx, k);
    const a = read && group.some((g) => g.id === read.id) && ctx.mentionAt[k] < 0 ? antecedentOtherThanOwner(ctx, k) : read;
    if (!a) break;
    group.unshift(a);
    j = kinBefore(a.pos) - 1;
  }
  return group;
}
