import type { RelationshipAnalysis } from "./extract.ts";
import { type ExtractedRelationship, isRelationshipType, pairKey } from "./types.ts";

/**
 * The narrator's statement of the edge a relationship memory records: `holder` (default: the memory's
 * owner) feels `type` towards `about`. `sign` matters for `family` only (-1: an estranged or feuding
 * tie), the other types have a fixed sign.
 */
export interface EdgeHint {
  about: string;
  type: string;
  holder?: string;
  sign?: 1 | -1;
}

/** Confidence of a rule edge that the narrator's hint confirms: well above any enrichment threshold. */
export const HINTED_CONFIDENCE = 0.95;

/**
 * What a hinted memory yields. `agrees`: the rules read the hinted edge (holder→about, same type);
 * it goes in with {@link HINTED_CONFIDENCE}, its reverse read from the same words (a mutual bond:
 * "they are rivals") keeps the rules' verdict, and every other edge the rules read goes to enrichment: the narrator said
 * which edge the memory records, so the rest is the rules' unconfirmed reading of a memory they
 * may have misread (precision first: a wrong edge in the graph is never reviewed).
 * `disagrees`: the rules read something else, nothing, or the hint is malformed (unknown type,
 * unknown or self `about`): no edge of the memory goes into the graph, every pair goes to enrichment.
 */
export type HintCheck =
  | { verdict: "agrees"; relationships: ExtractedRelationship[] }
  | { verdict: "disagrees"; pairs: Array<{ from: string; to: string; guess?: ExtractedRelationship }> };

/** A family tie takes the hint's sign (the narrator knows whether it is estranged; the rules read it from a few words). */
function signed(r: ExtractedRelationship, hint: EdgeHint): ExtractedRelationship {
  if (r.type !== "family" || hint.sign === undefined || Math.sign(r.sentiment) === hint.sign) return r;
  return { ...r, sentiment: -r.sentiment };
}

/** Compare the rules' extraction of one memory (owned by `owner`) with the narrator's hint (pure). */
export function checkHint(owner: string, hint: EdgeHint, extracted: readonly ExtractedRelationship[], known: ReadonlySet<string>): HintCheck {
  const holder = hint.holder ?? owner;
  const hinted = (r: ExtractedRelationship): boolean => r.from === holder && r.to === hint.about && r.type === hint.type;
  const isReverse = (r: ExtractedRelationship): boolean => r.from === hint.about && r.to === holder && r.type === hint.type;
  const valid = isRelationshipType(hint.type) && hint.about !== holder && known.has(hint.about) && known.has(holder);
  const confirmed = valid ? extracted.find(hinted) : undefined;
  if (confirmed) {
    return {
      verdict: "agrees",
      relationships: extracted.map((r) => {
        if (r === confirmed) return { ...signed(r, hint), confidence: Math.max(r.confidence, HINTED_CONFIDENCE), needsEnrichment: false };
        // The other side of a mutual bond read from the same words ("they are rivals": one cue gives both
        // sides the same words, confidence and strength); a reverse read from other words ("has no
        // patience for me … I loathe her", or another, hedged "trust") is another reading, unconfirmed.
        const sameReading = r.cue === confirmed.cue && r.confidence === confirmed.confidence && r.strength === confirmed.strength;
        return isReverse(r) && sameReading ? signed(r, hint) : { ...r, needsEnrichment: true };
      }),
    };
  }
  const pairs: Array<{ from: string; to: string; guess?: ExtractedRelationship }> = extracted.map((r) => ({ from: r.from, to: r.to, guess: r }));
  const coversHint = pairs.some((p) => p.from === holder && p.to === hint.about);
  if (known.has(hint.about) && known.has(holder) && hint.about !== holder && !coversHint) pairs.push({ from: holder, to: hint.about });
  return { verdict: "disagrees", pairs };
}

/** Why an edge of a relationship memory waits for the model instead of entering the graph. */
export type QueuedReason = "low_confidence" | "hint_disagrees" | "unhinted" | "untyped";

/** What one relationship memory contributes: edges for the graph, and pairs for background enrichment. */
export interface Admission {
  admitted: ExtractedRelationship[];
  queued: Array<{ from: string; to: string; reason: QueuedReason; guess?: ExtractedRelationship }>;
  /** Pairs left out by {@link MAX_PAIRS_PER_MEMORY}. */
  skipped: number;
}

/**
 * At most this many pairs of one memory go to the model (a call each). A memory naming the whole cast
 * with no feeling would otherwise ask about every pair of it: 190 calls for twenty names.
 */
export const MAX_PAIRS_PER_MEMORY = 6;

/**
 * Which of the rules' edges of one memory enter the graph, and which pairs wait for the model (pure).
 * With a hint, see {@link checkHint}. Without one, the rules decide by confidence, unless
 * `batchHints`: the narrator stated edges for other memories of the same batch, so leaving this one
 * without was not being sure of an edge here, and every edge the rules read goes to enrichment
 * (reason `unhinted`). An unhinted memory the rules read no edge in queues its named pairs (`untyped`).
 */
export function admitEdges(owner: string, hint: EdgeHint | undefined, analysis: Pick<RelationshipAnalysis, "relationships" | "unclassifiedPairs">, known: ReadonlySet<string>, batchHints: boolean): Admission {
  let extracted = analysis.relationships;
  if (hint) {
    const check = checkHint(owner, hint, extracted, known);
    if (check.verdict === "disagrees") return { admitted: [], ...bounded(onePerPair(check.pairs.map((p) => ({ ...p, reason: "hint_disagrees" }))), owner) };
    extracted = check.relationships;
  }
  const admitted: ExtractedRelationship[] = [];
  const queued: Admission["queued"] = [];
  for (const r of extracted) {
    if (r.needsEnrichment) queued.push({ from: r.from, to: r.to, reason: "low_confidence", guess: r });
    else if (batchHints && !hint) queued.push({ from: r.from, to: r.to, reason: "unhinted", guess: r });
    else admitted.push(r);
  }
  if (!hint && extracted.length === 0) for (const pair of analysis.unclassifiedPairs) queued.push({ ...pair, reason: "untyped" });
  return { admitted, ...bounded(onePerPair(queued), owner) };
}

/**
 * The first {@link MAX_PAIRS_PER_MEMORY} pairs, those the rules read something for first, then those
 * of the memory's owner, in the memory's order otherwise; how many were left out.
 */
function bounded(queued: Admission["queued"], owner: string): Pick<Admission, "queued" | "skipped"> {
  if (queued.length <= MAX_PAIRS_PER_MEMORY) return { queued, skipped: 0 };
  const rank = (q: Admission["queued"][number]) => (q.guess ? 0 : q.from === owner || q.to === owner ? 1 : 2);
  const kept = queued.map((q, i) => ({ q, i })).sort((a, b) => rank(a.q) - rank(b.q) || a.i - b.i).slice(0, MAX_PAIRS_PER_MEMORY);
  return { queued: kept.sort((a, b) => a.i - b.i).map(({ q }) => q), skipped: queued.length - MAX_PAIRS_PER_MEMORY };
}

/**
 * One task per pair of people: the model reads every edge of the pair either way in one call (and the
 * request lists all the rules' readings of it), so a second task for the pair would ask the same
 * question again and could get a different answer. The first entry (its reason and guess) stays.
 */
function onePerPair(queued: Admission["queued"]): Admission["queued"] {
  const seen = new Set<string>();
  return queued.filter((q) => {
    const key = pairKey(q.from, q.to);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
