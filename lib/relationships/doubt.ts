import type { Token } from "./text.ts";
import { CONNECTORS } from "./text.ts";
import type { RelationshipType } from "./types.ts";

/**
 * Precision first: a wrong edge in the graph is never reviewed, a doubtful one is sent to
 * enrichment. These factors multiply a cue's confidence when its context makes the reading
 * doubtful, by class of language (not by sentence). One factor of 0.65 or less takes an explicit
 * cue (0.85) under the default enrichment threshold (0.6); a factor of 0 means the words are not
 * a relationship cue at all.
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
} as const;

const HYPOTHETICAL = new Set(["if", "unless", "supposing", "suppose", "whether", "lest"]);
const COUNTERFACTUAL_MODALS = new Set(["would", "might", "could", "should"]);
const OATH = new Set(["swear", "swore", "sworn", "swears", "vow", "vowed", "vows", "oath", "oaths", "pledge", "pledged", "pledges"]);
const HARM = new Set([
  "vengeance", "revenge", "avenge", "kill", "killed", "hang", "hanged", "destroy", "ruin", "death", "dead", "grave", "blood", "punish", "against", "end",
]);
/** "trust fund", "held in trust": the word trust as property, not feeling. */
const TRUST_PROPERTY = new Set(["fund", "funds", "company", "deed", "account", "fund's"]);
const KIN = new Set([
  "mother", "father", "brother", "sister", "son", "daughter", "cousin", "aunt", "uncle", "niece", "nephew", "wife", "husband", "grandmother",
  "grandfather", "godmother", "godfather", "stepmother", "stepfather", "half-brother", "half-sister", "twin", "parent", "parents", "child", "children",
]);

const isSeparator = (t: Token): boolean => (t.punct && (t.text === "," || t.text === ";" || t.text === ":" || t.text === "—")) || (!t.punct && CONNECTORS.has(t.norm));
const isQuote = (t: Token): boolean => t.punct && (t.text === '"' || t.text === "“" || t.text === "”");

/** Per-memory facts the factors need, computed once (linear in the tokens). */
export interface DoubtScope {
  tokens: Token[];
  /** Token index → inside a quotation. */
  quoted: boolean[];
  /** Token index → index of its comma/connector segment within its sentence. */
  segment: Int16Array;
  /** Token index → its sentence is conditional or counterfactual. */
  hypothetical: boolean[];
  /** Token index → its sentence. */
  sentence: Int16Array;
  /** Token index → the entity a name there refers to. */
  named: ReadonlyArray<string | undefined>;
  /** Token index → its clause is marked as earlier and a later clause of the sentence turns. */
  earlier: boolean[];
}

const EARLIER_ONE = new Set(["once", "formerly", "originally"]);
const EARLIER_TWO = new Set(["at first", "years ago", "for years", "long ago", "back then", "in those", "used to"]);
const TURN = new Set(["but", "yet", "now", "until", "since", "though", "although"]);

/** `clauses`: [start, end) token spans in order, as the extractor split them. */
export function doubtScope(tokens: Token[], sentenceOf: (i: number) => number, named: ReadonlyArray<string | undefined>, clauses: ReadonlyArray<{ start: number; end: number }>): DoubtScope {
  const quoted: boolean[] = [];
  const segment = new Int16Array(tokens.length);
  let open = false;
  let seg = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i > 0 && sentenceOf(i) !== sentenceOf(i - 1)) seg = 0;
    if (isQuote(t)) open = t.text === "“" ? true : t.text === "”" ? false : !open;
    quoted.push(open && !isQuote(t));
    if (isSeparator(t)) seg++;
    segment[i] = seg;
  }
  const hypoSentences = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const n = tokens[i].norm;
    const prev = tokens[i - 1]?.norm;
    const concessive = prev === "even" || prev === "as";
    const counterfactual = COUNTERFACTUAL_MODALS.has(n) && tokens[i + 1]?.norm === "have";
    if ((HYPOTHETICAL.has(n) && !concessive) || counterfactual) hypoSentences.add(sentenceOf(i));
  }
  const sentence = Int16Array.from(tokens, (_, i) => sentenceOf(i));
  const earlier = new Array<boolean>(tokens.length).fill(false);
  clauses.forEach((c, k) => {
    const words = tokens.slice(c.start, c.end).map((t) => t.norm);
    const marked = words.some((w, i) => EARLIER_ONE.has(w) || EARLIER_TWO.has(`${w} ${words[i + 1]}`));
    const past = words.includes("was") || words.includes("were");
    const later = clauses.slice(k + 1);
    const turns = later.some((d) => sentence[d.start] === sentence[c.start] && TURN.has(tokens[d.start - 1]?.norm ?? ""));
    const laterNow = later.some((d) => tokens.slice(d.start, d.end).some((t) => t.norm === "now" || t.norm === "peace"));
    if ((marked && (turns || laterNow)) || (past && laterNow)) earlier.fill(true, c.start, c.end);
  });
  return { tokens, quoted, segment, hypothetical: tokens.map((_, i) => hypoSentences.has(sentence[i])), sentence, named, earlier };
}

