import type pg from "pg";
import { rowToDoc, type DocFilterFields, type NewDoc } from "./docs.ts";
import { bytesToVector, vectorToBytes } from "./pgSchema.ts";
import type { MemoryDoc, MemoryScope, Visibility } from "./types.ts";

/** SQL over the memory tables of pgSchema.ts; every statement names exactly one session. */

type Queryable = pg.Pool | pg.PoolClient;

interface DocRow {
  label: number;
  id: string;
  entity_id: string;
  content: string;
  scope: string;
  visibility: string;
  importance: number;
  related_entities: string[];
  turn: number;
  created_at: string;
  source_id: string | null;
}

const DOC_COLUMNS = "label, id, entity_id, content, scope, visibility, importance, related_entities, turn, created_at, source_id";


/** The session's row: embedder, vector length, generation and its last change. */
export interface SessionRow {
  embedder: string;
  dimension: number;
  generation: number;
  seq: number;
}

export async function readSessionRow(db: Queryable, sessionId: string): Promise<SessionRow | undefined> {
  const res = await db.query<{ embedder: string; dimension: number; generation: number; seq: string }>(
    "SELECT embedder, dimension, generation, seq FROM memory_sessions WHERE session_id = $1",
    [sessionId],
  );
  const r = res.rows[0];
  return r && { embedder: r.embedder, dimension: r.dimension, generation: r.generation, seq: Number(r.seq) };
}

/** Creates the session's row if missing (first open) and returns it. */
export async function ensureSessionRow(db: Queryable, sessionId: string, embedder: string, dimension: number): Promise<SessionRow> {
  await db.query("INSERT INTO memory_sessions (session_id, embedder, dimension) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING", [sessionId, embedder, dimension]);
  const row = await readSessionRow(db, sessionId);
  if (!row) throw new Error(`memory of session ${sessionId} was deleted while opening`);
  return row;
}

/**
 * Takes the session's next change number and `labels` fresh labels. The UPDATE locks the session's
 * row until the transaction ends, so writers of one session commit in the order of their seq: a
 * reader that sees seq n has every change ≤ n.
 */
async function nextChange(client: pg.PoolClient, sessionId: string, labels: number): Promise<{ seq: number; firstLabel: number }> {
  const res = await client.query<{ seq: string; first: number }>(
    "UPDATE memory_sessions SET seq = seq + 1, next_label = next_label + $2 WHERE session_id = $1 RETURNING seq, next_label - $2 AS first",
    [sessionId, labels],
  );
  if (res.rows.length === 0) throw new Error(`memory of session ${sessionId} was deleted`);
  return { seq: Number(res.rows[0].seq), firstLabel: res.rows[0].first };
}

/**
 * Inserts docs and their vectors (in one transaction, the caller's); source_id duplicates are
 * skipped. `keepLabels`: the docs' labels from elsewhere (copyToPostgres) instead of fresh ones.
 */
export async function insertDocs(client: pg.PoolClient, sessionId: string, docs: NewDoc[], vectors: number[][], keepLabels?: number[]): Promise<MemoryDoc[]> {
  const { seq, firstLabel } = await nextChange(client, sessionId, keepLabels ? 0 : docs.length);
  const labels = keepLabels ?? docs.map((_, i) => firstLabel + i);
  if (keepLabels) await client.query("UPDATE memory_sessions SET next_label = GREATEST(next_label, $2) WHERE session_id = $1", [sessionId, Math.max(0, ...keepLabels) + 1]);
  const res = await client.query<{ label: number }>(
    `INSERT INTO memory_docs (session_id, seq, ${DOC_COLUMNS})
     SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::jsonb[], $11::int[], $12::text[], $13::text[])
     ON CONFLICT (session_id, source_id) DO NOTHING RETURNING label`,
    [
      sessionId, seq, labels,
      docs.map((d) => d.id), docs.map((d) => d.entity_id), docs.map((d) => d.content), docs.map((d) => d.scope), docs.map((d) => d.visibility),
      docs.map((d) => d.importance), docs.map((d) => JSON.stringify(d.related_entities)), docs.map((d) => d.turn), docs.map((d) => d.created_at),
      docs.map((d) => d.source_id ?? null),
    ],
  );
  const stored = new Set(res.rows.map((r) => r.label));
  const kept = labels.map((label, i) => ({ label, i })).filter((x) => stored.has(x.label));
  await client.query("INSERT INTO memory_embeddings (session_id, label, vector) SELECT $1, * FROM unnest($2::int[], $3::bytea[])", [
    sessionId, kept.map((x) => x.label), kept.map((x) => vectorToBytes(vectors[x.i])),
  ]);
  return kept.map(({ label, i }) => ({ ...docs[i], label }));
}

