import MiniSearch from "minisearch";
import { indexTerms } from "./terms.ts";

/** A weighted query term (already analysed by `indexTerms`). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface KeywordHit {
  label: number;
  score: number;
}

interface KeywordDoc {
  label: number;
  content: string;
}

/**
 * The keyword side of one session's recall: an in-memory BM25+ index (minisearch) over the
 * memories' text, keyed by the same label as the vector index. Built from the session's
 * documents when its store opens, updated on add and delete, and dropped with the store (LRU
 * eviction, close, session delete), so it is as per-session as the vector index. Memory: about
 * 1 KB per short memory (measured in docs/memory.md), within the store's own bounds.
 */
export class KeywordIndex {
  private index = KeywordIndex.empty();

  private static empty(): MiniSearch<KeywordDoc> {
    return new MiniSearch<KeywordDoc>({
      idField: "label",
      fields: ["content"],
      storeFields: [],
      tokenize: indexTerms,
      processTerm: (term) => term,
      searchOptions: { tokenize: (q) => q.split(" ").filter(Boolean), processTerm: (term) => term },
    });
  }

  add(docs: Array<{ label: number; content: string }>): void {
    this.index.addAll(docs.map((d) => ({ label: d.label, content: d.content })));
  }

  remove(labels: Iterable<number>): void {
    for (const label of labels) if (this.index.has(label)) this.index.discard(label);
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Best-first BM25+ hits for the weighted terms among the labels `allowed` accepts. */
  search(terms: WeightedTerm[], k: number, allowed: (label: number) => boolean): KeywordHit[] {
    const weights = new Map<string, number>();
    for (const t of terms) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight));
    if (weights.size === 0 || this.index.documentCount === 0) return [];
    const results = this.index.search([...weights.keys()].join(" "), {
      combineWith: "OR",
      boostTerm: (term) => weights.get(term) ?? 1,
      filter: (r) => allowed(r.id as number),
    });
    return results.slice(0, k).map((r) => ({ label: r.id as number, score: r.score }));
  }

  clear(): void {
    this.index = KeywordIndex.empty();
  }
}
