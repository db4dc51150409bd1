import type { DoubtScope } from "./doubtScope.ts";
import type { Token } from "./text.ts";
import type { RelationshipType } from "./types.ts";
import { hasSoonerOrRather, isComparative, isOthersKin, isSocialFriend } from "./wordSenses.ts";
import { isUnstated, modalBetween, WISH, WISHED_MODAL } from "./unstated.ts";
import { KIN, UNTIL } from "./wordsets.ts";

/**
 * Precision first: a wrong edge in the graph is never reviewed, a doubtful one is sent to
 * enrichment. These factors multiply a cue's confidence when its context makes the reading
 * doubtful, by class of language (not by sentence). One factor of 0.65 or less takes an explicit
 * cue (0.85) under the default enrichment threshold (0.6); a factor of 0 means the words are not
 * a relationship cue at all, or that the text states no feeling (unstated.ts).
 */
export const DOUBT = {
  /** The cue sits inside a quotation: said, not necessarily held (“Brannock despises you,” Corvin said). */
  quoted: 0.65,
  /** The sentence is conditional or counterfactual ("if … ever …", "might have called him a friend"). */
  hypothetical: 0.65,
  /** Third segment or later of a sentence and the holder named in an earlier one: the subject is a guess. */
  farHolder: 0.65,
  /** An oath or vow word read as a positive bond in a sentence of harm (a vow of vengeance). */
  hostileOath: 0.5,
  /** A kinship word that belongs to someone else ("his brother's grave", "her godmother's sister"). */
  othersKin: 0.5,
  /** Affection ("fond of", "a soft spot for") is friendship or love; which one is a guess either way. */
  affection: 0.65,
  /** The cue's clause is marked as earlier and a later clause turns ("was wary of her at first, but …"). */
  earlier: 0.65,
  /** A possessive pronoun before the kinship word that could be another person's ("despises his sister Quill"). */
  ambiguousKin: 0.6,
  /** A social formula with "friend" ("any friend of yours", vocative "my friend"). */
  socialFriend: 0.5,
  /** A bond seen by one side ("sees Quill as a rival", "counts Hale among her friends"), read back from the other. */
  viewedBack: 0.65,
  /** The sentence is a question ("Does Pax hate Ren?") or a belief tag (", or so Ren thought"): not stated. */
  question: 0.65,
  /** Someone else's feeling reported by a speaker ("Odile told everyone that Ren despised Pax"): hearsay. */
  reported: 0.65,
  /** A comparison that may mean the opposite ("fears Pax less than the storm"): a weak, unclear degree. */
  comparative: 0.65,
  /** Advice or obligation ("you should fear Pax", "ought to trust Odile"): a feeling recommended, not held. */
  advised: 0.65,
  /** A feeling worked towards, not yet held ("tried to trust Pax", "learning to like Odile"). */
  wished: 0.65,
  /** The sentence is framed as hearsay or denied ("according to the gossip", "rumour has it", "it is not true that"). */
  framed: 0.5,
  /** A feeling that later turned into another ("her love for Pax has soured into fear"). */
  changed: 0.5,
  /** The cue's holder follows "whom" / "whose": its object is the person before, not the names after. */
  relativeObject: 0.5,
  /** An earlier reading of a pair that a later clause replaces ("distrusted Pax, but now trusts him"). */
  contradicted: 0.5,
  /** The object is someone's thing, set against the person ("hates the Queen's taxes, but not the Queen herself"). */
  possessedThing: 0.5,
  /** The cue stands after "than": the measure of a comparison, not a stated feeling ("trusts Sera more than she trusts Tomas"). */
  comparedWith: 0.5,
} as const;

/** "fears what X will do", "trusts how X fights": the object is a clause about the person, not the person. */
const CLAUSE_OBJECT = new Set(["what", "whatever", "how"]);
/** "… cooled / soured / faded" with no "into": the feeling named before it has waned. */
const WANED = new Set(["cooled", "soured", "curdled", "faded", "waned", "withered", "dwindled"]);
const GAVE = new Set(["gave", "give", "gives", "given", "giving"]);
/** "has cooled / soured / turned into …": the feeling named before it is no longer the one held. */
const CHANGE = new Set(["cooled", "soured", "curdled", "turned", "hardened", "faded", "changed", "ripened", "warmed", "grown", "grew", "deepened"]);

