import Database from "better-sqlite3";

const COLUMNS = "id, scenario, title, created_at, updated_at, turn";

/** One row of the session list; the story itself lives in the checkpoints. */
export interface SessionSummary {
  id: string;
  scenario: string;
  title: string;
  created_at: string;
  updated_at: string;
  turn: number;
}

/**
 * A small SQLite index of sessions beside the checkpoints, so listing sessions never has to
 * read every thread's state. A row is `active`, or `deleting` from the moment a delete starts:
 * such a session is gone for every reader (get/list/count), and a delete interrupted by a crash
 * is finished at start-up from `deleting()`.
 */
export class SessionIndex {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, turn INTEGER NOT NULL DEFAULT 0)`);
    const columns = this.db.prepare("SELECT name FROM pragma_table_info('sessions')").pluck().all() as string[];
    if (!columns.includes("status")) this.db.exec("ALTER TABLE sessions ADD COLUMN status TEXT NOT NULL DEFAULT 'active'");
  }

  insert(row: SessionSummary): void {
    this.db
      .prepare("INSERT INTO sessions (id, scenario, title, created_at, updated_at, turn) VALUES (@id, @scenario, @title, @created_at, @updated_at, @turn)")
      .run(row);
  }

  get(id: string): SessionSummary | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE id = ? AND status = 'active'`).get(id) as SessionSummary | undefined;
  }

  list(limit = 100, offset = 0): { items: SessionSummary[]; total: number } {
    const items = this.db
      .prepare(`SELECT ${COLUMNS} FROM sessions WHERE status = 'active' ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`)
      .all(limit, offset) as SessionSummary[];
    return { items, total: this.count() };
  }

  recordTurn(id: string, turn: number, at: string): void {
    this.db.prepare("UPDATE sessions SET turn = ?, updated_at = ? WHERE id = ? AND status = 'active'").run(turn, at, id);
  }

  /** First step of a delete: the session is gone for readers from here on. False if it was not active. */
  markDeleting(id: string): boolean {
    return this.db.prepare("UPDATE sessions SET status = 'deleting' WHERE id = ? AND status = 'active'").run(id).changes > 0;
  }

  /** Sessions whose delete started but did not finish (a crash): to be completed at start-up. */
  deleting(): string[] {
    return this.db.prepare("SELECT id FROM sessions WHERE status = 'deleting'").pluck().all() as string[];
  }

  /** Every id with a row, active or being deleted. */
  allIds(): Set<string> {
    return new Set(this.db.prepare("SELECT id FROM sessions").pluck().all() as string[]);
  }

  delete(id: string): boolean {
    return this.db.prepare("DELETE FROM sessions WHERE id = ?").run(id).changes > 0;
  }

  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE status = 'active'").get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
