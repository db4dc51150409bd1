import type Database from "better-sqlite3";
import { openSqlite } from "../common/sqlite.ts";

/** One row of the session list; the story itself lives in the checkpoints. */
export interface SessionSummary {
  id: string;
  scenario: string;
  title: string;
  created_at: string;
  updated_at: string;
  turn: number;
}

/** The summary's columns: the owner column stays inside the server (never in a session view). */
const SUMMARY_COLUMNS = "id, scenario, title, created_at, updated_at, turn";

/**
 * The index of sessions beside the checkpoints, so listing sessions never has to read every
 * thread's state. A row is `active`, or `deleting` from the moment a delete starts: such a session
 * is gone for every reader (get/list/count), and a delete interrupted by a crash is finished at
 * start-up from `deleting()`. Two implementations: SQLite in the data folder (the default) and
 * PostgreSQL (QS_DATABASE_URL, shared by every instance); both pass sessionIndex.contract.test.ts.
 */
export interface SessionIndex {
  /** `cardBook`: the card's lorebook as imported (JSON), for a session started from a card (docs/cards.md, Export). */
  insert(row: SessionSummary, owner?: string | null, cardBook?: string | null): Promise<void>;
  /** The card's lorebook kept with the session (JSON, unvalidated), undefined when none (or no such session). */
  cardBook(id: string): Promise<string | undefined>;
  get(id: string): Promise<SessionSummary | undefined>;
  /** Who owns the session: a key name, null when created without keys, undefined when unknown (or being deleted). */
  ownerOf(id: string): Promise<string | null | undefined>;
  /** Newest first; with `owner`, only that owner's sessions (null = the ownerless ones). */
  list(limit?: number, offset?: number, filter?: { owner?: string | null }): Promise<{ items: SessionSummary[]; total: number }>;
  /** How many sessions the owner has (null = the ownerless ones). */
  countOwnedBy(owner: string | null): Promise<number>;
  recordTurn(id: string, turn: number, at: string): Promise<void>;
  /** First step of a delete: the session is gone for readers from here on. False if it was not active. */
  markDeleting(id: string): Promise<boolean>;
  /** Sessions whose delete started but did not finish (a crash): to be completed at start-up. */
  deleting(): Promise<string[]>;
  /** Every id with a row, active or being deleted. */
  allIds(): Promise<Set<string>>;
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** The embedded index: `sessions.sqlite` in the data folder. */
export class SqliteSessionIndex implements SessionIndex {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqlite(
      file,
      `CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, turn INTEGER NOT NULL DEFAULT 0)`,
    );
    this.addOwnerColumn();
    const columns = this.db.prepare("SELECT name FROM pragma_table_info('sessions')").pluck().all() as string[];
    if (!columns.includes("status")) this.db.exec("ALTER TABLE sessions ADD COLUMN status TEXT NOT NULL DEFAULT 'active'");
    // Older data folders get the column on open; their sessions have no kept book (their export plays the lorebook).
    if (!columns.includes("card_book")) this.db.exec("ALTER TABLE sessions ADD COLUMN card_book TEXT");
  }

  /**
   * The API key name that created each session (NULL: created without keys). Older data folders
   * get the column on open; their sessions stay ownerless, which only an admin key sees.
   */
  private addOwnerColumn(): void {
    const columns = this.db.prepare("PRAGMA table_info(sessions)").all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === "owner")) this.db.exec("ALTER TABLE sessions ADD COLUMN owner TEXT");
    this.db.exec("CREATE INDEX IF NOT EXISTS sessions_by_owner ON sessions (owner, updated_at)");
  }

  async insert(row: SessionSummary, owner: string | null = null, cardBook: string | null = null): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO sessions (id, scenario, title, created_at, updated_at, turn, owner, card_book) VALUES (@id, @scenario, @title, @created_at, @updated_at, @turn, @owner, @cardBook)",
      )
      .run({ ...row, owner, cardBook });
  }

  async cardBook(id: string): Promise<string | undefined> {
    const row = this.db.prepare("SELECT card_book FROM sessions WHERE id = ? AND status = 'active'").get(id) as { card_book: string | null } | undefined;
    return row?.card_book ?? undefined;
  }

  async get(id: string): Promise<SessionSummary | undefined> {
    return this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM sessions WHERE id = ? AND status = 'active'`).get(id) as SessionSummary | undefined;
  }

  /** Who owns the session: a key name, null when created without keys, undefined when unknown (or being deleted). */
  async ownerOf(id: string): Promise<string | null | undefined> {
    const row = this.db.prepare("SELECT owner FROM sessions WHERE id = ? AND status = 'active'").get(id) as { owner: string | null } | undefined;
    return row ? row.owner : undefined;
  }

  /** Newest first; with `owner`, only that owner's sessions (null = the ownerless ones). */
  async list(limit = 100, offset = 0, filter: { owner?: string | null } = {}): Promise<{ items: SessionSummary[]; total: number }> {
    const where = filter.owner === undefined ? "WHERE status = 'active'" : "WHERE status = 'active' AND owner IS ?";
    const args = filter.owner === undefined ? [] : [filter.owner];
    const items = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM sessions ${where} ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as SessionSummary[];
    const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM sessions ${where}`).get(...args) as { n: number };
    return { items, total: n };
  }

  /** How many sessions the owner has (null = the ownerless ones). */
  async countOwnedBy(owner: string | null): Promise<number> {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE owner IS ? AND status = 'active'").get(owner) as { n: number }).n;
  }

  async recordTurn(id: string, turn: number, at: string): Promise<void> {
    this.db.prepare("UPDATE sessions SET turn = ?, updated_at = ? WHERE id = ? AND status = 'active'").run(turn, at, id);
  }

  /** First step of a delete: the session is gone for readers from here on. False if it was not active. */
  async markDeleting(id: string): Promise<boolean> {
    return this.db.prepare("UPDATE sessions SET status = 'deleting' WHERE id = ? AND status = 'active'").run(id).changes > 0;
  }

  /** Sessions whose delete started but did not finish (a crash): to be completed at start-up. */
  async deleting(): Promise<string[]> {
    return this.db.prepare("SELECT id FROM sessions WHERE status = 'deleting'").pluck().all() as string[];
  }

  /** Every id with a row, active or being deleted. */
  async allIds(): Promise<Set<string>> {
    return new Set(this.db.prepare("SELECT id FROM sessions").pluck().all() as string[]);
  }

  async delete(id: string): Promise<boolean> {
    return this.db.prepare("DELETE FROM sessions WHERE id = ?").run(id).changes > 0;
  }

  async count(): Promise<number> {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE status = 'active'").get() as { n: number }).n;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
