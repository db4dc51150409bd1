import type { Ctx } from "./context.ts";
import type { CueMatch } from "./cues.ts";
import { RELATIVE_MARK } from "./relativeObjects.ts";
import { COPULAS, DETERMINERS, isFiller, MAKING_VERBS, OBJECT_PRONOUNS, POSSESSIVE_PRONOUNS, SUBJECT_PRONOUNS } from "./wordsets.ts";

/**
 * Which reading of a cue word applies here: a noun or a verb ("rival", "partner"), and whether a verb
 * form is used as an adjective, a noun of place or an act ("her trusted friend", "rivals at court",
 * "loves to tease Odile"), so it is no cue at all. Split from cueRoles.ts, which assigns the roles.
 */

/**
 * Words with a noun and a verb reading ("rival", "partner"): the noun after a determiner,
 * possessive, adjective or copula ("a rival", "Tomas's rival", "are rivals"), the verb otherwise.
 */
export function chooseReading(ctx: Ctx, cue: CueMatch): CueMatch {
  if (cue.readings.length < 2) return cue;
  const j = cue.start - 1;
  const prev = j >= ctx.clause.start ? ctx.tokens[j] : undefined;
  const mi = prev ? ctx.mentionAt[j] : -1;
  // A verb needs a subject or an auxiliary right before it; anything else ("chief rival") is a noun.
  // "Hale and Mirren, rivals at chess": after a group and a comma, a word in -s is a plural noun, not a verb.
  const named = prev?.text === "," ? ctx.mentionAt[j - 1] : -1;
  const groupApposition = named >= 0 && ctx.tokens[ctx.mentions[named].start - 1]?.norm === "and" && ctx.tokens[cue.end - 1].norm.endsWith("s");
  // ("the only ally": a determiner before a filler still makes a noun.)
  const determined = mi < 0 && DETERMINERS.has(ctx.tokens[j - 1]?.norm ?? "") && j - 1 >= ctx.clause.start;
  const verbContext = prev !== undefined && !COPULAS.has(prev.norm) && !DETERMINERS.has(prev.norm) && !groupApposition && !madeInto(ctx, j) && !determined
    && ((mi >= 0 && !ctx.mentions[mi].possessive) || SUBJECT_PRONOUNS.has(prev.norm) || isFiller(prev.norm));
  const entry = cue.readings.find((e) => (e.kind === "noun") !== verbContext) ?? cue.entry;
  return { ...cue, entry };
}

// "half the court", "a court": after an article a verb cue's word is a noun.
const ARTICLES = new Set(["the", "a", "an"]);
const FUND_ADJECTIVES = new Set(["new", "old", "family", "charitable", "private", "blind", "land", "estate", "small", "large", "generous", "modest", "secret"]);
// "rivals at court", "spoke from fear": after these a verb cue's word is a noun of place or cause.
const NOUN_PREPOSITIONS = new Set(["at", "on", "from", "into", "onto"]);

/**
 * "her trusted friend", "a loving sister": a verb form used as an adjective is not a cue; nor is a
 * verb's word used as a noun after a preposition ("rivals at court" is no courting).
 */
export function isAdjectival(ctx: Ctx, cue: CueMatch): boolean {
  if (cue.entry.kind === "pred" && cue.end - cue.start === 1 && (ARTICLES.has(ctx.tokens[cue.start - 1]?.norm ?? "") || nounAfterPreposition(ctx, cue.start) || isPrepositionLike(ctx, cue.start) || afterPossessiveName(ctx, cue) || infinitiveAfter(ctx, cue))) return true;
  // "blessed the new trust Lady Corvin settled on the orphanage": an article and an adjective make it a noun (a fund).
  if (cue.entry.kind === "pred" && cue.end - cue.start === 1 && ARTICLES.has(ctx.tokens[cue.start - 2]?.norm ?? "") && FUND_ADJECTIVES.has(ctx.tokens[cue.start - 1]?.norm ?? "")) return true;
  if (toInfinitive(ctx, cue) || likesDone(ctx, cue)) return true;
  if (!(cue.entry.verbForm || cue.entry.sForm) || ctx.tokens[cue.end]?.norm === "by") return false;
  const prev = cue.start - 1;
  if (prev < ctx.clause.start) return false;
  const mi = ctx.mentionAt[prev];
  return DETERMINERS.has(ctx.tokens[prev].norm) || (mi >= 0 && ctx.mentions[mi].possessive);
}

