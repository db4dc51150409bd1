import type Database from "better-sqlite3";
import { openSqlite } from "../common/sqlite.ts";
import type { TurnRecord } from "../../graph/records.ts";

/** One page of a session's transcript, newest first. */
export interface TranscriptPage {
  items: TurnRecord[];
  /** Pass as `before` to get the next (older) page; null when this page reaches turn 1. */
  next_before: number | null;
}

/**
 * The transcript of every session: one row per committed turn. SQLite in the data folder (below)
 * or PostgreSQL (pgTranscript.ts, shared by every instance); both pass the storage contract test.
 */
export interface Transcript {
  /** Records a committed turn (a replayed turn number replaces the row of an undone take). */
  append(sessionId: string, record: TurnRecord, checkpointId: string | null): Promise<void>;
  /** Adds the turns that are not stored yet (crash repair and migration from old checkpoints). */
  insertMissing(sessionId: string, records: TurnRecord[]): Promise<number>;
  /** Forgets turns after `turn` (undone or never committed). */
  deleteAfter(sessionId: string, turn: number): Promise<number>;
  /** Turns before `before` (all when omitted), newest first, at most `limit`. */
  page(sessionId: string, limit: number, before?: number): Promise<TranscriptPage>;
  /** Every turn's metrics, oldest first (the per-session metrics endpoint). */
  metrics(sessionId: string): Promise<Array<Pick<TurnRecord, "turn" | "at" | "metrics">>>;
  /** The checkpoint that ended `turn`, when it was recorded. */
  checkpointOf(sessionId: string, turn: number): Promise<string | undefined>;
  /** Copies turns 1..`upTo` to a forked session (without checkpoint ids: those belong to the source thread). */
  copy(fromId: string, toId: string, upTo: number): Promise<number>;
  deleteSession(sessionId: string): Promise<number>;
  close(): Promise<void>;
}

/** The next page's `before`: null when this page reaches turn 1 or the end. */
export const nextBefore = (items: TurnRecord[], limit: number): number | null => {
  const oldest = items.at(-1)?.turn;
  return oldest !== undefined && oldest > 1 && items.length === limit ? oldest : null;
};

/**
 * The append-only transcript of every session (SQLite `transcript.sqlite` in the data folder):
 * one row per committed turn, keyed by (session, turn). The checkpoint is the commit: a row is
 * written right after its turn's checkpoint, and rows beyond the checkpoint's turn (a crash, a
 * rewind) are uncommitted and deleted by `Timeline.reconcile`. `checkpoint_id` names the
 * checkpoint that ended the turn, so old checkpoints can be pruned turn by turn.
 */
export class TranscriptStore implements Transcript {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqlite(
      file,
      `CREATE TABLE IF NOT EXISTS turns (
      session_id TEXT NOT NULL, turn INTEGER NOT NULL, record TEXT NOT NULL, checkpoint_id TEXT,
      PRIMARY KEY (session_id, turn)) WITHOUT ROWID`,
    );
  }

  /** Records a committed turn (a replayed turn number replaces the row of an undone take). */
  async append(sessionId: string, record: TurnRecord, checkpointId: string | null): Promise<void> {
    this.db
      .prepare("INSERT OR REPLACE INTO turns (session_id, turn, record, checkpoint_id) VALUES (?, ?, ?, ?)")
      .run(sessionId, record.turn, JSON.stringify(record), checkpointId);
  }

  /** Adds the turns that are not stored yet (crash repair and migration from old checkpoints). */
  async insertMissing(sessionId: string, records: TurnRecord[]): Promise<number> {
    const insert = this.db.prepare("INSERT OR IGNORE INTO turns (session_id, turn, record, checkpoint_id) VALUES (?, ?, ?, NULL)");
    const run = this.db.transaction((items: TurnRecord[]) => items.reduce((n, r) => n + insert.run(sessionId, r.turn, JSON.stringify(r)).changes, 0));
    return run(records);
  }

  /** Forgets turns after `turn` (undone or never committed). */
  async deleteAfter(sessionId: string, turn: number): Promise<number> {
    return this.db.prepare("DELETE FROM turns WHERE session_id = ? AND turn > ?").run(sessionId, turn).changes;
  }

  latestTurn(sessionId: string): number {
    const row = this.db.prepare("SELECT MAX(turn) AS t FROM turns WHERE session_id = ?").get(sessionId) as { t: number | null };
    return row.t ?? 0;
  }

  get(sessionId: string, turn: number): TurnRecord | undefined {
    const row = this.db.prepare("SELECT record FROM turns WHERE session_id = ? AND turn = ?").pluck().get(sessionId, turn) as string | undefined;
    return row === undefined ? undefined : (JSON.parse(row) as TurnRecord);
  }

  /** Turns before `before` (all when omitted), newest first, at most `limit`. */
  async page(sessionId: string, limit: number, before = Number.MAX_SAFE_INTEGER): Promise<TranscriptPage> {
    const rows = this.db
      .prepare("SELECT record FROM turns WHERE session_id = ? AND turn < ? ORDER BY turn DESC LIMIT ?")
      .pluck()
      .all(sessionId, before, limit) as string[];
    const items = rows.map((r) => JSON.parse(r) as TurnRecord);
    return { items, next_before: nextBefore(items, limit) };
  }

  /** Every turn's metrics, oldest first (the per-session metrics endpoint). */
  async metrics(sessionId: string): Promise<Array<Pick<TurnRecord, "turn" | "at" | "metrics">>> {
    const rows = this.db
      .prepare("SELECT turn, json_extract(record, '$.at') AS at, json_extract(record, '$.metrics') AS metrics FROM turns WHERE session_id = ? ORDER BY turn")
      .all(sessionId) as Array<{ turn: number; at: string; metrics: string }>;
    return rows.map((r) => ({ turn: r.turn, at: r.at, metrics: JSON.parse(r.metrics) as TurnRecord["metrics"] }));
  }

  /** The checkpoint that ended `turn`, when it was recorded. */
  async checkpointOf(sessionId: string, turn: number): Promise<string | undefined> {
    return (this.db.prepare("SELECT checkpoint_id FROM turns WHERE session_id = ? AND turn = ?").pluck().get(sessionId, turn) as string | null | undefined) ?? undefined;
  }

  /** Copies turns 1..`upTo` to a forked session (without checkpoint ids: those belong to the source thread). */
  async copy(fromId: string, toId: string, upTo: number): Promise<number> {
    return this.db
      .prepare("INSERT OR REPLACE INTO turns (session_id, turn, record, checkpoint_id) SELECT ?, turn, record, NULL FROM turns WHERE session_id = ? AND turn <= ?")
      .run(toId, fromId, upTo).changes;
  }

  async deleteSession(sessionId: string): Promise<number> {
    return this.db.prepare("DELETE FROM turns WHERE session_id = ?").run(sessionId).changes;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
