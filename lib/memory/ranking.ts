import type { DocFilterFields } from "./docs.ts";
import type { MemoryDoc, MemoryHit, MemoryScope, Visibility } from "./types.ts";

/** The parts of a search query (store.ts `SearchQuery`) that ranking and filtering read. */
interface SearchShape {
  entity_id?: string;
  scope?: MemoryScope;
  visibility?: Visibility;
  k?: number;
}

/** The k of a search (default 8); throws outside 1..50. */
export function searchK(q: SearchShape): number {
  const k = q.k ?? 8;
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new RangeError(`k must be an integer in 1..50, got ${k}`);
  return k;
}

/** Whether a document's filter fields pass the search's holder / scope / visibility filter. */
export function passesFilter(q: SearchShape): (f: DocFilterFields) => boolean {
  return (f) => (q.entity_id === undefined || f.entity_id === q.entity_id) && (q.scope === undefined || f.scope === q.scope) && (q.visibility === undefined || f.visibility === q.visibility);
}

/**
 * Hits in a deterministic order: score (1 − cosine distance), then the older memory (smaller
 * label) first; neighbours whose document is gone are left out.
 */
export function rankHits(neighbours: Array<{ label: number; distance: number }>, docs: MemoryDoc[], k: number): MemoryHit[] {
  const byLabel = new Map(docs.map((d) => [d.label, d]));
  const hits: MemoryHit[] = [];
  for (const n of neighbours) {
    const memory = byLabel.get(n.label);
    if (memory) hits.push({ memory, score: 1 - n.distance });
  }
  hits.sort((a, b) => b.score - a.score || a.memory.label - b.memory.label);
  return hits.slice(0, k);
}
