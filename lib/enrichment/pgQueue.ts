import type pg from "pg";
import { withSetupLock } from "../postgres/pool.ts";
import { fromRow, HELD, type EnrichmentResult, type EnrichmentStore, type EnrichmentTask, type NewEnrichmentTask, type Row, type TaskStatus } from "./queue.ts";

/** A claimed task whose instance stopped answering is claimed again after this long (longer than any turn or model call). */
const LEASE_MS = 10 * 60_000;

const SCHEMA = `CREATE TABLE IF NOT EXISTS qs_enrichment_tasks (
  id SERIAL PRIMARY KEY, session_id TEXT NOT NULL, memory_id TEXT NOT NULL,
  entity_id TEXT NOT NULL, content TEXT NOT NULL, "from" TEXT NOT NULL, "to" TEXT NOT NULL,
  reason TEXT NOT NULL, guess_type TEXT, guess_confidence DOUBLE PRECISION, turn INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued', attempts INTEGER NOT NULL DEFAULT 0, error TEXT, result TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, next_attempt_at BIGINT NOT NULL DEFAULT 0,
  lease_until BIGINT NOT NULL DEFAULT 0,
  UNIQUE (session_id, memory_id, "from", "to"));
CREATE INDEX IF NOT EXISTS qs_enrichment_due ON qs_enrichment_tasks (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS qs_enrichment_session ON qs_enrichment_tasks (session_id)`;

/** BIGINT comes back as text from node-postgres: read it as a number (all values are below 2^53). */
const COLUMNS = `id, session_id, memory_id, entity_id, content, "from", "to", reason, guess_type, guess_confidence, turn,
  status, attempts, error, result, created_at, updated_at, next_attempt_at::float8 AS next_attempt_at`;

const INSERT_COLUMNS = `session_id, memory_id, entity_id, content, "from", "to", reason, guess_type, guess_confidence, turn, created_at, updated_at, next_attempt_at`;

/**
 * The enrichment queue shared by every instance (QS_DATABASE_URL): a task is claimed with
 * `FOR UPDATE SKIP LOCKED`, so two workers never take the same one, and a claim carries a lease: if
 * its instance dies, another claims the task again once the lease runs out.
 */
export class PostgresEnrichmentQueue implements EnrichmentStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Creates the table (under the set-up lock: instances may start together). */
  static async setup(pool: pg.Pool): Promise<void> {
    await withSetupLock(pool, (client) => client.query(SCHEMA));
  }

  async enqueue(tasks: NewEnrichmentTask[], now = new Date()): Promise<number> {
    if (tasks.length === 0) return 0;
    const at = now.toISOString();
    const values: unknown[] = [];
    const rows = tasks.map((t, i) => {
      values.push(t.session_id, t.memory_id, t.entity_id, t.content, t.from, t.to, t.reason, t.guess_type ?? null, t.guess_confidence ?? null, t.turn, at, at, HELD);
      return `(${Array.from({ length: 13 }, (_, k) => `$${i * 13 + k + 1}`).join(", ")})`;
    });
    const { rowCount } = await this.pool.query(`INSERT INTO qs_enrichment_tasks (${INSERT_COLUMNS}) VALUES ${rows.join(", ")} ON CONFLICT DO NOTHING`, values);
    return rowCount ?? 0;
  }

  release(sessionId: string): Promise<number> {
    return this.count("UPDATE qs_enrichment_tasks SET next_attempt_at = 0 WHERE session_id = $1 AND status = 'queued' AND next_attempt_at = $2", [sessionId, HELD]);
  }

  dropHeld(sessionId: string): Promise<number> {
    return this.count("DELETE FROM qs_enrichment_tasks WHERE session_id = $1 AND status = 'queued' AND next_attempt_at = $2", [sessionId, HELD]);
  }

  async claimNext(now = Date.now()): Promise<EnrichmentTask | undefined> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE qs_enrichment_tasks SET status = 'running', attempts = attempts + 1, updated_at = $2, lease_until = $3
       WHERE id = (SELECT id FROM qs_enrichment_tasks
         WHERE (status = 'queued' AND next_attempt_at <= $1) OR (status = 'running' AND lease_until < $1)
         ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, new Date(now).toISOString(), now + LEASE_MS],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async complete(id: number, result: EnrichmentResult): Promise<void> {
    await this.pool.query("UPDATE qs_enrichment_tasks SET status = 'done', result = $1, error = NULL, updated_at = $2 WHERE id = $3", [JSON.stringify(result), new Date().toISOString(), id]);
  }

  async fail(id: number, error: string, retryAt?: number): Promise<void> {
    const status: TaskStatus = retryAt === undefined ? "failed" : "queued";
    await this.pool.query("UPDATE qs_enrichment_tasks SET status = $1, error = $2, next_attempt_at = $3, updated_at = $4 WHERE id = $5", [
      status,
      error.slice(0, 500),
      retryAt ?? 0,
      new Date().toISOString(),
      id,
    ]);
  }

  /**
   * Other instances may be running tasks and playing turns right now, so nothing is taken from
   * them: running tasks come back through their lease, and only tasks held longer than a lease
   * (a turn that died before it released them) are made due.
   */
  requeueRunning(): Promise<number> {
    const stale = new Date(Date.now() - LEASE_MS).toISOString();
    return this.count("UPDATE qs_enrichment_tasks SET next_attempt_at = 0 WHERE status = 'queued' AND next_attempt_at = $1 AND created_at < $2", [HELD, stale]);
  }

  async nextDueAt(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ due: number | null }>(
      "SELECT MIN(next_attempt_at)::float8 AS due FROM qs_enrichment_tasks WHERE status = 'queued' AND next_attempt_at < $1",
      [HELD],
    );
    return rows[0].due ?? undefined;
  }

  async forSession(sessionId: string): Promise<{ counts: Record<TaskStatus, number>; tasks: EnrichmentTask[] }> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM qs_enrichment_tasks WHERE session_id = $1 ORDER BY id`, [sessionId]);
    const counts: Record<TaskStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) counts[r.status]++;
    return { counts, tasks: rows.map(fromRow) };
  }

  deleteAfterTurn(sessionId: string, turn: number): Promise<number> {
    return this.count("DELETE FROM qs_enrichment_tasks WHERE session_id = $1 AND turn > $2", [sessionId, turn]);
  }

  copyUnfinished(fromId: string, toId: string, upTo: number, now = new Date()): Promise<number> {
    const at = now.toISOString();
    return this.count(
      `INSERT INTO qs_enrichment_tasks (${INSERT_COLUMNS})
       SELECT $1, memory_id, entity_id, content, "from", "to", reason, guess_type, guess_confidence, turn, $2, $2, 0
       FROM qs_enrichment_tasks WHERE session_id = $3 AND turn <= $4 AND status != 'done' ON CONFLICT DO NOTHING`,
      [toId, at, fromId, upTo],
    );
  }

  deleteSession(sessionId: string): Promise<number> {
    return this.count("DELETE FROM qs_enrichment_tasks WHERE session_id = $1", [sessionId]);
  }

  /** The pool belongs to the engine's storage, which closes it. */
  async close(): Promise<void> {}

  private async count(sql: string, args: unknown[]): Promise<number> {
    return (await this.pool.query(sql, args)).rowCount ?? 0;
  }
}
