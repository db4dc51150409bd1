import type pg from "pg";
import type { DocFilterFields } from "./docs.ts";
import { EmbedderMismatchError } from "./errors.ts";
import { createIndex, ensureCapacity, releaseIndex, type HnswIndex, type ResolvedHnsw } from "./hnsw.ts";
import { changesSince, readSessionRow, type IndexedPoint } from "./pgDocs.ts";

/** A nearest neighbour: the document's label and its cosine distance (lower = closer). */
export interface Neighbour {
  label: number;
  distance: number;
}

/**
 * The vector search of one session on the Postgres back end. Today it is hnswlib in this process,
 * caught up from the rows; pgvector (not packaged for Debian 12 here) would implement the same
 * interface with `sync()` a no-op and `nearest()` an `ORDER BY vector <=> $1` query, and nothing
 * else would change.
 */
export interface SessionVectorIndex {
  /** Makes the index reflect every change committed to the rows so far. */
  sync(): Promise<void>;
  /** Up to `k` nearest allowed documents. */
  nearest(vector: number[], k: number, allowed: (fields: DocFilterFields) => boolean): Promise<Neighbour[]>;
  /** Documents in the index (as of the last sync). */
  readonly size: number;
  /** What the last full build cost, for logs and the bench. */
  readonly lastBuild: { points: number; ms: number } | undefined;
  /** Frees the in-memory index. */
  release(): void;
}

/**
 * hnswlib over a session's Postgres rows. Built from the rows on first sync, then caught up with
 * the changes of seq > the last applied one (new rows added, tombstones applied); rebuilt when the
 * session's generation changed (reembed) or its rows were deleted. Syncs of one index run one after
 * another, so two searches never apply the same change twice.
 */
export class CaughtUpHnswIndex implements SessionVectorIndex {
  private index: HnswIndex;
  private readonly fields = new Map<number, DocFilterFields>();
  private seq = 0;
  private generation: number | undefined;
  private chain: Promise<void> = Promise.resolve();
  private released = false;
  lastBuild: { points: number; ms: number } | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly sessionId: string,
    private readonly embedder: { id: string; dimension: number },
    private readonly params: ResolvedHnsw,
  ) {
    this.index = createIndex(embedder.dimension, params);
  }

  get size(): number {
    return this.fields.size;
  }

  sync(): Promise<void> {
    const run = this.chain.then(() => this.catchUp());
    this.chain = run.catch(() => undefined);
    return run;
  }

  async nearest(vector: number[], k: number, allowed: (fields: DocFilterFields) => boolean): Promise<Neighbour[]> {
    if (this.fields.size === 0) return [];
    const filter = (label: number): boolean => {
      const f = this.fields.get(label);
      return f !== undefined && allowed(f);
    };
    // hnswlib applies the filter inside the graph walk, so k allowed hits come back even when selective.
    const res = this.index.searchKnn(vector, Math.min(k, this.index.getMaxElements()), filter);
    return res.neighbors.map((label, i) => ({ label, distance: res.distances[i] }));
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    releaseIndex(this.index);
    this.fields.clear();
  }

  private async catchUp(): Promise<void> {
    // The common case costs one query: nothing changed since the last sync.
    const head = await readSessionRow(this.pool, this.sessionId);
    if (this.released) return;
    if (head && head.generation === this.generation && head.seq === this.seq) return;
    const client = await this.pool.connect();
    try {
      // One snapshot: the seq read here bounds exactly the changes the two reads below see.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const row = await readSessionRow(client, this.sessionId);
      const full = row === undefined || row.generation !== this.generation;
      const started = performance.now();
      const changes = row ? await changesSince(client, this.sessionId, full ? 0 : this.seq, row.seq) : { points: [], removed: [] };
      await client.query("COMMIT");
      if (this.released) return;
      if (row && row.embedder !== this.embedder.id) throw new EmbedderMismatchError(this.sessionId, row, { embedder: this.embedder.id, dimension: this.embedder.dimension });
      if (full) this.reset();
      this.apply(changes.points, changes.removed);
      this.seq = row?.seq ?? 0;
      this.generation = row?.generation;
      if (full) this.lastBuild = { points: changes.points.length, ms: performance.now() - started };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private reset(): void {
    if (this.fields.size === 0 && this.index.getCurrentCount() === 0) return;
    releaseIndex(this.index);
    this.fields.clear();
    this.index = createIndex(this.embedder.dimension, this.params);
  }

  private apply(points: IndexedPoint[], removed: number[]): void {
    ensureCapacity(this.index, points.length);
    for (const p of points) {
      this.index.addPoint(p.vector, p.label);
      this.fields.set(p.label, { entity_id: p.entity_id, scope: p.scope, visibility: p.visibility });
    }
    for (const label of removed) {
      if (!this.fields.delete(label)) continue; // never indexed here (added and removed since the last sync)
      this.index.markDelete(label);
    }
  }
}
