import type { Ctx } from "./context.ts";
import type { Clause, Token } from "./text.ts";
import { NEGATED_TYPE, pairKey, type RelationshipType, TYPE_SIGN } from "./types.ts";
import { changeInto, DOUBT } from "./doubt.ts";
import { ELLIPSIS_AUX, isNegator, UNTIL } from "./wordsets.ts";

/**
 * Rules that look across clauses rather than at one cue: time scope ("once despised each other;
 * now they are allies"), ellipsis ("trusts Tomas, but not Mirren", "…, and so does Brannock") and
 * the words that end a predicate without naming anyone ("suspects nothing, and trusts Quill").
 */

/** The part of an extracted edge these rules read or rewrite. */
export interface Edge {
  from: string;
  to: string;
  type: RelationshipType;
  confidence: number;
}


const PAST = ["at first", "initially", "formerly", "in the past", "years ago", "long ago", "back then", "at one time", "in those days", "as children", "in their youth", "originally",
  "as a child", "as a boy", "as a girl", "as a youth", "in childhood", "in her youth", "in his youth", "yesterday"];
const PRESENT = ["now", "nowadays", "these days", "today", "since then", "anymore", "any more", "any longer", "long since", "has since", "have since", "no longer",
  "since the", "since that", "has become", "have become", "has come to", "have come to", "after the", "after that"];
const RECONCILE = ["made peace", "make peace", "makes peace", "reconciled", "buried the hatchet", "bury the hatchet", "patched things up", "patch things up", "made up", "forgave", "forgiven", "forgives"];

// "thought Tomas had stolen it, but the real thief was a novice": a suspicion the memory itself corrects.
const CORRECTED = ["the real", "turned out", "turns out", "was wrong", "were wrong", "was mistaken", "were mistaken", "proved innocent", "was innocent", "was cleared"];

// "were lovers once, but that ended years ago": a later clause says the earlier tie is over.
const ENDED = ["that ended", "it ended", "long broken", "broken off", "called off",
  "that is over", "it is over", "that was over", "it was over", "long ash", "came to nothing",
  ...["the", "their", "our"].flatMap((det) => ["rivalry", "feud", "friendship", "alliance", "affair", "romance", "betrothal", "engagement", "enmity"]
    .flatMap((tie) => [`${det} ${tie} is over`, `${det} ${tie} was over`, `${det} ${tie} ended`]))];

type Mark = "past" | "present" | "reconcile" | "corrected" | "ended";
// First word → [phrase words, mark]: one pass over a clause finds every marker.
const MARKERS = new Map<string, Array<[string[], Mark]>>();
for (const [list, mark] of [[PAST, "past"], [PRESENT, "present"], [RECONCILE, "reconcile"], [CORRECTED, "corrected"], [ENDED, "ended"]] as const) {
  for (const phrase of list) {
    const words = phrase.split(" ");
    MARKERS.set(words[0], [...(MARKERS.get(words[0]) ?? []), [words, mark]]);
  }
}

interface Marks {
  /** An explicit earlier time: "once", "at first", "years ago". */
  past: boolean;
  /** A past-tense copula or auxiliary ("were rivals", "was wary of"). */
  pastTense: boolean;
  present: boolean;
  reconcile: boolean;
  corrected: boolean;
  ended: boolean;
}

const ONCE_NOT_TIME = new Set(["more", "again", "upon", "or", "and"]);

const PERFECT_OR_PASSIVE = new Set(["has", "have", "is", "are", "be", "been", "being", "am", "'s", "s"]);

/** "trusted", "suspected", "hated": a verb in the simple past, not "has trusted" / "is trusted". */
function isSimplePast(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i].norm;
  return w.length > 4 && w.endsWith("ed") && !tokens[i].punct && !PERFECT_OR_PASSIVE.has(tokens[i - 1]?.norm ?? "");
}

function marks(tokens: readonly Token[], c: Clause): Marks {
  const r: Marks = { past: false, pastTense: false, present: false, reconcile: false, corrected: false, ended: false };
  for (let i = c.start; i < c.end; i++) {
    const w = tokens[i].norm;
    if (w === "was" || w === "were" || w === "had" || isSimplePast(tokens, i)) r.pastTense = true;
    // "once" is a time only when it is not "at once" / "once more" / "once again".
    if (w === "once" && tokens[i - 1]?.norm !== "at" && !ONCE_NOT_TIME.has(tokens[i + 1]?.norm ?? "")) r.past = true;
    for (const [words, mark] of MARKERS.get(w) ?? []) {
      if (i + words.length > c.end || !words.every((x, k) => tokens[i + k].norm === x)) continue;
      if (!(w === "now" && tokens[i + 1]?.norm === "and")) r[mark] = true;
    }
  }
  return r;
}