/**
 * "more than she trusts Tomas": a cue within four words after "than". Not "would sooner die than
 * trust X", where the whole idiom is the (negated) feeling.
 */
function afterThan(tokens: readonly Token[], start: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    if (tokens[i].punct) return false;
    if (tokens[i].norm !== "than") continue;
    let from = i;
    while (from > Math.max(0, i - 8) && !tokens[from - 1].punct) from--;
    return !hasSoonerOrRather(tokens, from, i);
  }
  return false;
}

/** Words in -ing that are things or people, not an activity ("fears nothing", "loves her darling"). */
const NOT_GERUND = new Set(["nothing", "something", "anything", "everything", "king", "darling", "sibling", "siblings", "ring", "wedding", "morning", "evening", "kin", "ling", "thing", "things", "during", "being"]);

/** "hates losing at cards, especially to Mirren": the feeling is about an activity, not the person named after it. */
function isGerundObject(scope: DoubtScope, at: number): boolean {
  const t = scope.tokens[at];
  return t !== undefined && !t.punct && !t.cap && t.norm.length > 4 && t.norm.endsWith("ing") && !NOT_GERUND.has(t.norm) && scope.named(at) === undefined;
}

/** "trust fund", "held in trust": the word trust as property, not feeling. */
const TRUST_PROPERTY = new Set(["fund", "funds", "company", "deed", "account", "fund's"]);

/** The cue's doubt, for one holder at token `holderPos` (owner defaults pass the cue start). */
export function doubtFactor(scope: DoubtScope, cue: { start: number; end: number }, type: RelationshipType, holderPos: number): number {
  const { tokens } = scope;
  const words = tokens.slice(cue.start, cue.end);
  const after = tokens[cue.end];
  if (type === "trust" || type === "distrust") {
    if (words.some((t) => t.norm === "trust") && after && TRUST_PROPERTY.has(after.norm)) return 0;
    if (words.some((t) => t.norm === "trust") && tokens[cue.start - 1]?.norm === "in" && tokens[cue.start - 2]?.norm === "held") return 0;
  }
  if (isUnstated(scope, cue, holderPos)) return 0;
  let f = 1;
  if (scope.quoted?.[cue.start]) f *= DOUBT.quoted;
  if (scope.hypothetical.has(scope.sentence[cue.start])) f *= DOUBT.hypothetical;
  if (scope.segment[cue.start] >= 2 && scope.segment[holderPos] !== scope.segment[cue.start] && holderPos !== cue.start) f *= DOUBT.farHolder;
  if (type !== "hostility" && type !== "rivalry" && type !== "fear" && type !== "distrust") {
    if (scope.oathHarm.has(scope.sentence[cue.start])) f *= DOUBT.hostileOath;
  }
  if (scope.earlier?.[cue.start] || endedUntil(scope, cue)) f *= DOUBT.earlier;
  if (scope.question.has(scope.sentence[cue.start])) f *= DOUBT.question;
  if (scope.framed.has(scope.sentence[cue.start])) f *= DOUBT.framed;
  if (changedAfter(scope, cue.end) || turnedInto(scope, cue)) f *= DOUBT.changed;
  if (after && (CLAUSE_OBJECT.has(after.norm) || isGerundObject(scope, cue.end))) f *= DOUBT.possessedThing;
  if (isRelativeObject(scope, holderPos, cue.start)) f *= DOUBT.relativeObject;
  // Hearsay: the holder is named (or defaulted) inside what a speaker said, not the speaker.
  const speech = scope.reportedAfter[cue.start];
  if (speech >= 0 && holderPos > speech && (holderPos === cue.start || pronounForSpeaker(scope, holderPos, speech))) f *= DOUBT.reported;
  if (isComparative(tokens, cue.end) && type !== "distrust") f *= DOUBT.comparative;
  if (afterThan(tokens, cue.start)) f *= DOUBT.comparedWith;
  // Advice ("you should fear Pax") and a feeling worked towards ("tried to trust Pax"); a pretence or a
  // wish proper is no edge at all (unstated.ts).
  for (let i = cue.start - 1; i >= Math.max(0, cue.start - 6) && scope.sentence[i] === scope.sentence[cue.start]; i--) {
    if (tokens[i].punct) break;
    const near = cue.start - i <= 4;
    if (near && (tokens[i].norm === "should" || (tokens[i].norm === "ought" && tokens[i + 1]?.norm === "to"))) f *= tokens[i + 1]?.norm === "have" ? 1 : DOUBT.advised;
    else if (WISH.has(tokens[i].norm) && (near && (tokens[i + 1]?.norm === "to" || WISHED_MODAL.has(tokens[i + 2]?.norm ?? "")) || modalBetween(tokens, i + 1, cue.start))) f *= DOUBT.wished; // not "has long envied"
    else continue;
    break;
  }
  if (type === "family" && isAmbiguousKin(scope, cue.start)) f *= DOUBT.ambiguousKin;
  if (type === "family" && (words.some((t) => KIN.has(t.norm) && t.possessive) || isOthersKin(tokens, cue.start))) f *= DOUBT.othersKin;
  if (type === "friendship" && isSocialFriend(tokens, cue.start, cue.end)) f *= DOUBT.socialFriend;
  return f;
}