const ARTICLE = new Set(["the", "a", "an", "every", "each", "some", "those", "these", "that", "this"]);

/** "would love to see Pax hanged", "loves to tease Odile": the verb's object is an act, not the person. */
function infinitiveAfter(ctx: Ctx, cue: CueMatch): boolean {
  const next = ctx.tokens[cue.end + 1];
  // "the one soul he trusts to fetch water": the person trusted is the relative's head, the act what they are trusted with.
  const subject = cue.start - 1;
  const relative = cue.entry.type === "trust" && (SUBJECT_PRONOUNS.has(ctx.tokens[subject]?.norm ?? "") || ctx.mentionAt[subject] >= 0) && RELATIVE_MARK.has(ctx.tokens[(ctx.mentionAt[subject] >= 0 ? ctx.mentions[ctx.mentionAt[subject]].start : subject) - 1]?.norm ?? "");
  return !relative && ctx.tokens[cue.end]?.norm === "to" && next !== undefined && !next.punct && ctx.mentionAt[cue.end + 1] < 0 && !OBJECT_PRONOUNS.has(next.norm) && next.norm !== "us" && next.norm !== "you";
}

const LIKE_VERBS = /^(like|likes|liked|love|loves|loved)$/;

/** "she likes him to know it", "would love Pax to see this": a wish about what someone does, not a feeling for them. */
function likesDone(ctx: Ctx, cue: CueMatch): boolean {
  if (cue.end - cue.start !== 1 || !LIKE_VERBS.test(ctx.tokens[cue.start].norm)) return false;
  const mi = ctx.mentionAt[cue.end];
  const after = mi >= 0 ? ctx.mentions[mi].end : OBJECT_PRONOUNS.has(ctx.tokens[cue.end]?.norm ?? "") ? cue.end + 1 : -1;
  const verb = ctx.tokens[after + 1];
  return after > 0 && ctx.tokens[after]?.norm === "to" && verb !== undefined && !verb.punct && ctx.mentionAt[after + 1] < 0 && !DETERMINERS.has(verb.norm) && !DEGREE_AFTER_TO.has(verb.norm);
}
// "loves him to distraction", "adores her to bits": a degree, not an act.
const DEGREE_AFTER_TO = new Set(["distraction", "death", "bits", "pieces", "madness", "excess", "heaven", "the"]);

// "sworn to defend the Queen": a promise to serve someone is still the tie.
const SERVING = new Set("defend protect serve obey guard follow help aid shield honour honor back support avenge".split(" "));

/**
 * "has sworn to see him defrocked": a cue ending in "to" followed by a verb and its object is a
 * promise to act, not a tie to that object ("sworn to the Queen", "sworn to defend her" still are).
 * Group cues ("swore to hold the gate together") keep their reading.
 */
function toInfinitive(ctx: Ctx, cue: CueMatch): boolean {
  if (cue.entry.groupOnly || ctx.tokens[cue.end - 1]?.norm !== "to") return false;
  const verb = ctx.tokens[cue.end];
  if (!verb || verb.punct || verb.cap || SERVING.has(verb.norm) || ctx.mentionAt[cue.end] >= 0 || OBJECT_PRONOUNS.has(verb.norm) || DETERMINERS.has(verb.norm) || ARTICLE.has(verb.norm) || verb.norm === "you" || verb.norm === "us") return false;
  // ("promised to remember his face": a verb, then whose thing it acts on.)
  for (let j = cue.end + 1; j <= cue.end + 2; j++) if (ctx.mentionAt[j] >= 0 || OBJECT_PRONOUNS.has(ctx.tokens[j]?.norm ?? "") || (j === cue.end + 1 && POSSESSIVE_PRONOUNS.has(ctx.tokens[j]?.norm ?? ""))) return true;
  return false;
}