/** The cue's doubt, for one holder at token `holderPos` (owner defaults pass the cue start). */
export function doubtFactor(scope: DoubtScope, cue: { start: number; end: number }, type: RelationshipType, holderPos: number): number {
  const { tokens } = scope;
  const words = tokens.slice(cue.start, cue.end);
  const after = tokens[cue.end];
  if (type === "trust" || type === "distrust") {
    if (words.some((t) => t.norm === "trust") && after && TRUST_PROPERTY.has(after.norm)) return 0;
    if (words.some((t) => t.norm === "trust") && tokens[cue.start - 1]?.norm === "in" && tokens[cue.start - 2]?.norm === "held") return 0;
  }
  let f = 1;
  if (scope.quoted[cue.start]) f *= DOUBT.quoted;
  if (scope.hypothetical[cue.start]) f *= DOUBT.hypothetical;
  if (scope.segment[cue.start] >= 2 && scope.segment[holderPos] !== scope.segment[cue.start] && holderPos !== cue.start) f *= DOUBT.farHolder;
  if (type !== "hostility" && type !== "rivalry" && type !== "fear" && type !== "distrust") {
    const sentence = sentenceTokens(scope, cue.start);
    if (sentence.some((t) => OATH.has(t.norm)) && sentence.some((t) => HARM.has(t.norm))) f *= DOUBT.hostileOath;
  }
  if (scope.earlier[cue.start]) f *= DOUBT.earlier;
  if (type === "family" && isAmbiguousKin(scope, cue.start)) f *= DOUBT.ambiguousKin;
  if (type === "family" && (words.some((t) => KIN.has(t.norm) && t.possessive) || isOthersKin(tokens, cue.start))) f *= DOUBT.othersKin;
  if (type === "friendship" && isSocialFriend(tokens, cue.start, cue.end)) f *= DOUBT.socialFriend;
  return f;
}

/** "despises his sister Quill" after another name: whose sister is a guess. */
function isAmbiguousKin(scope: DoubtScope, start: number): boolean {
  const prev = scope.tokens[start - 1]?.norm;
  if (prev !== "his" && prev !== "her" && prev !== "their") return false;
  const before = new Set<string>();
  for (let i = start - 2; i >= 0 && scope.sentence[i] === scope.sentence[start]; i--) if (scope.named[i]) before.add(scope.named[i]!);
  return before.size >= 2;
}

/** "her godmother's sister", "his brother's": a kinship noun owned by a kinship noun. */
function isOthersKin(tokens: Token[], start: number): boolean {
  const prev = tokens[start - 1];
  return prev !== undefined && prev.possessive && KIN.has(prev.norm);
}

/** "any friend of yours", "a friend of a friend", vocative ", my friend,". */
function isSocialFriend(tokens: Token[], start: number, end: number): boolean {
  if (!tokens.slice(start, end).some((t) => t.norm.startsWith("friend"))) return false;
  const prev = tokens[start - 1]?.norm;
  if (prev === "any" || prev === "every") return true;
  const afterOf = tokens[end]?.norm === "of" ? tokens[end + 1]?.norm : undefined;
  if (afterOf === "yours" || afterOf === "mine" || afterOf === "a" || afterOf === "the") return true;
  const vocative = prev === "my" && (tokens[start - 2]?.text === "," || isQuote(tokens[start - 2] ?? tokens[start])) && (tokens[end]?.text === "," || tokens[end]?.punct);
  return vocative;
}

function sentenceTokens(scope: DoubtScope, at: number): Token[] {
  return scope.tokens.filter((_, i) => scope.sentence[i] === scope.sentence[at]);
}
