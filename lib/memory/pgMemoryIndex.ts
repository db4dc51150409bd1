import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import type { Logger } from "pino";
import type { DocFilterFields } from "./docs.ts";
import { EmbedderMismatchError } from "./errors.ts";
import { createIndex, ensureCapacity, loadIndex, releaseIndex, type HnswIndex, type ResolvedHnsw } from "./hnsw.ts";
import { SerialQueue } from "../common/serialQueue.ts";
import { KeywordIndex, type KeywordHit, type WeightedTerm } from "./keyword.ts";
import { changesSince, liveFields, readSessionRow, readSnapshot, writeSnapshot, type IndexedPoint, type SessionRow } from "./pgDocs.ts";

/** A nearest neighbour: the document's label and its cosine distance (lower = closer). */
export interface Neighbour {
  label: number;
  distance: number;
}

/** How the last full build went, for logs and the bench. */
export interface BuildReport {
  /** Points in the index after the build. */
  points: number;
  /** Points inserted into hnswlib (all of them without a snapshot; those newer than it with one). */
  inserted: number;
  fromSnapshot: boolean;
  ms: number;
}

/**
 * The search indexes of one session on the Postgres back end. Today they are hnswlib and the BM25
 * keyword index (lib/memory/keyword.ts) in this process, caught up from the rows; pgvector (not
 * packaged for Debian 12 here) would implement the same interface with `sync()` a no-op, `nearest()`
 * an `ORDER BY vector <=> $1` query and `keyword()` Postgres full-text search, and nothing else
 * would change.
 */
export interface SessionVectorIndex {
  /** Makes the index reflect every change committed to the rows so far. */
  sync(): Promise<void>;
  /** Up to `k` nearest allowed documents. */
  nearest(vector: number[], k: number, allowed: (fields: DocFilterFields) => boolean): Promise<Neighbour[]>;
  /** Up to `k` best keyword (BM25) matches, as of the last sync. */
  keyword(terms: WeightedTerm[], k: number, allowed?: (fields: DocFilterFields) => boolean): KeywordHit[];
  /** Documents in the index (as of the last sync). */
  readonly size: number;
  readonly lastBuild: BuildReport | undefined;
  /** Frees the in-memory index once pending syncs are done. */
  release(): Promise<void>;
}

/** Sessions smaller than this are rebuilt from the rows (fast enough); bigger ones get a snapshot. */
export const SNAPSHOT_MIN_POINTS = 1000;

/**
 * hnswlib over a session's Postgres rows. Built on first sync (from the latest index snapshot plus
 * the rows newer than it, or from all rows), then caught up with the changes of seq > the last
 * applied one (new rows added, tombstones applied); rebuilt when the session's generation changed
 * (reembed) or its rows were deleted. Syncs of one index run one after another, so two searches
 * never apply the same change twice. After a build that inserted ≥ SNAPSHOT_MIN_POINTS points it
 * saves a snapshot, so the next cold instance loads instead of inserting.
 */
