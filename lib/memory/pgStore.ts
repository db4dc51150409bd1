import type pg from "pg";
import type { BackendOpenOptions } from "./backend.ts";
import { dimensionMismatch, EmbedderMismatchError, StoreClosedError } from "./errors.ts";
import { SerialQueue } from "../common/serialQueue.ts";
import { embedChecked, resolveHnsw, type ResolvedHnsw } from "./hnsw.ts";
import { importDocs, turnDocs } from "./inputs.ts";
import { countDocs, deleteAfterTurn, docsByIds, docsByLabels, ensureSessionRow, existingSourceIds, insertDocs, listDocs } from "./pgDocs.ts";
import { CaughtUpHnswIndex, type BuildReport, type SessionVectorIndex } from "./pgMemoryIndex.ts";
import { inTransaction } from "./pgSchema.ts";
import { fusionOptions, hasFilter, hybridRecall } from "./hybrid.ts";
import { passesFilter, rankHits, searchK } from "./ranking.ts";
import type { ImportRecord, ListQuery, MemoryStoreStats, RecallQuery, SearchQuery, SessionMemory } from "./session.ts";
import type { MemoryDoc, MemoryHit, MemoryInput } from "./types.ts";
import type { NewDoc } from "./docs.ts";

/**
 * The memory of ONE session on PostgreSQL. The rows are the truth; this instance keeps only the
 * session's vector index (hnswlib, built from the rows on first search and caught up before every
 * search), so a memory written through another instance is found here on the next search. Lists and
 * lookups read the rows. Writes of this instance run one after another (a promise queue), and the
 * session's row lock orders them with other instances' writes.
 */
export class PgSessionMemory implements SessionMemory {
  private readonly writes = new SerialQueue();
  private closed = false;

  private constructor(
    readonly sessionId: string,
    readonly dimension: number,
    private readonly db: pg.Pool,
    private readonly opts: BackendOpenOptions,
    private readonly params: ResolvedHnsw,
    private readonly index: SessionVectorIndex,
  ) {}

  /** Opens (creating its row on first use) a session's memory; the index is built on first search. */
  static async open(db: pg.Pool, opts: BackendOpenOptions): Promise<PgSessionMemory> {
    const dimension = opts.dimension ?? (await opts.embeddings.embedQuery("dimension probe")).length;
    const row = await ensureSessionRow(db, opts.sessionId, opts.embedderId, dimension);
    if (row.embedder !== opts.embedderId || row.dimension !== dimension) {
      throw new EmbedderMismatchError(opts.sessionId, row, { embedder: opts.embedderId, dimension });
    }
    const params = resolveHnsw(opts.hnsw);
    const index = new CaughtUpHnswIndex(db, opts.sessionId, { id: opts.embedderId, dimension }, params, opts.logger);
    return new PgSessionMemory(opts.sessionId, dimension, db, opts, params, index);
  }

  async add(inputs: MemoryInput[], ctx: { turn: number; now?: Date }): Promise<MemoryDoc[]> {
    this.assertOpen();
    const docs = turnDocs(inputs, ctx);
    return this.writes.run(() => this.insert(docs));
  }

  async import(records: ImportRecord[]): Promise<{ added: number; skipped: number }> {
    this.assertOpen();
    const docs = importDocs(records);
    return this.writes.run(async () => {
      const existing = await existingSourceIds(this.db, this.sessionId, records.map((r) => r.source_id));
      const fresh = docs.filter((d) => !existing.has(d.source_id));
      const added = await this.insert(fresh);
      return { added: added.length, skipped: records.length - added.length };
    });
  }

  async discardAfterTurn(turn: number): Promise<number> {
    this.assertOpen();
    return this.writes.run(() => inTransaction(this.db, (client) => deleteAfterTurn(client, this.sessionId, turn)));
  }

  async search(q: SearchQuery): Promise<MemoryHit[]> {
    this.assertOpen();
    const k = searchK(q);
    if (q.query.trim() === "") return [];
    await this.index.sync();
    this.assertOpen();
    // Nothing to find: skip the embedding (a network call with a remote embedder).
    if (this.index.size === 0) return [];
    const vector = await this.opts.embeddings.embedQuery(q.query);
    this.assertOpen(); // closed while embedding: its index is released
    if (vector.length !== this.dimension) throw this.mismatch(vector.length);
    // A few extra candidates make the tie-break meaningful.
    const neighbours = await this.index.nearest(vector, k + 8, passesFilter(q));
    const docs = await docsByLabels(this.db, this.sessionId, neighbours.map((n) => n.label));
    return rankHits(neighbours, docs, k);
  }

  /** Hybrid recall (lib/memory/hybrid.ts): both sides read this instance's caught-up indexes. */
  async recall(q: RecallQuery): Promise<MemoryHit[]> {
    const filter = hasFilter(q) ? passesFilter(q) : undefined;
    return hybridRecall(q.k ?? 8, fusionOptions(q), {
      vector: (k) => this.search({ ...q, k }), // syncs first, so the keyword side below is caught up too
      keyword: (k) => this.index.keyword(q.terms, k, filter),
      docsByLabels: (labels) => docsByLabels(this.db, this.sessionId, labels),
    });
  }

  async list(q: ListQuery = {}): Promise<{ items: MemoryDoc[]; total: number }> {
    this.assertOpen();
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 20), 1), 200);
    const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
    return listDocs(this.db, this.sessionId, { entity_id: q.entity_id, scope: q.scope, limit, offset });
  }

  async get(ids: string[]): Promise<MemoryDoc[]> {
    this.assertOpen();
    const found = new Map((await docsByIds(this.db, this.sessionId, ids)).map((d) => [d.id, d]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Counted in the rows, so writes of other instances are included. */
  count(): Promise<number> {
    return countDocs(this.db, this.sessionId);
  }

  get stats(): MemoryStoreStats {
    return {
      sessionId: this.sessionId,
      embedder: this.opts.embedderId,
      dimension: this.dimension,
      count: this.index.size,
      capacity: 0,
      M: this.params.M,
      efConstruction: this.params.efConstruction,
      ef: this.params.ef,
      reconciled: { added: 0, removed: 0 },
    };
  }

  /** The last full build of this instance's index from the rows (for logs and the bench). */
  get lastBuild(): BuildReport | undefined {
    return this.index.lastBuild;
  }

  /** Catches the index up with the rows now (a search does it anyway). */
  sync(): Promise<void> {
    this.assertOpen();
    return this.index.sync();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): Promise<void> {
    if (this.closed) return this.writes.idle();
    this.closed = true;
    return this.writes.run(() => this.index.release());
  }

  private async insert(docs: NewDoc[]): Promise<MemoryDoc[]> {
    if (docs.length === 0) return [];
    // Embed before writing anything, so a failing embedder leaves no document behind.
    const vectors = await embedChecked(this.opts.embeddings, docs.map((d) => d.content), this.dimension, (got) => this.mismatch(got));
    return inTransaction(this.db, (client) => insertDocs(client, this.sessionId, docs, vectors));
  }

  private mismatch(got: number): EmbedderMismatchError {
    return dimensionMismatch(this.sessionId, this.opts.embedderId, this.dimension, got);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(this.sessionId);
  }

}

