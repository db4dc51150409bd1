import Database from "better-sqlite3";

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
 * read every thread's state.
 */
export class SessionIndex {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, turn INTEGER NOT NULL DEFAULT 0)`);
  }

  insert(row: SessionSummary): void {
    this.db
      .prepare("INSERT INTO sessions (id, scenario, title, created_at, updated_at, turn) VALUES (@id, @scenario, @title, @created_at, @updated_at, @turn)")
      .run(row);
  }

  get(id: string): SessionSummary | undefined {
    return this.db.prepare("SELECT * FROM sessions WHERE id = ?").get(id) as SessionSummary | undefined;
  }

  list(limit = 100, offset = 0): { items: SessionSummary[]; total: number } {
    const items = this.db.prepare("SELECT * FROM sessions ORDER BY updated_at DESC, id LIMIT ? OFFSET ?").all(limit, offset) as SessionSummary[];
    const { n } = this.db.prepare("SELECT COUNT(*) AS n FROM sessions").get() as { n: number };
    return { items, total: n };
  }

  recordTurn(id: string, turn: number, at: string): void {
    this.db.prepare("UPDATE sessions SET turn = ?, updated_at = ? WHERE id = ?").run(turn, at, id);
  }

  delete(id: string): boolean {
    return this.db.prepare("DELETE FROM sessions WHERE id = ?").run(id).changes > 0;
  }

  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM sessions").get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
