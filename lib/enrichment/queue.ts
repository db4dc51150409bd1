import type Database from "better-sqlite3";
import { openSqlite } from "../common/sqlite.ts";
import type { RelationshipType } from "../relationships/types.ts";

export const TASK_STATUSES = ["queued", "running", "done", "failed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Why a relationship needs the model: the rules were unsure, found two people but no type, read
 * something other than the narrator's hint, or read an edge in a memory the narrator left unhinted
 * in a batch where it hinted others.
 */
export type EnrichmentReason = "low_confidence" | "untyped" | "hint_disagrees" | "unhinted";

/** A relationship memory the rules could not settle, waiting for the model. */
export interface NewEnrichmentTask {
  session_id: string;
  memory_id: string;
  /** Who holds the memory. */
  entity_id: string;
  content: string;
  from: string;
  to: string;
  reason: EnrichmentReason;
  /** The rules' guess, when they had one. */
  guess_type?: RelationshipType;
  guess_confidence?: number;
  turn: number;
}

/**
 * The model's structured answer, as applied to the graph: every feeling the memory shows between the
 * task's two people, each held by `from` toward `to` (none: `edges` is empty, nothing is applied).
 */
export interface EnrichmentResult {
  edges: Array<{ from: string; to: string; type: RelationshipType; sentiment: number }>;
  confidence: number;
  reason: string;
}

/** An answer stored before enrichment read the pair both ways: one type, held by the task's `from` toward its `to`. */
interface OneWayResult {
  type: RelationshipType | "none";
  sentiment: number;
  confidence: number;
  reason: string;
}

/** A stored answer in today's shape, whichever shape it was stored in. */
export function storedResult(task: Pick<NewEnrichmentTask, "from" | "to">, json: string): EnrichmentResult {
  const parsed = JSON.parse(json) as EnrichmentResult | OneWayResult;
  if ("edges" in parsed) return parsed;
  const { type, sentiment, confidence, reason } = parsed;
  return { edges: type === "none" ? [] : [{ from: task.from, to: task.to, type, sentiment }], confidence, reason };
}

export interface EnrichmentTask extends NewEnrichmentTask {
  id: number;
  status: TaskStatus;
  attempts: number;
  error: string | null;
  result: EnrichmentResult | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: number;
}

export interface Row extends Omit<EnrichmentTask, "result" | "guess_type" | "guess_confidence"> {
  result: string | null;
  guess_type: RelationshipType | null;
  guess_confidence: number | null;
}

export const fromRow = (r: Row): EnrichmentTask => ({
  ...r,
  guess_type: r.guess_type ?? undefined,
  guess_confidence: r.guess_confidence ?? undefined,
  result: r.result ? storedResult(r, r.result) : null,
});

/** next_attempt_at of tasks whose turn has not finished yet: never due until released. */
export const HELD = Number.MAX_SAFE_INTEGER;

/**
 * The queue of background enrichment tasks: SQLite in the data folder (below), or PostgreSQL
 * (pgQueue.ts, shared by every instance, each task claimed once with SKIP LOCKED). Both pass
 * queue.contract.int.test.ts.
 */
export interface EnrichmentStore {
  /** Adds tasks held back until `release(session)`; the same memory and pair is never queued twice. */
  enqueue(tasks: NewEnrichmentTask[], now?: Date): Promise<number>;
  /** Makes a session's held tasks due now (its turn has finished). */
  release(sessionId: string): Promise<number>;
  /** Forgets a session's held tasks (its turn failed; the memories were not committed). */
  dropHeld(sessionId: string): Promise<number>;
  /** Takes the oldest due task and marks it running (never the same task twice, on any instance). */
  claimNext(now?: number): Promise<EnrichmentTask | undefined>;
  complete(id: number, result: EnrichmentResult): Promise<void>;
  /** Records a failed attempt: back to the queue at `retryAt`, or failed for good without it. */
  fail(id: number, error: string, retryAt?: number): Promise<void>;
  /** At start-up: tasks a stopped process left running, or held by a turn that never reported back, are due again. */
  requeueRunning(): Promise<number>;
  /** When the next queued task becomes due (undefined when none is queued). */
  nextDueAt(): Promise<number | undefined>;
  forSession(sessionId: string): Promise<{ counts: Record<TaskStatus, number>; tasks: EnrichmentTask[] }>;
  /** Forgets the tasks of turns after `turn` (undone by a rewind, or never committed). */
  deleteAfterTurn(sessionId: string, turn: number): Promise<number>;
  /** Gives a forked session the unfinished tasks of turns up to `upTo` (due now). */
  copyUnfinished(fromId: string, toId: string, upTo: number, now?: Date): Promise<number>;
  deleteSession(sessionId: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The persisted queue of background enrichment tasks (SQLite in the data folder), so queued
 * work survives a restart and its outcome can be shown per session.
 */
export class EnrichmentQueue implements EnrichmentStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqlite(
      file,
      `CREATE TABLE IF NOT EXISTS tasks (
      id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, memory_id TEXT NOT NULL,
      entity_id TEXT NOT NULL, content TEXT NOT NULL, "from" TEXT NOT NULL, "to" TEXT NOT NULL,
      reason TEXT NOT NULL, guess_type TEXT, guess_confidence REAL, turn INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'queued', attempts INTEGER NOT NULL DEFAULT 0, error TEXT, result TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, next_attempt_at INTEGER NOT NULL DEFAULT 0,
      UNIQUE (session_id, memory_id, "from", "to"));
      CREATE INDEX IF NOT EXISTS tasks_due ON tasks (status, next_attempt_at);
      CREATE INDEX IF NOT EXISTS tasks_session ON tasks (session_id);`,
    );
  }

  /**
   * Adds tasks held back until `release(session)`: a turn queues its tasks before it commits, and
   * nothing of them runs before that turn's done event has gone out. The same memory and pair
   * is never queued twice.
   */
  async enqueue(tasks: NewEnrichmentTask[], now = new Date()): Promise<number> {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO tasks
      (session_id, memory_id, entity_id, content, "from", "to", reason, guess_type, guess_confidence, turn, created_at, updated_at, next_attempt_at)
      VALUES (@session_id, @memory_id, @entity_id, @content, @from, @to, @reason, @guess_type, @guess_confidence, @turn, @at, @at, ${HELD})`);
    const at = now.toISOString();
    const run = this.db.transaction((items: NewEnrichmentTask[]) =>
      items.reduce((n, t) => n + insert.run({ guess_type: null, guess_confidence: null, ...t, at }).changes, 0),
    );
    return run(tasks);
  }

  /** Makes a session's held tasks due now (its turn has finished). */
  async release(sessionId: string): Promise<number> {
    return this.db.prepare(`UPDATE tasks SET next_attempt_at = 0 WHERE session_id = ? AND status = 'queued' AND next_attempt_at = ${HELD}`).run(sessionId).changes;
  }

  /** Forgets a session's held tasks (its turn failed; the memories were not committed). */
  async dropHeld(sessionId: string): Promise<number> {
    return this.db.prepare(`DELETE FROM tasks WHERE session_id = ? AND status = 'queued' AND next_attempt_at = ${HELD}`).run(sessionId).changes;
  }

  /** Takes the oldest due task and marks it running. */
  async claimNext(now = Date.now()): Promise<EnrichmentTask | undefined> {
    const claim = this.db.transaction(() => {
      const row = this.db.prepare("SELECT * FROM tasks WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1").get(now) as Row | undefined;
      if (!row) return undefined;
      this.db.prepare("UPDATE tasks SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(new Date(now).toISOString(), row.id);
      return fromRow({ ...row, status: "running", attempts: row.attempts + 1 });
    });
    return claim();
  }

  async complete(id: number, result: EnrichmentResult): Promise<void> {
    this.db.prepare("UPDATE tasks SET status = 'done', result = ?, error = NULL, updated_at = ? WHERE id = ?").run(JSON.stringify(result), new Date().toISOString(), id);
  }

  /** Records a failed attempt: back to the queue at `retryAt`, or failed for good without it. */
  async fail(id: number, error: string, retryAt?: number): Promise<void> {
    const status: TaskStatus = retryAt === undefined ? "failed" : "queued";
    this.db
      .prepare("UPDATE tasks SET status = ?, error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?")
      .run(status, error.slice(0, 500), retryAt ?? 0, new Date().toISOString(), id);
  }

  /** After a restart: tasks that were running, or held by a turn that never reported back, are due again. */
  async requeueRunning(): Promise<number> {
    const at = new Date().toISOString();
    const running = this.db.prepare("UPDATE tasks SET status = 'queued', next_attempt_at = 0, updated_at = ? WHERE status = 'running'").run(at).changes;
    const held = this.db.prepare(`UPDATE tasks SET next_attempt_at = 0, updated_at = ? WHERE status = 'queued' AND next_attempt_at = ${HELD}`).run(at).changes;
    return running + held;
  }

  /** When the next queued task becomes due (undefined when none is queued). */
  async nextDueAt(): Promise<number | undefined> {
    const row = this.db.prepare(`SELECT MIN(next_attempt_at) AS due FROM tasks WHERE status = 'queued' AND next_attempt_at < ${HELD}`).get() as { due: number | null };
    return row.due ?? undefined;
  }

  async forSession(sessionId: string): Promise<{ counts: Record<TaskStatus, number>; tasks: EnrichmentTask[] }> {
    const rows = this.db.prepare("SELECT * FROM tasks WHERE session_id = ? ORDER BY id").all(sessionId) as Row[];
    const counts: Record<TaskStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) counts[r.status]++;
    return { counts, tasks: rows.map(fromRow) };
  }

  /** Forgets the tasks of turns after `turn` (undone by a rewind, or never committed). */
  async deleteAfterTurn(sessionId: string, turn: number): Promise<number> {
    return this.db.prepare("DELETE FROM tasks WHERE session_id = ? AND turn > ?").run(sessionId, turn).changes;
  }

  /**
   * Gives a forked session the unfinished tasks of turns up to `upTo` (due now); the fork's memories
   * keep their ids, so the tasks point at the fork's own copies.
   */
  async copyUnfinished(fromId: string, toId: string, upTo: number, now = new Date()): Promise<number> {
    return this.db
      .prepare(`INSERT OR IGNORE INTO tasks
        (session_id, memory_id, entity_id, content, "from", "to", reason, guess_type, guess_confidence, turn, created_at, updated_at, next_attempt_at)
        SELECT ?, memory_id, entity_id, content, "from", "to", reason, guess_type, guess_confidence, turn, ?, ?, 0
        FROM tasks WHERE session_id = ? AND turn <= ? AND status != 'done'`)
      .run(toId, now.toISOString(), now.toISOString(), fromId, upTo).changes;
  }

  async deleteSession(sessionId: string): Promise<number> {
    return this.db.prepare("DELETE FROM tasks WHERE session_id = ?").run(sessionId).changes;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
