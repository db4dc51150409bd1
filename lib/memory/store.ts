import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Logger } from "pino";
import { DocStore, type DocFilterFields, type NewDoc } from "./docs.ts";
import { dimensionMismatch, EmbedderMismatchError, StoreClosedError } from "./errors.ts";
import { SerialQueue } from "../common/serialQueue.ts";
import { FILES, memoryDir, readMeta, removeStaleTemps, writeMeta } from "./files.ts";
import { createIndex, embedChecked, ensureCapacity, loadIndex, releaseIndex, resolveHnsw, saveIndex, type HnswIndex, type HnswOptions, type ResolvedHnsw } from "./hnsw.ts";
import { importDocs, turnDocs } from "./inputs.ts";
import { passesFilter, rankHits, searchK } from "./ranking.ts";
import { fusionOptions, hasFilter, hybridRecall } from "./hybrid.ts";
import { KeywordIndex } from "./keyword.ts";
import type { ImportRecord, ListQuery, MemoryStoreStats, RecallQuery, SearchQuery } from "./session.ts";
import type { MemoryDoc, MemoryHit, MemoryInput } from "./types.ts";

/** How to open one session's memory. */
export interface OpenStoreOptions {
  dataDir: string;
  sessionId: string;
  embeddings: Embeddings;
  /** Identity of the embedder, compared with meta.json. */
  embedderId: string;
  /** Vector length if known; otherwise taken from meta.json or a one-off probe embedding. */
  dimension?: number;
  hnsw?: HnswOptions;
  logger?: Logger;
}

/**
 * The vector memory of ONE session: its own SQLite doc table and its own hnswlib index under
 * `<dataDir>/sessions/<id>/memory/`. No method takes another session's id, so a search can only
 * ever see this session's memories. Writes (add/import/close) run through a promise queue so
 * index mutations and index saves never interleave.
 */
export class SessionMemoryStore {
  private readonly writes = new SerialQueue();
  private closed = false;
  private reconciled = { added: 0, removed: 0 };
  /** The keyword side of `recall`, built on open and kept in step with the documents. */
  private readonly keyword = new KeywordIndex();

  private constructor(
    readonly sessionId: string,
    private readonly dir: string,
    private readonly opts: OpenStoreOptions,
    private readonly params: ResolvedHnsw,
    readonly dimension: number,
    private readonly docs: DocStore,
    private readonly index: HnswIndex,
    private readonly fields: Map<number, DocFilterFields>,
  ) {}

  /** Opens (or creates) a session's memory, checks the embedder, and reconciles docs with the index. */
  static async open(opts: OpenStoreOptions): Promise<SessionMemoryStore> {
    const dir = memoryDir(opts.dataDir, opts.sessionId);
    await mkdir(dir, { recursive: true });
    await removeStaleTemps(dir);
    const indexFile = path.join(dir, FILES.index);
    let meta = await readMeta(dir);
    if (meta && (meta.embedder !== opts.embedderId || (opts.dimension !== undefined && opts.dimension !== meta.dimension))) {
      throw new EmbedderMismatchError(opts.sessionId, meta, { embedder: opts.embedderId, dimension: opts.dimension });
    }
    let params = resolveHnsw(opts.hnsw);
    let index: HnswIndex | undefined;
    if (meta) {
      // M and efConstruction are properties of the built graph: the file's values win.
      params = { ...params, M: meta.M, efConstruction: meta.efConstruction };
      if (existsSync(indexFile)) {
        index = await loadIndex(indexFile, meta.dimension, params.ef).catch((err: unknown) => {
          opts.logger?.warn({ err, sessionId: opts.sessionId }, "memory index unreadable; rebuilding from documents");
          return undefined;
        });
      }
    } else {
      // No meta.json: either a new session, or a crash in the middle of `reembed` (which removes
      // meta first). An index we cannot attribute to an embedder is never trusted: rebuild it.
      await rm(indexFile, { force: true });
      const dimension = opts.dimension ?? (await opts.embeddings.embedQuery("dimension probe")).length;
      meta = { embedder: opts.embedderId, dimension, space: "cosine", M: params.M, efConstruction: params.efConstruction, count: 0, version: 1 };
      await writeMeta(dir, meta);
    }
    const docs = new DocStore(path.join(dir, FILES.docs));
    const store = new SessionMemoryStore(opts.sessionId, dir, opts, params, meta.dimension, docs, index ?? createIndex(meta.dimension, params), docs.filterFields());
    try {
      for (const page of docs.allInPages()) store.keyword.add(page);
      await store.reconcile();
    } catch (err) {
      docs.close();
      throw err;
    }
    return store;
  }