/**
 * Keep the current state only. An edge read from a clause marked as earlier ("once", "at first", or a
 * past tense followed later by "now" / "these days") is dropped when a later clause describes the same
 * pair, when a later clause reconciles ("made peace") and the edge is negative, or, after an explicit
 * earlier-time marker, when a later clause says "now". Family ties are permanent and never dropped.
 * `spans[i]` is the [start, end) range of edges read from clause i. Returns the pairs dropped.
 */
export function dropSuperseded(tokens: readonly Token[], clauses: readonly Clause[], spans: ReadonlyArray<[number, number]>, edges: Edge[]): Set<string> {
  const dropped = new Set<number>();
  const pairs = new Set<string>();
  if (clauses.length < 2 || edges.length === 0) return pairs;
  const m = clauses.map((c) => marks(tokens, c));
  // "Until the envoy came, Mirren trusted Tomas" / "trusted Tomas until the envoy came": the feeling had an end.
  clauses.forEach((c, i) => {
    if (UNTIL.has(tokens[c.start - 1]?.norm ?? "") || UNTIL.has(tokens[c.end]?.norm ?? "")) m[i].past = true;
    // "hated Corvin all winter, but since she pulled her from the fire, trusts her": "but since" is a time.
    if (tokens[c.start - 1]?.norm === "since" && tokens[c.start - 2]?.norm === "but") m[i].present = true;
  });
  for (let i = 0; i < clauses.length; i++) {
    const [lo, hi] = spans[i];
    if (lo === hi) continue;
    const later = m.slice(i + 1);
    const laterPresent = later.some((x) => x.present);
    if (later.some((x) => x.corrected)) {
      for (let k = lo; k < hi; k++) if (edges[k].type === "distrust") dropped.add(k), pairs.add(pairKey(edges[k].from, edges[k].to));
    }
    const laterEnded = later.some((x) => x.ended);
    if (!(m[i].past || (m[i].pastTense && (laterPresent || laterEnded)))) continue;
    const laterPairs = new Set(edges.slice(hi).map((e) => pairKey(e.from, e.to)));
    const laterReconcile = later.some((x) => x.reconcile);
    for (let k = lo; k < hi; k++) {
      const e = edges[k];
      if (e.type === "family") continue;
      const redescribed = laterPairs.has(pairKey(e.from, e.to));
      if (redescribed || laterEnded || (laterReconcile && TYPE_SIGN[e.type] < 0) || (m[i].past && laterPresent)) dropped.add(k), pairs.add(pairKey(e.from, e.to));
    }
  }
  const kept = edges.filter((_, k) => !dropped.has(k));
  edges.splice(0, edges.length, ...kept);
  return pairs;
}


/** Words that say a later reading replaces an earlier one (in truth, now, has changed), unlike plain ambivalence ("loves him but fears him"). */
const REPLACED_BY = new Set(["truth", "fact", "actually", "really", "changed", "now", "instead", "anymore", "longer", "became", "become", "turned", "again"]);

/**
 * Opposite readings of one pair in one memory where a later clause says it replaces the earlier
 * ("distrusted Quill, but that has changed: trusts her now"; "claims to adore the Queen, but in
 * truth fears her"): the earlier one is doubted. Ambivalence ("loves him but fears him") keeps both.
 */
export function doubtConflicts(tokens: readonly Token[], clauses: readonly Clause[], spans: ReadonlyArray<[number, number]>, raws: Edge[]): void {
  const clauseOf = (k: number): number => spans.findIndex(([lo, hi]) => k >= lo && k < hi);
  for (let a = 0; a < raws.length; a++) {
    for (let b = a + 1; b < raws.length; b++) {
      const x = raws[a], y = raws[b];
      if (x.from !== y.from || x.to !== y.to || x.type === "family" || y.type === "family" || TYPE_SIGN[x.type] === TYPE_SIGN[y.type]) continue;
      const [cx, cy] = [clauseOf(a), clauseOf(b)];
      // Up to the end of the later reading's clause: "…; now I distrust him" turns in the clause it opens.
      const between = cx >= 0 && cy > cx ? tokens.slice(clauses[cx].start, clauses[cy].end) : [];
      if (between.some((t) => REPLACED_BY.has(t.norm))) x.confidence *= DOUBT.contradicted;
    }
  }
}

/**
 * "Vesna distrusts Mirren, and so does Brannock" / "…, as does Brannock": the named person at the
 * end shares the feeling. Returns that person's entity id and where the pattern starts, or undefined.
 */
