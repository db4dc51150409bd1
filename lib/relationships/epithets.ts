import { type Actor, type Ctx, PRONOUN_OBJECT, subjectActorAt } from "./context.ts";
import { isPersonNoun } from "./possessions.ts";
import { KIN, POSSESSIVE_PRONOUNS } from "./wordsets.ts";

/**
 * Epithets: "the girl", "that man", "the old doctor", "the wretch" — a person the memory named
 * before, referred to again by what they are ("Tomas is my nephew, and I am fond of the wretch").
 * Resolved like an object pronoun, and as much a guess (never past the enrichment threshold alone).
 *
 * The second of two readings: mentions.ts (epithetReferent) first turns "the boy / girl / man /
 * woman" into a mention of the last person named, and declines whenever any kinsman was mentioned
 * before. This one sees only what it left: more nouns, a cue's object or subject, never the cue's
 * own holder, one candidate only, and a kinsman said of someone named ("is my nephew") no bar.
 */
const FEMALE = new Set(["woman", "girl", "lady", "dame", "lass", "widow", "maid", "wench", "matron", "madam", "battle-axe", "crone", "hag", "minx"]);
const MALE = new Set(["man", "boy", "lad", "fellow", "chap", "gentleman", "gent", "bloke", "monk", "friar", "priest", "padre", "parson", "vicar", "codger", "geezer"]);
const EITHER = new Set([
  "kid", "child", "youngster", "youth", "wretch", "fool", "rascal", "scamp", "scoundrel", "villain", "brute", "doctor", "doc", "physician", "surgeon",
  "bird", "creature", "devil", "traitor", "upstart", "soul", "merchant", "monarch", "sovereign",
  // Informal and hard-boiled names for a person ("the little sawbones", "the big dumb ox", "that old battle-axe").
  "sawbones", "medic", "preacher", "crow", "ox", "oaf", "lug", "brat", "urchin", "crook", "rogue", "snake", "rat", "weasel", "cop", "copper", "flatfoot", "bookkeeper",
]);
const ANIMALS = new Set(["bird", "crow", "ox", "snake", "rat", "weasel"]);
const DETERMINERS = new Set(["the", "that", "this"]);
// A person introduced here, not one named before: "the man who sells relics", "the girl from the mill", "the woman named Lis".
const INTRODUCES = new Set(["who", "whom", "whose", "that", "from", "of", "named", "called"]);

interface Epithet {
  end: number;
  head: string;
  gender?: "f" | "m";
}

/** An epithet starting at j ("the", up to two modifiers, a person noun), or undefined. */
export function epithetAt(ctx: Ctx, j: number): Epithet | undefined {
  if (!DETERMINERS.has(ctx.tokens[j]?.norm ?? "")) return undefined;
  for (let h = j + 1; h <= j + 3 && h < ctx.clause.end; h++) {
    const t = ctx.tokens[h];
    if (t.punct || t.cap || ctx.mentionAt[h] >= 0) return undefined;
    const gender = FEMALE.has(t.norm) ? "f" : MALE.has(t.norm) ? "m" : undefined;
    if (gender === undefined && !EITHER.has(t.norm)) {
      if (t.possessive) return undefined;
      continue;
    }
    // "the woman's hands", "the man who sells relics": someone's thing, or a person introduced here.
    if (t.possessive || INTRODUCES.has(ctx.tokens[h + 1]?.norm ?? "")) return undefined;
    // ("fears the snake in the cellar": an animal word is a person only with a word of scorn or "that": "the old crow", "that snake".)
    if (ANIMALS.has(t.norm) && h === j + 1 && ctx.tokens[j].norm !== "that") return undefined;
    return { end: h + 1, head: t.norm, gender };
  }
  return undefined;
}

/**
 * Someone unnamed mentioned before j as a person of their own: a kinsman or a role not said of a
 * cast member ("Corvin's nephew", "the dead steward"; not "Quill is Sera's aunt").
 */
function unnamedPersonBefore(ctx: Ctx, j: number): boolean {
  for (let k = 0; k < j; k++) {
    const t = ctx.tokens[k];
    if (ctx.mentionAt[k] >= 0 || t.punct || !(KIN.has(t.norm) || isPersonNoun(t.norm) || FEMALE.has(t.norm) || MALE.has(t.norm) || EITHER.has(t.norm))) continue;
    // "my cousin Pax", "the Queen's advisor, Brother Mirren": the word names someone named right after it.
    if (ctx.mentionAt[k + 1] >= 0 || (ctx.tokens[k + 1]?.text === "," && ctx.mentionAt[k + 2] >= 0)) continue;
    // "is Sera's aunt", "was her nurse": said of someone named, a predicate, not another person.
    const before = ctx.tokens[k - 1]?.possessive || ctx.mentionAt[k - 1] >= 0 ? k - 2 : k - 1;
    if (PREDICATING.has(ctx.tokens[before]?.norm ?? "") || PREDICATING.has(ctx.tokens[before - 1]?.norm ?? "")) continue;
    return true;
  }
  return false;
}
const PREDICATING = new Set(["is", "was", "are", "were", "be", "been", "as", "'s"]);

