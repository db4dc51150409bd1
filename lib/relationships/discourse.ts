import { type Ctx, subjectActorAt } from "./context.ts";
import type { Clause, Token } from "./text.ts";
import { NEGATED_TYPE, pairKey, type RelationshipType, TYPE_SIGN } from "./types.ts";
import { changeInto, DOUBT } from "./doubt.ts";
import { ELLIPSIS_AUX, isNegator } from "./wordsets.ts";

/**
 * Rules that look across clauses rather than at one cue (time scope is in timeScope.ts):
 * ellipsis ("trusts Tomas, but not Mirren", "…, and so does Brannock") and
 * the words that end a predicate without naming anyone ("suspects nothing, and trusts Quill").
 */

/** The part of an extracted edge these rules read or rewrite. */
export interface Edge {
  from: string;
  to: string;
  type: RelationshipType;
  confidence: number;
}




/** Words that say a later reading replaces an earlier one (in truth, now, has changed), unlike plain ambivalence ("loves him but fears him"). */
const REPLACED_BY = new Set(["truth", "fact", "actually", "really", "changed", "now", "instead", "anymore", "longer", "became", "become", "turned", "again"]);

/** "in truth", "in fact", "actually", "privately": the words say the earlier reading was never true. */
function beliedIn(words: readonly Token[]): boolean {
  return words.some((t, k) => t.norm === "actually" || t.norm === "privately" || ((t.norm === "truth" || t.norm === "fact") && words[k - 1]?.norm === "in"));
}

/**
 * Opposite readings of one pair in one memory where a later clause says it replaces the earlier
 * ("distrusted Quill, but that has changed: trusts her now"; "claims to adore the Queen, but in
 * truth fears her"): the earlier one is doubted. Ambivalence ("loves him but fears him") keeps both.
 */
export function doubtConflicts(tokens: readonly Token[], clauses: readonly Clause[], spans: ReadonlyArray<[number, number]>, raws: Edge[]): void {
  const clauseOf = (k: number): number => spans.findIndex(([lo, hi]) => k >= lo && k < hi);
  const belied = new Set<Edge>();
  for (let a = 0; a < raws.length; a++) {
    for (let b = a + 1; b < raws.length; b++) {
      const x = raws[a], y = raws[b];
      if (x.from !== y.from || x.to !== y.to || x.type === "family" || y.type === "family" || TYPE_SIGN[x.type] === TYPE_SIGN[y.type]) continue;
      const [cx, cy] = [clauseOf(a), clauseOf(b)];
      // Up to the end of the later reading's clause: "…; now I distrust him" turns in the clause it opens.
      const between = cx >= 0 && cy > cx ? tokens.slice(clauses[cx].start, clauses[cy].end) : [];
      if (between.some((t) => REPLACED_BY.has(t.norm))) x.confidence *= DOUBT.contradicted;
      // '"Oh, I trust Hale completely," …; in truth she suspects him': the earlier words were false.
      // (Said in the later clause: "privately distrusts Mirren, although she respects …" belies nothing.
      // A reading added after the clauses, such as a returned feeling, has no clause: cy < 0.)
      if (cx >= 0 && cy > cx && beliedIn(tokens.slice(Math.max(0, clauses[cy].start - 3), clauses[cy].end))) belied.add(x);
    }
  }
  if (belied.size > 0) raws.splice(0, raws.length, ...raws.filter((r) => !belied.has(r)));
}

/**
 * "Vesna distrusts Mirren, and so does Brannock" / "…, as does Brannock": the named person at the
 * end shares the feeling. Returns that person's entity id and where the pattern starts, or undefined.
 */
export function soDoes(ctx: Ctx): { id: string; at: number } | undefined {
  const { start, end } = ctx.clause;
  for (let k = start; k + 2 < end; k++) {
    const w = ctx.tokens[k].norm;
    if ((w !== "so" && w !== "as" && w !== "neither" && w !== "nor") || !(ELLIPSIS_AUX.has(ctx.tokens[k + 1].norm) || ctx.tokens[k + 1].norm === "am")) continue;
    const mi = ctx.mentionAt[k + 2];
    // "Sera is afraid of Corvin, and, to my shame, so am I": the speaker.
    if (ctx.tokens[k + 2].norm === "i" && ctx.tokens.slice(k + 3, end).every((t) => t.punct || t.norm === "too")) return { id: ctx.voice(k + 2)?.speaker ?? ctx.owner, at: k };
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
  // "trusts Hale with the key, and no one else — not since …": the tail qualifies "no one else".
  const before = ctx.tokens.slice(ctx.clause.start, next.start).filter((t) => !t.punct).map((t) => t.norm);
  if (before.at(-1) === "else" || (before.at(-2) === "no" && before.at(-1) === "other")) return false;
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

const PERSON_WORDS = new Set(["she", "he", "her", "him", "they", "them"]);

const GIVEN_BACK_LINK = new Set(["of", "on", "in", "to", "for", "with"]);

/**
 * "now he is fond of Brannock, and she of him": the clause ends by giving the feeling back with its
 * verb left out. True when the clause's last words are ", and <person> of <person>" ("and he on her", "and she in him").
 */
export function givenBackOf(ctx: Ctx): boolean {
  const { tokens } = ctx;
  let end = ctx.clause.end;
  while (end > ctx.clause.start && tokens[end - 1].punct) end--;
  const person = (i: number): number => (ctx.mentionAt[i] >= 0 ? ctx.mentions[ctx.mentionAt[i]].start : PERSON_WORDS.has(tokens[i]?.norm ?? "") ? i : -1);
  const obj = person(end - 1);
  if (obj < 0 || !GIVEN_BACK_LINK.has(tokens[obj - 1]?.norm ?? "")) return false;
  const subj = person(obj - 2);
  return subj >= 0 && tokens[subj - 1]?.norm === "and" && tokens[subj - 2]?.text === ",";
}

/** Append the reverse of each feeling read in edges[from…] (never kinship, never one already read). */
export function copyReversed<T extends Edge>(edges: T[], from: number, factor: number): void {
  for (const e of edges.slice(from)) {
    if (e.type !== "family" && !edges.some((x) => x.from === e.to && x.to === e.from && x.type === e.type)) edges.push({ ...e, from: e.to, to: e.from, confidence: e.confidence * factor });
  }
}

interface Reading {
  from: string;
  to: string;
  type: string;
  end: number;
}

/**
 * "Sera thinks I distrust her. I don't.": a short denial takes back its subject's feelings read from
 * the sentence before it or earlier in its own (a mutual reading, both ways). Family ties stay.
 * Removes them from `readings`; returns the pairs so that nothing is sent to enrichment either.
 */
export function takeBackDenied(ctx: Ctx, sentenceAt: ArrayLike<number>, readings: Reading[]): string[] {
  const pairs: string[] = [];
  for (const d of ctx.doubt.denials) {
    const who = d.subject === "i" || d.subject === "we" ? (ctx.voice(d.at)?.speaker ?? ctx.owner) : subjectActorAt(ctx, d.at)?.id;
    if (who === undefined) continue;
    const s = sentenceAt[d.at];
    const denied = readings.filter((r) => {
      const rs = sentenceAt[r.end - 1];
      const mutual = readings.some((o) => o.from === r.to && o.to === r.from && o.type === r.type);
      return r.type !== "family" && r.end <= d.at && (rs === s || rs === s - 1) && (r.from === who || (r.to === who && mutual));
    });
    for (const r of denied) {
      pairs.push(pairKey(r.from, r.to));
      readings.splice(readings.indexOf(r), 1);
    }
  }
  return pairs;
}