export function soDoes(ctx: Ctx): { id: string; at: number } | undefined {
  const { start, end } = ctx.clause;
  for (let k = start; k + 2 < end; k++) {
    const w = ctx.tokens[k].norm;
    if ((w !== "so" && w !== "as" && w !== "neither" && w !== "nor") || !ELLIPSIS_AUX.has(ctx.tokens[k + 1].norm)) continue;
    const mi = ctx.mentionAt[k + 2];
    if (mi < 0 || ctx.mentions[mi].possessive) continue;
    const rest = ctx.tokens.slice(ctx.mentions[mi].end, end).filter((t) => !t.punct);
    if (rest.every((t) => t.norm === "too")) return { id: ctx.mentions[mi].entityId, at: k };
  }
  // "…, and Sera is too" / "…, and Brannock does as well".
  for (let k = start + 1; k < end; k++) {
    const mi = ctx.mentionAt[k];
    if (mi < 0 || ctx.mentions[mi].start !== k || ctx.mentions[mi].possessive || ctx.tokens[k - 1].norm !== "and") continue;
    const m = ctx.mentions[mi];
    const rest = ctx.tokens.slice(m.end, end).filter((t) => !t.punct).map((t) => t.norm);
    if (ELLIPSIS_AUX.has(rest[0] ?? "") && (rest.slice(1).join(" ") === "too" || rest.slice(1).join(" ") === "as well")) return { id: m.entityId, at: k };
  }
  return undefined;
}

/** Copy the feelings of the clause's first holder (edges `from` on) to the person of "so does X". */
export function copyToEllipsisSubject<T extends Edge>(edges: T[], from: number, id: string): void {
  const holder = edges[from]?.from;
  for (const e of edges.slice(from)) if (e.from === holder && e.to !== id) edges.push({ ...e, from: id, confidence: e.confidence * 0.9 });
}

/**
 * "trusts Tomas, but not Mirren": a clause made only of "not" + names takes the previous clause's
 * feelings toward those names, negated (trust → distrust; types without an opposite are dropped).
 * Returns the entity ids, or undefined when the clause is not of that shape.
 */
export function butNotTargets(ctx: Ctx, next: Clause | undefined): string[] | undefined {
  if (!next || !next.continues) return undefined;
  const t = ctx.tokens;
  if (t[next.start]?.norm !== "not" && t[next.start]?.norm !== "never") return undefined;
  const ids: string[] = [];
  for (let j = next.start + 1; j < next.end; j++) {
    const mi = ctx.mentionAt[j];
    if (mi >= 0) {
      if (ctx.mentions[mi].possessive) return undefined;
      ids.push(ctx.mentions[mi].entityId);
      j = ctx.mentions[mi].end - 1;
    } else if (!(t[j].punct || t[j].norm === "and" || t[j].norm === "or" || t[j].norm === "even")) return undefined;
  }
  return ids.length > 0 ? ids : undefined;
}

/** Negated copies of a clause's edges (from `from` on) toward `ids`; pairs with no opposite go to `cancelled`. */
export function negatedCopies<T extends Edge>(edges: T[], from: number, ids: readonly string[], cancelled: Set<string>): void {
  const holder = edges[from]?.from;
  const source = edges.slice(from).filter((e) => e.from === holder);
  for (const id of ids) {
    for (const e of source) {
      if (id === e.from) continue;
      const type = NEGATED_TYPE[e.type];
      if (type) edges.push({ ...e, to: id, type, confidence: e.confidence * 0.85 });
      else cancelled.add(pairKey(e.from, id));
    }
  }
}

const NOTHING = new Set(["nothing", "nobody", "none", "noone", "no-one"]);

/** "suspects nothing, and trusts Quill": after "nothing" / "no one" the predicate is complete, so the next one keeps the subject. */
export function skipEmptyObject(tokens: readonly Token[], at: number): number {
  if (NOTHING.has(tokens[at]?.norm ?? "")) return at + 1;
  if (tokens[at]?.norm === "no" && tokens[at + 1]?.norm === "one") return at + 2;
  return at;
}

const TAIL_WORDS = new Set(["not", "anymore", "any", "more", "longer", "no", "now", "though", "at", "least"]);

/** "…, but not anymore" / "…, though no longer": a clause made only of a negated "still". */
export function isNegationTail(ctx: Ctx, next: Clause | undefined): boolean {
  if (!next || !next.continues) return false;
  const words = ctx.tokens.slice(next.start, next.end).filter((t) => !t.punct).map((t) => t.norm);
  return words.length > 0 && words.every((w) => TAIL_WORDS.has(w)) && words.some((w) => w === "not" || w === "no");
}

/** Negate everything read from the clause before a negation tail ("once feared Tomas, but not anymore"). */
export function negateSince<T extends Edge>(raws: T[], from: number, cancelled: Set<string>, flipFactor: number): void {
  const kept: T[] = [];
  for (const r of raws.splice(from)) {
    const type = NEGATED_TYPE[r.type];
    if (type) kept.push({ ...r, type, confidence: r.confidence * flipFactor });
    else cancelled.add(pairKey(r.from, r.to));
  }
  raws.push(...kept);
}

