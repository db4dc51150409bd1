import { words } from "./terms.ts";

/** What fusion needs to know of a candidate memory. */
export interface FusionCandidate {
  label: number;
  entity_id: string;
  content: string;
  importance: number;
  turn: number;
  related_entities: readonly string[];
}

export interface FusionOptions {
  /** Entities the turn is about (mentioned, or carried over from the last turn); the player is not one. */
  focus: ReadonlySet<string>;
  currentTurn: number;
  /** The player, when the query is in the first person: memories held by or naming them get `self`. */
  self?: string;
  /** Entity ids a memory's text names (the engine's own mention rules); optional. */
  mentions?: (content: string) => readonly string[];
  weights?: Partial<FusionWeights>;
}

export interface FusionWeights {
  /** Reciprocal-rank-fusion constant: score = Σ weight / (rrfK + rank). */
  rrfK: number;
  vector: number;
  keyword: number;
  /** Added (in RRF units, × 1/rrfK) when a focus entity holds the memory, or is named in it. */
  heldByFocus: number;
  namesFocus: number;
  self: number;
  /** × importance (0..1). */
  importance: number;
  /** × 2^(−age / recencyHalfLife), age in turns. */
  recency: number;
  recencyHalfLife: number;
}

export const DEFAULT_FUSION: FusionWeights = {
  rrfK: 60,
  vector: 1,
  keyword: 1,
  heldByFocus: 0.3,
  namesFocus: 0.2,
  self: 0.2,
  importance: 0.2,
  recency: 0.05,
  recencyHalfLife: 50,
};

export interface FusedHit {
  label: number;
  /** Fused score scaled so the best hit is 1 (comparable within one search only). */
  score: number;
}

/**
 * Reciprocal-rank fusion of a vector ranking and a keyword ranking (labels, best first), plus
 * boosts for memories held by or naming a focus entity, importance and a mild recency; then
 * near-duplicates (same holder, same words) are dropped, the better-ranked one kept.
 */
export function fuseRankings(vector: readonly number[], keyword: readonly number[], docs: ReadonlyMap<number, FusionCandidate>, k: number, opts: FusionOptions): FusedHit[] {
  const w = { ...DEFAULT_FUSION, ...opts.weights };
  const raw = new Map<number, number>();
  const addList = (labels: readonly number[], weight: number) =>
    labels.forEach((label, i) => raw.set(label, (raw.get(label) ?? 0) + weight / (w.rrfK + i + 1)));
  addList(vector, w.vector);
  addList(keyword, w.keyword);
  const scored: FusedHit[] = [];
  for (const [label, rrf] of raw) {
    const doc = docs.get(label);
    if (!doc) continue;
    let bonus = w.importance * doc.importance + w.recency * 2 ** (-Math.max(0, opts.currentTurn - doc.turn) / w.recencyHalfLife);
    const named = opts.mentions?.(doc.content) ?? [];
    if (opts.focus.has(doc.entity_id)) bonus += w.heldByFocus;
    else if (doc.related_entities.some((e) => opts.focus.has(e)) || named.some((e) => opts.focus.has(e))) bonus += w.namesFocus;
    if (opts.self !== undefined && (doc.entity_id === opts.self || doc.related_entities.includes(opts.self) || named.includes(opts.self))) bonus += w.self;
    scored.push({ label, score: rrf + bonus / w.rrfK });
  }
  scored.sort((a, b) => b.score - a.score || a.label - b.label);
  const kept = dedupe(scored, docs).slice(0, k);
  const top = kept[0]?.score ?? 1;
  return kept.map((h) => ({ label: h.label, score: Number((h.score / top).toFixed(4)) }));
}

/** Word-set similarity at or above which two memories of one holder count as the same memory. */
export const DUPLICATE_JACCARD = 0.8;
/** Word-set similarity at or above which a memory says much the same as a better-ranked one. */
export const SIMILAR_JACCARD = 0.5;

/**
 * Drops hits whose memory repeats a better-ranked one (same holder, ≥ DUPLICATE_JACCARD of the
 * same words) and moves hits that mostly repeat one (≥ SIMILAR_JACCARD, any holder) behind the
 * distinct ones, so five takes of one routine ("watched the horizon at …") do not fill the context.
 */
export function dedupe<T extends { label: number }>(ranked: readonly T[], docs: ReadonlyMap<number, Pick<FusionCandidate, "entity_id" | "content">>): T[] {
  const kept: Array<{ hit: T; holder: string; words: Set<string> }> = [];
  const echoes: T[] = [];
  for (const hit of ranked) {
    const doc = docs.get(hit.label);
    if (!doc) continue;
    const set = new Set(words(doc.content));
    if (kept.some((k) => k.holder === doc.entity_id && jaccard(k.words, set) >= DUPLICATE_JACCARD)) continue;
    if (kept.some((k) => jaccard(k.words, set) >= SIMILAR_JACCARD)) echoes.push(hit);
    else kept.push({ hit, holder: doc.entity_id, words: set });
  }
  return [...kept.map((k) => k.hit), ...echoes];
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

/** What one session's memory lends to `hybridRecall` (either back end). */
export interface RecallSources<Doc extends FusionCandidate> {
  /** Vector candidates, best first. */
  vector(k: number): Promise<Array<{ memory: Doc }>>;
  /** Keyword candidates (labels), best first. */
  keyword(k: number): Array<{ label: number }>;
  /** Documents by label (those the vector side did not bring). */
  docsByLabels(labels: number[]): Doc[] | Promise<Doc[]>;
}

/**
 * Hybrid recall over one session: vector and keyword candidates fused by rank with focus-entity,
 * importance and recency boosts and near-duplicates dropped. Scores are fused scores scaled so the
 * best hit is 1.
 */
export async function hybridRecall<Doc extends FusionCandidate>(k: number, opts: FusionOptions, sources: RecallSources<Doc>): Promise<Array<{ memory: Doc; score: number }>> {
  const pool = Math.min(50, Math.max(3 * k, 24));
  const vector = await sources.vector(Math.max(k, pool));
  const keyword = sources.keyword(pool);
  const docs = new Map(vector.map((h) => [h.memory.label, h.memory]));
  for (const d of await sources.docsByLabels(keyword.filter((h) => !docs.has(h.label)).map((h) => h.label))) docs.set(d.label, d);
  const fused = fuseRankings(vector.map((h) => h.memory.label), keyword.map((h) => h.label), docs, k, opts);
  return fused.map((f) => ({ memory: docs.get(f.label) as Doc, score: f.score }));
}

/** The fusion options of a recall query (store.ts `RecallQuery`). */
export function fusionOptions(q: FusionOptions): FusionOptions {
  return { focus: q.focus, self: q.self, currentTurn: q.currentTurn, mentions: q.mentions };
}

/** Whether a query narrows by holder, scope or visibility (else the keyword side needs no filter). */
export function hasFilter(q: { entity_id?: string; scope?: string; visibility?: string }): boolean {
  return q.entity_id !== undefined || q.scope !== undefined || q.visibility !== undefined;
}
