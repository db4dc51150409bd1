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

/** Okapi BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;

/**
 * The keyword side of one session's recall: an in-memory BM25 inverted index over the memories'
 * text, keyed by the same label as the vector index. Built from the session's documents when its
 * store opens, updated on add and delete, and dropped with the store (LRU eviction, close, session
 * delete), so it is as per-session as the vector index.
 *
 * Why not minisearch 7.2.0 (tried, then removed from the dependencies): on this 2-core box at 10,000 memories it took
 * ~1 s to build and 44–90 ms per OR query; this index builds in a fraction of that and answers in
 * about a millisecond (docs/memory.md), and a plain postings map needs no radix tree.
 */
export class KeywordIndex {
  /** term → parallel arrays of document slots and term frequencies. */
  private postings = new Map<string, { slots: number[]; tfs: number[] }>();
  /** label → slot; per slot: label, length in terms (−1 once removed), distinct terms. */
  private slotOf = new Map<number, number>();
  private labels: number[] = [];
  private lengths: number[] = [];
  private termsOf: string[][] = [];
  private totalLength = 0;

  add(docs: Array<{ label: number; content: string }>): void {
    for (const d of docs) {
      if (this.slotOf.has(d.label)) continue;
      const terms = indexTerms(d.content);
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      const slot = this.labels.length;
      for (const [t, n] of tf) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = { slots: [], tfs: [] }));
        list.slots.push(slot);
        list.tfs.push(n);
      }
      this.slotOf.set(d.label, slot);
      this.labels.push(d.label);
      this.lengths.push(terms.length);
      this.termsOf.push([...tf.keys()]);
      this.totalLength += terms.length;
    }
  }

  remove(labels: Iterable<number>): void {
    for (const label of labels) {
      const slot = this.slotOf.get(label);
      if (slot === undefined) continue;
      for (const t of this.termsOf[slot]) {
        const list = this.postings.get(t);
        if (!list) continue;
        const i = list.slots.indexOf(slot);
        if (i >= 0) {
          list.slots.splice(i, 1);
          list.tfs.splice(i, 1);
        }
        if (list.slots.length === 0) this.postings.delete(t);
      }
      this.totalLength -= this.lengths[slot];
      this.lengths[slot] = -1;
      this.termsOf[slot] = [];
      this.slotOf.delete(label);
    }
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Best-first BM25 hits for the weighted terms among the labels `allowed` accepts (all when omitted; ties: older label first). */
  search(terms: WeightedTerm[], k: number, allowed?: (label: number) => boolean): KeywordHit[] {
    const n = this.slotOf.size;
    if (n === 0) return [];
    const weights = new Map<string, number>();
    for (const t of terms) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight));
    const avg = this.totalLength / n || 1;
    const scores = new Float64Array(this.labels.length);
    // 0 = not asked yet, 1 = allowed, 2 = filtered out.
    const verdict = new Uint8Array(this.labels.length);
    if (!allowed) verdict.fill(1);
    const touched: number[] = [];
    for (const [term, weight] of weights) {
      const list = this.postings.get(term);
      if (!list || weight <= 0) continue;
      const idf = Math.log(1 + (n - list.slots.length + 0.5) / (list.slots.length + 0.5));
      for (let i = 0; i < list.slots.length; i++) {
        const slot = list.slots[i];
        if (verdict[slot] === 0) verdict[slot] = allowed?.(this.labels[slot]) ? 1 : 2;
        if (verdict[slot] === 2) continue;
        const tf = list.tfs[i];
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] += (weight * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[slot]) / avg));
      }
    }
    // Top k by selection, not a full sort: a common term touches thousands of documents.
    const before = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && this.labels[a] < this.labels[b]);
    const top: number[] = [];
    for (const slot of touched) {
      if (top.length === k && !before(slot, top[k - 1])) continue;
      let i = top.length === k ? k - 1 : top.length;
      while (i > 0 && before(slot, top[i - 1])) i--;
      top.splice(i, 0, slot);
      if (top.length > k) top.pop();
    }
    return top.map((slot) => ({ label: this.labels[slot], score: scores[slot] }));
  }

  clear(): void {
    this.postings = new Map();
    this.slotOf = new Map();
    this.labels = [];
    this.lengths = [];
    this.termsOf = [];
    this.totalLength = 0;
  }
}