/** Who reports what the token at `at` says: the person named before the speech verb ("Tomas wrote his sister that …"), "I" the owner. */
export function reportSpeaker(scope: DoubtScope, at: number): string | undefined {
  const speech = scope.reportedAfter[at];
  // A belief ("Tomas thinks …") is not a report of one's own feeling; "I was told …" has no speaker.
  if (speech < 0 || !SELF_REPORT.has(scope.tokens[speech].norm)) return undefined;
  for (let i = speech - 1; i >= 0 && scope.sentence[i] === scope.sentence[speech]; i--) {
    if (PASSIVE_BE.has(scope.tokens[i].norm)) return undefined;
    const id = scope.named(i);
    if (id !== undefined && !scope.tokens[i].possessive) return id;
    while (id !== undefined && scope.named(i - 1) === id) i--;
    if (scope.tokens[i].norm === "i") return scope.owner;
  }
  return undefined;
}
// The report verbs (doubtScope.ts) by which a speaker can state their own bond; beliefs and hearsay cannot.
const SELF_REPORT = new Set(["said", "says", "told", "tells", "wrote", "writes", "swore", "swears", "announced", "insisted", "insists"]);
const PASSIVE_BE = new Set(["been", "was", "were", "is", "are", "be", "being"]);

const THIRD_PERSON_SUBJECTS = new Set(["she", "he", "they"]);

/** "Sera told Hale that she doubted Corvin" in Hale's memory: "she" is likelier the speaker named before than the owner. */
function pronounForSpeaker(scope: DoubtScope, holderPos: number, speech: number): boolean {
  if (!THIRD_PERSON_SUBJECTS.has(scope.tokens[holderPos].norm)) return false;
  for (let i = speech - 1; i >= 0 && scope.sentence[i] === scope.sentence[speech]; i--) {
    const id = scope.named(i);
    if (id !== undefined && id !== scope.owner) return true;
  }
  return false;
}

const PAST_AUX = new Set(["had", "was", "were", "used", "did"]);
const UNTIL_NOW = new Set(["now", "today"]);

/** "their quarrel, which …, ended in the spring": an end verb whose subject is the feeling, not a person. */
const ENDED = new Set(["ended", "ends", "finished", "dissolved", "evaporated", "vanished", "died", "dies", "gone"]);
const BE_NOW = new Set(["is", "are", "was", "were"]);
/** "her trust in Corvin: gone": a colon or dash between the feeling and its end. */
const END_MARK = new Set([",", ":", "—", "–"]);
const END_SUBJECT = new Set(["who", "which", "that", "she", "he", "they", "i", "we", "you", "it"]);

const OBJECT_PREPOSITIONS = new Set(["with", "for", "against", "of", "toward", "towards", "to"]);

/** A name right before the end verb is its subject ("… Tomas ended the war"), unless a preposition takes it ("rivalry with Tomas ended"). */
function namesSubject(scope: DoubtScope, at: number): boolean {
  const id = scope.named(at);
  if (id === undefined) return false;
  let j = at;
  while (j > 0 && scope.named(j - 1) === id) j--;
  return !OBJECT_PREPOSITIONS.has(scope.tokens[j - 1]?.norm ?? "");
}

/**
 * "Mirren's love for Vesna has cooled into fear": a change verb with "into / to" soon after the cue;
 * "Sera's quarrel with the Queen, which kept the court busy, ended …": the feeling is over.
 */