/** Deletes the turn-written memories of turns after `turn` (imports are kept), leaving tombstones. */
export async function deleteAfterTurn(client: pg.PoolClient, sessionId: string, turn: number): Promise<number> {
  const doomed = await client.query("SELECT 1 FROM memory_docs WHERE session_id = $1 AND turn > $2 AND source_id IS NULL LIMIT 1", [sessionId, turn]);
  if (doomed.rows.length === 0) return 0; // nothing to remove: no change number taken
  const { seq } = await nextChange(client, sessionId, 0);
  const res = await client.query(
    `WITH gone AS (DELETE FROM memory_docs WHERE session_id = $1 AND turn > $2 AND source_id IS NULL RETURNING label)
     INSERT INTO memory_tombstones (session_id, label, seq) SELECT $1, label, $3 FROM gone`,
    [sessionId, turn, seq],
  );
  return res.rowCount ?? 0;
}

/** Which of these source ids the session already holds. */
export async function existingSourceIds(db: Queryable, sessionId: string, sourceIds: string[]): Promise<Set<string>> {
  const res = await db.query<{ source_id: string }>("SELECT source_id FROM memory_docs WHERE session_id = $1 AND source_id = ANY($2::text[])", [sessionId, sourceIds]);
  return new Set(res.rows.map((r) => r.source_id));
}

export async function docsByLabels(db: Queryable, sessionId: string, labels: number[]): Promise<MemoryDoc[]> {
  const res = await db.query<DocRow>(`SELECT ${DOC_COLUMNS} FROM memory_docs WHERE session_id = $1 AND label = ANY($2::int[])`, [sessionId, labels]);
  return res.rows.map(rowToDoc);
}

export async function docsByIds(db: Queryable, sessionId: string, ids: string[]): Promise<MemoryDoc[]> {
  const res = await db.query<DocRow>(`SELECT ${DOC_COLUMNS} FROM memory_docs WHERE session_id = $1 AND id = ANY($2::text[])`, [sessionId, ids]);
  return res.rows.map(rowToDoc);
}

/** Newest first (turn, then insertion order), optionally filtered. */
export async function listDocs(
  db: Queryable,
  sessionId: string,
  q: { entity_id?: string; scope?: MemoryScope; limit: number; offset: number },
): Promise<{ items: MemoryDoc[]; total: number }> {
  const where = "session_id = $1 AND ($2::text IS NULL OR entity_id = $2) AND ($3::text IS NULL OR scope = $3)";
  const params = [sessionId, q.entity_id ?? null, q.scope ?? null];
  const [total, rows] = await Promise.all([
    db.query<{ n: string }>(`SELECT count(*) AS n FROM memory_docs WHERE ${where}`, params),
    db.query<DocRow>(`SELECT ${DOC_COLUMNS} FROM memory_docs WHERE ${where} ORDER BY turn DESC, label DESC LIMIT $4 OFFSET $5`, [...params, q.limit, q.offset]),
  ]);
  return { items: rows.rows.map(rowToDoc), total: Number(total.rows[0].n) };
}