/** "earned Vesna's respect", "lost the Queen's trust": the possessive holds the feeling named after it. */
const GAINED = new Set(("earn earns earned earning win wins won winning gain gains gained command commands commanded enjoy enjoys enjoyed " +
  "keep keeps kept retain retains retained have has had deserve deserves deserved secure secures secured lose loses lost losing").split(" "));

/** "Pax's incense", "the Queen's court": a verb right after a possessive name is a noun of another sense. */
function afterPossessiveName(ctx: Ctx, cue: CueMatch): boolean {
  const mi = ctx.mentionAt[cue.start - 1] ?? -1;
  if (mi < 0 || !ctx.mentions[mi].possessive) return false;
  const start = ctx.mentions[mi].start;
  const before = ctx.tokens[start - 1]?.norm === "the" ? ctx.tokens[start - 2] : ctx.tokens[start - 1];
  return !GAINED.has(before?.norm ?? "");
}

const PLACE_DETERMINERS = new Set([...DETERMINERS, "this", "that", "your"]);

const GO_ON = new Set(["went", "go", "goes", "going", "gone", "carried", "carry", "carries", "kept", "keep", "keeps"]);

/** "at court", "at the midsummer court", "at this court": a preposition, then at most an article and one more word. */
function nounAfterPreposition(ctx: Ctx, at: number): boolean {
  for (let j = at - 1, words = 0; j >= Math.max(ctx.clause.start, at - 3); j--, words++) {
    const t = ctx.tokens[j];
    if (t.punct || ctx.mentionAt[j] >= 0) return false;
    // ("went on trusting him", "carried on loving her": "on" after a verb of going on is an aspect, not a preposition.)
    if (t.norm === "on" && words === 0 && GO_ON.has(ctx.tokens[j - 1]?.norm ?? "")) return false;
    if (NOUN_PREPOSITIONS.has(t.norm)) return words === 0 || PLACE_DETERMINERS.has(ctx.tokens[j + 1].norm);
  }
  return false;
}

// Words after which a bare "like" is the verb: a subject, "to", an auxiliary or an adverb of degree.
const LIKE_VERB_BEFORE = new Set(["i", "you", "we", "they", "to", "do", "does", "did", "would", "not", "really", "truly", "quite", "rather", "also", "still", "both", "all", "genuinely", "actually", "never", "always", "came", "come", "grew", "grown"]);

/** "went up like autumn leaves", "fought like a cornered cat": a bare "like" after anything else is a preposition. */
function isPrepositionLike(ctx: Ctx, at: number): boolean {
  if (ctx.tokens[at].norm !== "like") return false;
  const prev = ctx.tokens[at - 1];
  if (!prev || prev.punct) return true;
  if (ctx.mentionAt[at - 1] >= 0) return ctx.mentions[ctx.mentionAt[at - 1]].possessive;
  return !(LIKE_VERB_BEFORE.has(prev.norm) || prev.norm.endsWith("n't") || (prev.norm.endsWith("ly") && prev.norm.length > 4));
}


/** "made me and Tomas allies", "left Sera and Quill partners": the names after a verb of making, then the noun. */
function madeInto(ctx: Ctx, last: number): boolean {
  let j = last;
  while (j >= Math.max(ctx.clause.start, last - 8) && (ctx.mentionAt[j] >= 0 || JOINED.has(ctx.tokens[j].norm))) j--;
  return j < last && MAKING_VERBS.has(ctx.tokens[j]?.norm ?? "") && ctx.tokens.slice(j + 1, last + 1).some((t) => t.norm === "and");
}
const JOINED = new Set(["and", "me", "him", "her", "them", "us", ","]);
