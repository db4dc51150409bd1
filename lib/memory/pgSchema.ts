import type pg from "pg";
import { withSetupLock } from "../postgres/pool.ts";

/*
 * Memory on PostgreSQL: the rows are the source of truth, one table per concern, every row keyed
 * by session id. `memory_sessions.seq` is the session's change counter: every write takes it (an
 * UPDATE, so the row lock makes writers of one session commit in seq order) and stamps its rows
 * with it; deletes leave tombstones with their own seq. An instance's in-memory index remembers the
 * last seq it applied and catches up with `seq > last` (pgMemoryIndex.ts). `generation` changes
 * when every vector changed (reembed): instances then rebuild instead of catching up.
 * `memory_index_snapshots` is a derived cache, never the truth: an hnswlib index file as of
 * (generation, seq), so a cold instance loads a big session's index instead of rebuilding it.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS memory_sessions (
  session_id text PRIMARY KEY,
  embedder text NOT NULL,
  dimension integer NOT NULL,
  generation integer NOT NULL DEFAULT 1,
  seq bigint NOT NULL DEFAULT 0,
  next_label integer NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS memory_docs (
  session_id text NOT NULL REFERENCES memory_sessions ON DELETE CASCADE,
  label integer NOT NULL,
  id text NOT NULL,
  entity_id text NOT NULL,
  content text NOT NULL,
  scope text NOT NULL,
  visibility text NOT NULL,
  importance double precision NOT NULL,
  related_entities jsonb NOT NULL DEFAULT '[]',
  turn integer NOT NULL,
  created_at text NOT NULL,
  source_id text,
  seq bigint NOT NULL,
  PRIMARY KEY (session_id, label),
  UNIQUE (session_id, id),
  UNIQUE (session_id, source_id)
);
CREATE INDEX IF NOT EXISTS memory_docs_seq ON memory_docs (session_id, seq);
CREATE INDEX IF NOT EXISTS memory_docs_turn ON memory_docs (session_id, turn);
CREATE TABLE IF NOT EXISTS memory_embeddings (
  session_id text NOT NULL,
  label integer NOT NULL,
  vector bytea NOT NULL,
  PRIMARY KEY (session_id, label),
  FOREIGN KEY (session_id, label) REFERENCES memory_docs ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS memory_tombstones (
  session_id text NOT NULL REFERENCES memory_sessions ON DELETE CASCADE,
  label integer NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (session_id, label)
);
CREATE INDEX IF NOT EXISTS memory_tombstones_seq ON memory_tombstones (session_id, seq);
CREATE TABLE IF NOT EXISTS memory_index_snapshots (
  session_id text PRIMARY KEY REFERENCES memory_sessions ON DELETE CASCADE,
  generation integer NOT NULL,
  seq bigint NOT NULL,
  m integer NOT NULL,
  ef_construction integer NOT NULL,
  data bytea NOT NULL
);
`;

/** Creates the memory tables if missing; idempotent, under the schema set-up advisory lock. */
export async function setupMemorySchema(pool: pg.Pool): Promise<void> {
  await withSetupLock(pool, async (client) => {
    await client.query(SCHEMA);
  });
}

/** A vector as stored: float32, little-endian (1 KB for 256 dimensions). */
export function vectorToBytes(vector: number[]): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes;
}

export function bytesToVector(bytes: Buffer): number[] {
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** Runs `fn` in a transaction on one connection of the pool. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    try {
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A connection that cannot even roll back is destroyed, not handed to the next caller.
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