export async function countDocs(db: Queryable, sessionId: string): Promise<number> {
  const res = await db.query<{ n: string }>("SELECT count(*) AS n FROM memory_docs WHERE session_id = $1", [sessionId]);
  return Number(res.rows[0].n);
}

/** A vector with the fields search filters on, as the index needs it. */
export interface IndexedPoint extends DocFilterFields {
  label: number;
  vector: number[];
  /** The text, for the keyword side of recall. */
  content: string;
}

/** What changed in a session after `afterSeq` up to `upToSeq`: live points and tombstoned labels. */
export async function changesSince(client: pg.PoolClient, sessionId: string, afterSeq: number, upToSeq: number): Promise<{ points: IndexedPoint[]; removed: number[] }> {
  const points = await client.query<{ label: number; entity_id: string; scope: MemoryScope; visibility: Visibility; content: string; vector: Buffer }>(
    `SELECT d.label, d.entity_id, d.scope, d.visibility, d.content, e.vector FROM memory_docs d JOIN memory_embeddings e USING (session_id, label)
     WHERE d.session_id = $1 AND d.seq > $2 AND d.seq <= $3 ORDER BY d.label`,
    [sessionId, afterSeq, upToSeq],
  );
  const removed = await client.query<{ label: number }>("SELECT label FROM memory_tombstones WHERE session_id = $1 AND seq > $2 AND seq <= $3", [sessionId, afterSeq, upToSeq]);
  return {
    points: points.rows.map((r) => ({ label: r.label, entity_id: r.entity_id, scope: r.scope, visibility: r.visibility, content: r.content, vector: bytesToVector(r.vector) })),
    removed: removed.rows.map((r) => r.label),
  };
}

/** A saved index of the session as of (generation, seq); see pgSchema.ts. */
export interface IndexSnapshot {
  seq: number;
  data: Buffer;
}

export async function readSnapshot(db: Queryable, sessionId: string, generation: number, upToSeq: number, params: { M: number; efConstruction: number }): Promise<IndexSnapshot | undefined> {
  const res = await db.query<{ seq: string; data: Buffer }>(
    "SELECT seq, data FROM memory_index_snapshots WHERE session_id = $1 AND generation = $2 AND seq <= $3 AND m = $4 AND ef_construction = $5",
    [sessionId, generation, upToSeq, params.M, params.efConstruction],
  );
  const r = res.rows[0];
  return r && { seq: Number(r.seq), data: r.data };
}

/** Saves a snapshot unless a newer one of the same generation is there already. */
export async function writeSnapshot(db: Queryable, sessionId: string, s: { generation: number; seq: number; M: number; efConstruction: number; data: Buffer }): Promise<void> {
  await db.query(
    `INSERT INTO memory_index_snapshots AS old (session_id, generation, seq, m, ef_construction, data)
     SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM memory_sessions WHERE session_id = $1)
     ON CONFLICT (session_id) DO UPDATE SET generation = EXCLUDED.generation, seq = EXCLUDED.seq, m = EXCLUDED.m, ef_construction = EXCLUDED.ef_construction, data = EXCLUDED.data
     WHERE old.generation <> EXCLUDED.generation OR old.seq < EXCLUDED.seq`,
    [sessionId, s.generation, s.seq, s.M, s.efConstruction, s.data],
  );
}

/** label → filter fields and text of every live document up to `upToSeq` (no vectors), for a snapshot load. */
export async function liveFields(client: pg.PoolClient, sessionId: string, upToSeq: number): Promise<Map<number, DocFilterFields & { content: string }>> {
  const res = await client.query<{ label: number; entity_id: string; scope: MemoryScope; visibility: Visibility; content: string }>(
    "SELECT label, entity_id, scope, visibility, content FROM memory_docs WHERE session_id = $1 AND seq <= $2",
    [sessionId, upToSeq],
  );
  return new Map(res.rows.map((r) => [r.label, { entity_id: r.entity_id, scope: r.scope, visibility: r.visibility, content: r.content }]));
}
