import type pg from "pg";
import { withSetupLock } from "../postgres/pool.ts";
import type { SessionIndex, SessionSummary } from "./sessionIndex.ts";

/** The summary's columns: the owner column stays inside the server (never in a session view). */
const SUMMARY_COLUMNS = "id, scenario, title, created_at, updated_at, turn";

/** Timestamps stay ISO strings (as in SQLite): they are compared and shown as written. */
const SCHEMA = `CREATE TABLE IF NOT EXISTS qs_sessions (
  id TEXT PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, turn INTEGER NOT NULL DEFAULT 0,
  owner TEXT, status TEXT NOT NULL DEFAULT 'active');
CREATE INDEX IF NOT EXISTS qs_sessions_by_owner ON qs_sessions (owner, updated_at);
CREATE INDEX IF NOT EXISTS qs_sessions_by_update ON qs_sessions (status, updated_at DESC, id);
ALTER TABLE qs_sessions ADD COLUMN IF NOT EXISTS card_book TEXT`;

/** The shared index of the Postgres back end (QS_DATABASE_URL): every instance sees every session. */
export class PostgresSessionIndex implements SessionIndex {
  private constructor(private readonly pool: pg.Pool) {}

  /** Creates the table if needed (under the set-up lock: instances may start together). */
  static async open(pool: pg.Pool): Promise<PostgresSessionIndex> {
    await withSetupLock(pool, (client) => client.query(SCHEMA));
    return new PostgresSessionIndex(pool);
  }

  async insert(row: SessionSummary, owner: string | null = null, cardBook: string | null = null): Promise<void> {
    await this.pool.query(
      "INSERT INTO qs_sessions (id, scenario, title, created_at, updated_at, turn, owner, card_book) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [row.id, row.scenario, row.title, row.created_at, row.updated_at, row.turn, owner, cardBook],
    );
  }

  async cardBook(id: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ card_book: string | null }>("SELECT card_book FROM qs_sessions WHERE id = $1 AND status = 'active'", [id]);
    return rows[0]?.card_book ?? undefined;
  }

  async get(id: string): Promise<SessionSummary | undefined> {
    const { rows } = await this.pool.query<SessionSummary>(`SELECT ${SUMMARY_COLUMNS} FROM qs_sessions WHERE id = $1 AND status = 'active'`, [id]);
    return rows[0];
  }

  async ownerOf(id: string): Promise<string | null | undefined> {
    const { rows } = await this.pool.query<{ owner: string | null }>("SELECT owner FROM qs_sessions WHERE id = $1 AND status = 'active'", [id]);
    return rows[0] ? rows[0].owner : undefined;
  }

  async list(limit = 100, offset = 0, filter: { owner?: string | null } = {}): Promise<{ items: SessionSummary[]; total: number }> {
    const byOwner = filter.owner !== undefined;
    // `IS NOT DISTINCT FROM`: SQLite's `owner IS ?`, where NULL matches the ownerless sessions.
    const where = byOwner ? "WHERE status = 'active' AND owner IS NOT DISTINCT FROM $1" : "WHERE status = 'active'";
    const args: unknown[] = byOwner ? [filter.owner] : [];
    const n = args.length;
    const [page, total] = await Promise.all([
      this.pool.query<SessionSummary>(
        `SELECT ${SUMMARY_COLUMNS} FROM qs_sessions ${where} ORDER BY updated_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...args, limit, offset],
      ),
      this.pool.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM qs_sessions ${where}`, args),
    ]);
    return { items: page.rows, total: total.rows[0].n };
  }

  async countOwnedBy(owner: string | null): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      "SELECT COUNT(*)::int AS n FROM qs_sessions WHERE owner IS NOT DISTINCT FROM $1 AND status = 'active'",
      [owner],
    );
    return rows[0].n;
  }

  async recordTurn(id: string, turn: number, at: string): Promise<void> {
    await this.pool.query("UPDATE qs_sessions SET turn = $1, updated_at = $2 WHERE id = $3 AND status = 'active'", [turn, at, id]);
  }

  async markDeleting(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("UPDATE qs_sessions SET status = 'deleting' WHERE id = $1 AND status = 'active'", [id]);
    return (rowCount ?? 0) > 0;
  }

  async deleting(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>("SELECT id FROM qs_sessions WHERE status = 'deleting'");
    return rows.map((r) => r.id);
  }

  async allIds(): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ id: string }>("SELECT id FROM qs_sessions");
    return new Set(rows.map((r) => r.id));
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("DELETE FROM qs_sessions WHERE id = $1", [id]);
    return (rowCount ?? 0) > 0;
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM qs_sessions WHERE status = 'active'");
    return rows[0].n;
  }

  /** The pool belongs to the engine's storage, which closes it. */
  async close(): Promise<void> {}
}