/**
 * The one person named before an epithet who can be it: not the cue's own holder, of a fitting
 * gender where a title tells it; one whose title the epithet repeats ("the doctor", "the monk") wins.
 * A person named only as an owner ("Brother Mirren's incense … the man himself") counts when no one else is named.
 */
export function resolveEpithet(ctx: Ctx, j: number, exclude: ReadonlySet<string>): Actor | undefined {
  const epithet = epithetAt(ctx, j);
  if (!epithet || unnamedPersonBefore(ctx, j)) return undefined;
  const named = new Set<string>();
  const owners = new Set<string>();
  for (const m of ctx.mentions) {
    if (m.start >= j || exclude.has(m.entityId)) continue;
    const g = ctx.gender.get(m.entityId);
    if (epithet.gender && g && g !== epithet.gender) continue;
    (m.possessive ? owners : named).add(m.entityId);
  }
  const titled = ctx.titleHolder(epithet.head);
  // ("the monk" is the cast's monk or no one we know, never another person named before.)
  if (titled !== undefined) return named.has(titled) || owners.has(titled) ? { id: titled, factor: PRONOUN_OBJECT, pos: j } : undefined;
  const pick = named.size === 1 ? [...named][0] : named.size === 0 && owners.size === 1 ? [...owners][0] : undefined;
  return pick === undefined ? undefined : { id: pick, factor: PRONOUN_OBJECT, pos: j };
}

const LATTER = new Set(["latter", "last"]);
// What may follow "the latter / the last" when it names a person: the end of the phrase or a degree.
const AFTER_LATTER = new Set(["and", "but", "or", "yet", "rather", "more", "less", "most", "above", "too", "as", "than", "best", "still", "now", "alone", "of"]);

/**
 * "owes his tailor, his bootmaker and the Captain, and fears only the last", "trusts the latter rather
 * more than the former": the person named last before it (not the cue's own holder), as a guess.
 */
export function resolveLatter(ctx: Ctx, j: number, exclude: ReadonlySet<string>): Actor | undefined {
  if (ctx.tokens[j]?.norm !== "the" || !LATTER.has(ctx.tokens[j + 1]?.norm ?? "")) return undefined;
  const next = ctx.tokens[j + 2];
  if (next && !next.punct && !AFTER_LATTER.has(next.norm)) return undefined;
  if (next?.norm === "of" && !/^(them|those|these|all)$/.test(ctx.tokens[j + 3]?.norm ?? "")) return undefined;
  for (let k = ctx.mentions.length - 1; k >= 0; k--) {
    const m = ctx.mentions[k];
    if (m.start >= j || exclude.has(m.entityId)) continue;
    return m.possessive ? undefined : { id: m.entityId, factor: PRONOUN_OBJECT, pos: j };
  }
  return undefined;
}

/** An epithet opening the words before a cue, as its subject ("the doc in turn trusts": a short aside may stand between). */
export function epithetSubject(ctx: Ctx, from: number, cueStart: number): Actor | undefined {
  for (let k = from; k < cueStart; k++) {
    const epithet = epithetAt(ctx, k);
    if (!epithet) continue;
    const near = cueStart - epithet.end <= 3 && ctx.tokens.slice(epithet.end, cueStart).every((t) => !t.punct);
    return near ? resolveEpithet(ctx, k, new Set()) : undefined;
  }
  return undefined;
}

/**
 * A relative "who" at j after someone unnamed ("the Dean's sister, who must on no account marry
 * Tomas"): its clause is about that someone, not anyone named before. Not "are cousins who …" nor
 * "the Queen herself, who …": only a determined noun ("the", "a", a possessive) counts.
 */
export function whoAfterUnnamed(ctx: Ctx, j: number): boolean {
  if (ctx.tokens[j]?.norm !== "who") return false;
  const k = ctx.tokens[j - 1]?.text === "," ? j - 2 : j - 1;
  const t = ctx.tokens[k];
  const before = ctx.tokens[k - 1];
  const determined = before !== undefined && (before.possessive || POSSESSIVE_PRONOUNS.has(before.norm) || before.norm === "the" || before.norm === "a" || before.norm === "an");
  return t !== undefined && determined && !t.punct && ctx.mentionAt[k] < 0 && subjectActorAt(ctx, k) === undefined && !t.cap;
}