const RETURN = new Set(["return", "returns", "returned", "returning", "reciprocate", "reciprocates", "reciprocated", "reciprocating"]);
const RETURNED = new Set(["feeling", "feelings", "sentiment", "love", "affection", "hatred", "loathing", "contempt", "regard", "esteem", "respect", "fondness", "trust", "favour", "favor"]);
const RETURN_DETERMINERS = new Set(["the", "her", "his", "their", "that", "this", "it"]);
/** Confidence factor for the returned reading: the feeling is named in another clause. */
const RETURNED_FACTOR = 0.85;

/**
 * "Quill is in love with Hale, and Hale, to everyone's surprise, returns the feeling": the person
 * before "returns the feeling" holds the reverse of the feeling last read towards them. Appends
 * those reverse edges (never kinship, never one already read).
 */
export function copyReturnedFeelings<T extends Edge>(ctx: Ctx, edges: T[]): void {
  const { tokens } = ctx;
  for (let i = 1; i < tokens.length; i++) {
    if (!RETURN.has(tokens[i].norm)) continue;
    const det = RETURN_DETERMINERS.has(tokens[i + 1]?.norm ?? "") ? 1 : 0;
    if (!(RETURNED.has(tokens[i + 1 + det]?.norm ?? "") || tokens[i + det]?.norm === "it")) continue;
    // "Sera doesn't return it", "never returned her love": nothing comes back.
    if (tokens.slice(Math.max(0, i - 3), i).some((t) => isNegator(t.norm))) continue;
    const holder = nearestNamedBefore(ctx, i);
    if (holder === undefined) continue;
    const felt = [...edges].reverse().find((e) => e.to === holder && e.from !== holder && e.type !== "family");
    if (!felt || edges.some((e) => e.from === holder && e.to === felt.from && e.type === felt.type)) continue;
    edges.push({ ...felt, from: holder, to: felt.from, confidence: felt.confidence * RETURNED_FACTOR });
  }
}

/** The last person named, not as a possessor, before `at` in its sentence. */
function nearestNamedBefore(ctx: Ctx, at: number): string | undefined {
  for (let j = at - 1; j >= 0 && ctx.doubt.sentence[j] === ctx.doubt.sentence[at]; j--) {
    const mi = ctx.mentionAt[j];
    if (mi >= 0 && !ctx.mentions[mi].possessive) return ctx.mentions[mi].entityId;
  }
  return undefined;
}

/** Feeling nouns a change can turn into ("cooled into fear", "gave way to a grudging respect"). */
const FEELING_NOUNS: ReadonlyMap<string, RelationshipType> = new Map(Object.entries({
  fear: "fear", dread: "fear", terror: "fear",
  respect: "respect", admiration: "respect", esteem: "respect", reverence: "respect",
  contempt: "hostility", hatred: "hostility", loathing: "hostility", enmity: "hostility", hostility: "hostility", scorn: "hostility", animosity: "hostility", disdain: "hostility",
  friendship: "friendship", affection: "friendship", fondness: "friendship", warmth: "friendship",
  love: "love", passion: "love", devotion: "love",
  trust: "trust", faith: "trust", confidence: "trust",
  suspicion: "distrust", distrust: "distrust", mistrust: "distrust", wariness: "distrust",
  rivalry: "rivalry", envy: "rivalry", jealousy: "rivalry",
} satisfies Record<string, RelationshipType>));
/** Confidence of the feeling a change turned into: named without its holder, so a guess for enrichment to confirm. */
const TURNED_INTO_CONFIDENCE = 0.55;

/**
 * "Mirren's love for Vesna has cooled into something like fear", "her hostility toward Corvin gave
 * way to a grudging respect": the pair of the feeling read just before the change now holds the new
 * feeling, and the old one is over (dropped).
 */
export function replaceChangedFeelings<T extends Edge & { end: number; cue: string }>(tokens: readonly Token[], sentenceOf: (i: number) => number, edges: T[]): void {
  for (let i = 1; i < tokens.length - 1; i++) {
    const into = changeInto(tokens, i);
    if (into < 0) continue;
    let noun = into;
    while (noun < Math.min(tokens.length, into + 5) && !tokens[noun].punct && !FEELING_NOUNS.has(tokens[noun].norm)) noun++;
    const type = FEELING_NOUNS.get(tokens[noun]?.norm ?? "");
    const old = edges.filter((e) => e.end <= i && sentenceOf(e.end) === sentenceOf(i) && e.type !== "family").pop();
    if (!type || !old || old.type === type) continue;
    const cue = tokens.slice(i, noun + 1).map((t) => t.text).join(" ");
    edges.splice(edges.indexOf(old), 1, { ...old, type, confidence: TURNED_INTO_CONFIDENCE, cue });
  }
}