  /** Validates, embeds (one batch), stores (one transaction) and indexes a turn's memories. */
  async add(inputs: MemoryInput[], ctx: { turn: number; now?: Date }): Promise<MemoryDoc[]> {
    this.assertOpen();
    const docs = turnDocs(inputs, ctx);
    return this.writes.run(() => this.insert(docs));
  }

  /** Adds records that are not stored yet (by source_id); validation is all-or-nothing like `add`. */
  async import(records: ImportRecord[]): Promise<{ added: number; skipped: number }> {
    this.assertOpen();
    const docs = importDocs(records);
    return this.writes.run(async () => {
      const existing = this.docs.existingSourceIds(records.map((r) => r.source_id));
      const fresh = docs.filter((d) => !existing.has(d.source_id));
      const added = await this.insert(fresh);
      return { added: added.length, skipped: records.length - added.length };
    });
  }

  /**
   * Forgets what turns after `turn` wrote: the engine calls it when a turn failed after its
   * memories were stored, so the session holds only what committed turns wrote.
   */
  async discardAfterTurn(turn: number): Promise<number> {
    this.assertOpen();
    return this.writes.run(async () => {
      const labels = this.docs.deleteAfterTurn(turn);
      for (const label of labels) {
        this.fields.delete(label);
        this.index.markDelete(label);
      }
      this.keyword.remove(labels);
      if (labels.length > 0) await this.save();
      return labels.length;
    });
  }

  /** Nearest memories of THIS session, optionally limited to one holder / scope / visibility. */
  async search(q: SearchQuery): Promise<MemoryHit[]> {
    this.assertOpen();
    const k = searchK(q);
    // Nothing to find: skip the embedding (a network call with a remote embedder).
    if (q.query.trim() === "" || this.fields.size === 0) return [];
    const vector = await this.opts.embeddings.embedQuery(q.query);
    this.assertOpen(); // closed while embedding: its index is released
    this.assertVectorLength(vector.length);
    const allowed = this.filterOf(q);
    // hnswlib applies the filter inside the graph walk, so k allowed hits come back even when
    // the filter is selective. A few extra candidates make the tie-break below meaningful.
    const want = Math.min(k + 8, this.index.getMaxElements());
    const res = this.index.searchKnn(vector, want, allowed);
    const neighbours = res.neighbors.map((label, i) => ({ label, distance: res.distances[i] }));
    return rankHits(neighbours, this.docs.byLabels(res.neighbors), k);
  }

  /**
   * Hybrid recall: vector and keyword (BM25) candidates of THIS session, fused by rank with
   * focus-entity, importance and recency boosts and near-duplicates dropped (lib/memory/hybrid.ts).
   * Scores are fused scores scaled so the best hit is 1.
   */
  async recall(q: RecallQuery): Promise<MemoryHit[]> {
    // The keyword index holds exactly this store's documents: no filter unless the query has one.
    const filter = hasFilter(q) ? this.filterOf(q) : undefined;
    return hybridRecall(q.k ?? 8, fusionOptions(q), {
      vector: (k) => this.search({ ...q, k }),
      keyword: (k) => this.keyword.search(q.terms, k, filter),
      docsByLabels: (labels) => this.docs.byLabels(labels),
    });
  }