export class CaughtUpHnswIndex implements SessionVectorIndex {
  private index: HnswIndex;
  private readonly fields = new Map<number, DocFilterFields>();
  private readonly words = new KeywordIndex();
  private seq = 0;
  private generation: number | undefined;
  private readonly syncs = new SerialQueue();
  private released = false;
  lastBuild: BuildReport | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly sessionId: string,
    private readonly embedder: { id: string; dimension: number },
    private readonly params: ResolvedHnsw,
    private readonly logger?: Logger,
  ) {
    this.index = createIndex(embedder.dimension, params);
  }

  get size(): number {
    return this.fields.size;
  }

  sync(): Promise<void> {
    return this.syncs.run(() => this.catchUp());
  }

  async nearest(vector: number[], k: number, allowed: (fields: DocFilterFields) => boolean): Promise<Neighbour[]> {
    if (this.fields.size === 0 || this.released) return [];
    const filter = (label: number): boolean => {
      const f = this.fields.get(label);
      return f !== undefined && allowed(f);
    };
    // hnswlib applies the filter inside the graph walk, so k allowed hits come back even when selective.
    const res = this.index.searchKnn(vector, Math.min(k, this.index.getMaxElements()), filter);
    return res.neighbors.map((label, i) => ({ label, distance: res.distances[i] }));
  }

  keyword(terms: WeightedTerm[], k: number, allowed?: (fields: DocFilterFields) => boolean): KeywordHit[] {
    if (this.released) return [];
    const filter = allowed && ((label: number): boolean => {
      const f = this.fields.get(label);
      return f !== undefined && allowed(f);
    });
    return this.words.search(terms, k, filter);
  }

  release(): Promise<void> {
    return this.syncs.run(() => {
      if (this.released) return;
      this.released = true;
      releaseIndex(this.index);
      this.fields.clear();
      this.words.clear();
    });
  }

  private async catchUp(): Promise<void> {
    if (this.released) return;
    // The common case costs one query: nothing changed since the last sync.
    const head = await readSessionRow(this.pool, this.sessionId);
    if (head && head.generation === this.generation && head.seq === this.seq) return;
    const client = await this.pool.connect();
    let build: BuildReport | undefined;
    let broken: Error | undefined;
    try {
      // One snapshot of the database: the seq read here bounds exactly the changes the reads below see.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const row = await readSessionRow(client, this.sessionId);
      if (row && row.embedder !== this.embedder.id) throw new EmbedderMismatchError(this.sessionId, row, { embedder: this.embedder.id, dimension: this.embedder.dimension });
      if (!row) this.reset(); // the session's memory was deleted
      else if (row.generation !== this.generation) build = await this.build(client, row);
      else this.apply(await changesSince(client, this.sessionId, this.seq, row.seq));
      await client.query("COMMIT");
      this.seq = row?.seq ?? 0;
      this.generation = row?.generation;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
    if (build) {
      this.lastBuild = build;
      if (build.inserted >= SNAPSHOT_MIN_POINTS) await this.saveSnapshot().catch((err: unknown) => this.logger?.warn({ err, sessionId: this.sessionId }, "memory index snapshot not saved"));
    }
  }

  /** A full build: the newest usable snapshot plus the rows newer than it, or every row. */
  private async build(client: pg.PoolClient, row: SessionRow): Promise<BuildReport> {
    const started = performance.now();
    this.reset();
    const snapshot = await readSnapshot(client, this.sessionId, row.generation, row.seq, this.params);
    if (snapshot) {
      const live = await liveFields(client, this.sessionId, row.seq);
      const loaded = await withTempFile((file) => writeFile(file, snapshot.data).then(() => loadIndex(file, this.embedder.dimension, this.params.ef)));
      releaseIndex(this.index);
      this.index = loaded;
      // Deleted since the snapshot: in the index, no longer in the rows.
      for (const label of this.index.getIdsList()) {
        if (live.has(label)) continue;
        try {
          this.index.markDelete(label);
        } catch {
          // already marked deleted in the snapshot
        }
      }
      const newer = await changesSince(client, this.sessionId, snapshot.seq, row.seq);
      for (const [label, f] of live) this.fields.set(label, { entity_id: f.entity_id, scope: f.scope, visibility: f.visibility });
      this.words.add([...live].map(([label, f]) => ({ label, content: f.content })));
      this.apply({ points: newer.points, removed: [] });
      return { points: this.fields.size, inserted: newer.points.length, fromSnapshot: true, ms: performance.now() - started };
    }
    const all = await changesSince(client, this.sessionId, 0, row.seq);
    this.apply(all);
    return { points: this.fields.size, inserted: all.points.length, fromSnapshot: false, ms: performance.now() - started };
  }

  private async saveSnapshot(): Promise<void> {
    if (this.released || this.generation === undefined) return;
    const [generation, seq] = [this.generation, this.seq];
    const data = await withTempFile(async (file) => {
      await this.index.writeIndex(file);
      return readFile(file);
    });
    await writeSnapshot(this.pool, this.sessionId, { generation, seq, M: this.params.M, efConstruction: this.params.efConstruction, data });
  }

  private reset(): void {
    this.fields.clear();
    this.words.clear();
    if (this.index.getCurrentCount() === 0) return;
    releaseIndex(this.index);
    this.index = createIndex(this.embedder.dimension, this.params);
  }

  private apply({ points, removed }: { points: IndexedPoint[]; removed: number[] }): void {
    ensureCapacity(this.index, points.length);
    for (const p of points) {
      this.index.addPoint(p.vector, p.label);
      this.fields.set(p.label, { entity_id: p.entity_id, scope: p.scope, visibility: p.visibility });
    }
    this.words.add(points);
    for (const label of removed) {
      if (!this.fields.delete(label)) continue; // never indexed here (added and removed since the last sync)
      this.index.markDelete(label);
    }
    this.words.remove(removed);
  }
}

async function withTempFile<T>(fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qs-memidx-"));
  try {
    return await fn(path.join(dir, "index.hnsw"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
