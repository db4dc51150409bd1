import type pg from "pg";
import type { BackendOpenOptions, MemoryBackend } from "./backend.ts";
import { embedChecked } from "./hnsw.ts";
import { countDocs, readSessionRow } from "./pgDocs.ts";
import { inTransaction, setupMemorySchema, vectorToBytes } from "./pgSchema.ts";
import { PgSessionMemory } from "./pgStore.ts";
import type { ReembedOptions, ReembedResult } from "./reembed.ts";
import type { SessionMemory } from "./session.ts";

/**
 * Memory documents and vectors in PostgreSQL (QS_DATABASE_URL), shared by every instance; each
 * instance caches only the hnswlib index of the sessions it has open (see pgMemoryIndex.ts). The
 * schema is created on first use, under the set-up advisory lock, so instances may start together.
 */
export class PostgresMemoryBackend implements MemoryBackend {
  readonly kind = "postgres";
  private schema: Promise<void> | undefined;

  constructor(private readonly db: pg.Pool) {}

  /** Creates the tables if missing (idempotent); every other method waits for it. */
  ready(): Promise<void> {
    this.schema ??= setupMemorySchema(this.db).catch((error: unknown) => {
      this.schema = undefined; // let a later call try again (e.g. the server was still starting)
      throw error;
    });
    return this.schema;
  }

  async open(opts: BackendOpenOptions): Promise<SessionMemory> {
    await this.ready();
    return PgSessionMemory.open(this.db, opts);
  }

  async countUnopened(sessionId: string): Promise<number> {
    await this.ready();
    return countDocs(this.db, sessionId);
  }

  /** Removes the session's row; its documents, vectors and tombstones go with it (ON DELETE CASCADE). */
  async delete(sessionId: string): Promise<void> {
    await this.ready();
    await this.db.query("DELETE FROM memory_sessions WHERE session_id = $1", [sessionId]);
  }

  /** Copies rows and vectors in SQL (nothing is embedded again); a previous copy to `toId` is replaced. */
  async copyUpTo(fromId: string, toId: string, upToTurn: number): Promise<void> {
    await this.ready();
    await inTransaction(this.db, async (client) => {
      const source = await client.query("SELECT 1 FROM memory_sessions WHERE session_id = $1 FOR SHARE", [fromId]);
      if (source.rows.length === 0) return; // the source has no memory yet
      // A fresh generation: an instance that had an earlier `toId` open rebuilds instead of catching up.
      const previous = await client.query<{ generation: number }>("DELETE FROM memory_sessions WHERE session_id = $1 RETURNING generation", [toId]);
      await client.query(
        `INSERT INTO memory_sessions (session_id, embedder, dimension, generation, seq, next_label)
         SELECT $2, embedder, dimension, $3, seq, next_label FROM memory_sessions WHERE session_id = $1`,
        [fromId, toId, (previous.rows[0]?.generation ?? 0) + 1],
      );
      await client.query(
        `INSERT INTO memory_docs (session_id, seq, label, id, entity_id, content, scope, visibility, importance, related_entities, turn, created_at, source_id)
         SELECT $2, seq, label, id, entity_id, content, scope, visibility, importance, related_entities, turn, created_at, source_id
         FROM memory_docs WHERE session_id = $1 AND (turn <= $3 OR source_id IS NOT NULL)`,
        [fromId, toId, upToTurn],
      );
      await client.query(
        `INSERT INTO memory_embeddings (session_id, label, vector)
         SELECT $2, e.label, e.vector FROM memory_embeddings e JOIN memory_docs d ON d.session_id = $2 AND d.label = e.label WHERE e.session_id = $1`,
        [fromId, toId],
      );
    });
  }

  /**
   * Re-embeds every document in one transaction holding the session's row lock (writers of the
   * session wait), then bumps its generation so every instance rebuilds its index from the new vectors.
   */
  async reembed(opts: Omit<ReembedOptions, "dataDir">): Promise<ReembedResult> {
    await this.ready();
    return inTransaction(this.db, async (client) => {
      const locked = await client.query("SELECT 1 FROM memory_sessions WHERE session_id = $1 FOR UPDATE", [opts.sessionId]);
      const previous = await readSessionRow(client, opts.sessionId);
      if (locked.rows.length === 0 || !previous) throw new Error(`session ${opts.sessionId} has no memory in the database`);
      const dimension = opts.dimension ?? (await opts.embeddings.embedQuery("dimension probe")).length;
      const docs = await client.query<{ label: number; content: string }>("SELECT label, content FROM memory_docs WHERE session_id = $1 ORDER BY label", [opts.sessionId]);
      const total = docs.rows.length;
      for (let i = 0; i < total; i += 256) {
        const page = docs.rows.slice(i, i + 256);
        const vectors = await embedChecked(opts.embeddings, page.map((d) => d.content), dimension, (got) => new Error(`embedder returned ${got}-d vectors, expected ${dimension}`));
        await client.query(
          `UPDATE memory_embeddings e SET vector = v.vector FROM unnest($2::int[], $3::bytea[]) AS v(label, vector)
           WHERE e.session_id = $1 AND e.label = v.label`,
          [opts.sessionId, page.map((d) => d.label), vectors.map(vectorToBytes)],
        );
        opts.onProgress?.(Math.min(i + 256, total), total);
      }
      await client.query("UPDATE memory_sessions SET embedder = $2, dimension = $3, generation = generation + 1, seq = seq + 1 WHERE session_id = $1", [
        opts.sessionId, opts.embedderId, dimension,
      ]);
      return { count: total, previous: { embedder: previous.embedder, dimension: previous.dimension }, embedder: opts.embedderId, dimension };
    });
  }
}