  /** Newest first, without a query (for the API). */
  list(q: ListQuery = {}): { items: MemoryDoc[]; total: number } {
    this.assertOpen();
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 20), 1), 200);
    const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
    return this.docs.list({ entity_id: q.entity_id, scope: q.scope, limit, offset });
  }

  /** The memories with these ids, in the order asked (unknown ids are left out). */
  get(ids: string[]): MemoryDoc[] {
    this.assertOpen();
    const found = new Map(this.docs.byIds(ids).map((d) => [d.id, d]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Number of memories in this session. */
  count(): number {
    return this.fields.size;
  }

  get stats(): MemoryStoreStats {
    return {
      sessionId: this.sessionId,
      embedder: this.opts.embedderId,
      dimension: this.dimension,
      count: this.fields.size,
      capacity: this.closed ? 0 : this.index.getMaxElements(),
      M: this.params.M,
      efConstruction: this.params.efConstruction,
      ef: this.params.ef,
      reconciled: { ...this.reconciled },
    };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Waits for pending writes, then releases the SQLite handle and the index's native memory. Idempotent. */
  close(): Promise<void> {
    if (this.closed) return this.writes.idle();
    this.closed = true;
    return this.writes.run(async () => {
      this.docs.close();
      releaseIndex(this.index);
      this.fields.clear();
      this.keyword.clear();
    });
  }

  private filterOf(q: Pick<SearchQuery, "entity_id" | "scope" | "visibility">): (label: number) => boolean {
    const passes = passesFilter(q);
    return (label) => {
      const f = this.fields.get(label);
      return f !== undefined && passes(f);
    };
  }

  private async insert(docs: NewDoc[]): Promise<MemoryDoc[]> {
    if (docs.length === 0) return [];
    // Embed before writing anything, so a failing embedder leaves no document behind.
    const vectors = await this.embed(docs.map((d) => d.content));
    const stored = this.docs.insert(docs);
    const vectorOf = new Map(docs.map((d, i) => [d.id, vectors[i]]));
    ensureCapacity(this.index, stored.length);
    for (const d of stored) {
      this.index.addPoint(vectorOf.get(d.id) as number[], d.label);
      this.fields.set(d.label, { entity_id: d.entity_id, scope: d.scope, visibility: d.visibility });
    }
    this.keyword.add(stored);
    await this.save();
    return stored;
  }

  /** Docs missing from the index are embedded and added; index labels without a doc are deleted. */
  private async reconcile(): Promise<void> {
    const indexed = new Set(this.index.getIdsList());
    let removed = 0;
    for (const label of indexed) {
      if (this.fields.has(label)) continue;
      try {
        this.index.markDelete(label);
        removed++;
      } catch {
        // Already marked deleted by an earlier open: nothing to do.
      }
    }
    const missing = [...this.fields.keys()].filter((l) => !indexed.has(l)).sort((a, b) => a - b);
    for (let i = 0; i < missing.length; i += 512) {
      const docs = this.docs.byLabels(missing.slice(i, i + 512));
      const vectors = await this.embed(docs.map((d) => d.content));
      ensureCapacity(this.index, docs.length);
      docs.forEach((d, j) => this.index.addPoint(vectors[j], d.label));
    }
    this.reconciled = { added: missing.length, removed };
    if (missing.length > 0 || removed > 0) {
      this.opts.logger?.warn({ sessionId: this.sessionId, ...this.reconciled }, "memory index reconciled with documents");
      await this.save();
    }
  }

  private async save(): Promise<void> {
    await saveIndex(this.index, path.join(this.dir, FILES.index));
    await writeMeta(this.dir, {
      embedder: this.opts.embedderId,
      dimension: this.dimension,
      space: "cosine",
      M: this.params.M,
      efConstruction: this.params.efConstruction,
      count: this.fields.size,
      version: 1,
    });
  }

  private embed(texts: string[]): Promise<number[][]> {
    return embedChecked(this.opts.embeddings, texts, this.dimension, (got) => this.mismatch(got));
  }

  private assertVectorLength(got: number): void {
    if (got !== this.dimension) throw this.mismatch(got);
  }

  private mismatch(got: number): EmbedderMismatchError {
    return dimensionMismatch(this.sessionId, this.opts.embedderId, this.dimension, got);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(this.sessionId);
  }

}