function changedAfter(scope: DoubtScope, end: number): boolean {
  const { tokens } = scope;
  for (let i = end; i < Math.min(tokens.length - 1, end + 14) && scope.sentence[i] === scope.sentence[end - 1]; i++) {
    if (tokens[i].punct && !END_MARK.has(tokens[i].text)) return false;
    if (i < end + 8 && changeInto(tokens, i) >= 0) return true;
    // "her friendship with the Queen cooled after the feast": a feeling that waned, right after its phrase.
    if (i - end <= 3 && WANED.has(tokens[i].norm) && !END_SUBJECT.has(tokens[i - 1].norm) && !namesSubject(scope, i - 1)) return true;
    // Right after the cue's phrase, or after a parenthetical clause closed by a comma.
    const endsCue = i - end <= 3 || tokens[i - 1].text === ",";
    if (ENDED.has(tokens[i].norm) && endsCue && !END_SUBJECT.has(tokens[i - 1].norm) && !namesSubject(scope, i - 1)) return true;
    // "their rivalry with Mirren is over."
    if (tokens[i].norm === "over" && endsCue && BE_NOW.has(tokens[i - 1].norm) && (tokens[i + 1] === undefined || tokens[i + 1].punct || tokens[i + 1].norm === "now")) return true;
  }
  return false;
}

/**
 * "has cooled into", "turned to", "gave way to" at i: a feeling changing into another. The index
 * after the phrase (where the new feeling is named), or -1.
 */
export function changeInto(tokens: readonly Token[], i: number): number {
  const w = (k: number) => tokens[i + k]?.norm ?? "";
  if (CHANGE.has(w(0)) && (w(1) === "into" || w(1) === "to")) return i + 2;
  return GAVE.has(w(0)) && w(1) === "way" && w(2) === "to" ? i + 3 : -1;
}

/** "the debt turned her polite regard for Quill into contempt": the feeling between "turned" and "into" is the old one. */
function turnedInto(scope: DoubtScope, cue: { start: number; end: number }): boolean {
  const { tokens } = scope;
  const before = tokens.slice(Math.max(0, cue.start - 4), cue.start);
  if (!before.some((t) => CHANGE.has(t.norm)) || before.some((t) => t.punct)) return false;
  for (let i = cue.end; i < Math.min(tokens.length, cue.end + 8) && !tokens[i].punct; i++) if (tokens[i].norm === "into") return true;
  return false;
}

/** "The Queen, whom Tomas fears, …": the holder right after "whom" (its object is the name before). */
function isRelativeObject(scope: DoubtScope, holderPos: number, cueStart: number): boolean {
  if (holderPos === cueStart) return false;
  const before = scope.tokens[holderPos - 1]?.norm;
  return before === "whom" || (before === "who" && holderPos > 1 && scope.tokens[holderPos - 2]?.text === ",");
}

/**
 * "hated Pax until the war" / "Until the war, Sera hated Pax": a past feeling with an end
 * ("until", not "until now").
 */
function endedUntil(scope: DoubtScope, cue: { start: number; end: number }): boolean {
  const { tokens } = scope;
  const past = tokens[cue.start].norm.endsWith("ed") || PAST_AUX.has(tokens[cue.start - 1]?.norm ?? "") || PAST_AUX.has(tokens[cue.start - 2]?.norm ?? "");
  if (!past) return false;
  let first = cue.start;
  while (first > 0 && scope.sentence[first - 1] === scope.sentence[cue.start]) first--;
  if (UNTIL.has(tokens[first].norm) && tokens.slice(first, cue.start).some((t) => t.text === ",") && !UNTIL_NOW.has(tokens[first + 1]?.norm ?? "")) return true;
  for (let i = cue.end; i < tokens.length && scope.sentence[i] === scope.sentence[cue.start]; i++) {
    if (UNTIL.has(tokens[i].norm)) return !UNTIL_NOW.has(tokens[i + 1]?.norm ?? "");
  }
  return false;
}

/** "despises his sister Quill" after another name: whose sister is a guess. */
function isAmbiguousKin(scope: DoubtScope, start: number): boolean {
  const prev = scope.tokens[start - 1]?.norm;
  if (prev !== "his" && prev !== "her" && prev !== "their") return false;
  const before = new Set<string>();
  for (let i = start - 2; i >= 0 && scope.sentence[i] === scope.sentence[start]; i--) {
    const id = scope.named(i);
    if (id) before.add(id);
  }
  return before.size >= 2;
}
