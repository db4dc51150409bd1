import type Database from "better-sqlite3";

/**
 * Housekeeping on the checkpointer's tables: LangGraph's own API reads and writes checkpoints; this
 * only finds the newest and removes the ones no longer kept. Checkpoint ids are uuid6, so their
 * text order is their time order. SQLite here, PostgreSQL in pgCheckpointFiles.ts.
 */
export interface CheckpointFiles {
  /** The newest checkpoint id of a thread (the committed state). */
  latestId(threadId: string): Promise<string | undefined>;
  /** Removes a thread's checkpoints (and their pending writes) older than `checkpointId`. */
  pruneBefore(threadId: string, checkpointId: string): Promise<number>;
  /** Removes the checkpoints strictly between two ids: the turns a rewind abandoned. */
  deleteBetween(threadId: string, afterId: string, beforeId: string): Promise<number>;
  /** Removes every checkpoint of a thread (an interrupted fork's). */
  deleteThread(threadId: string): Promise<number>;
  /** Size of the latest checkpoint and of all the thread's checkpoint rows, in bytes. */
  sizes(threadId: string): Promise<{ latest: number; total: number; count: number }>;
}

/**
 * The checkpoint tables of @langchain/langgraph-checkpoint-sqlite (1.0.4:
 * `checkpoints` and `writes`, keyed by thread, namespace and checkpoint id). Checkpoint ids are
 * uuid6, so their text order is their time order: "older than a checkpoint" is `checkpoint_id < ?`.
 * LangGraph's own API reads and writes checkpoints; this only removes the ones no longer kept.
 */
export class SqliteCheckpointFiles implements CheckpointFiles {
  constructor(private readonly db: Database.Database) {}

  /** The newest checkpoint id of a thread (the committed state). */
  async latestId(threadId: string): Promise<string | undefined> {
    return this.db
      .prepare("SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = '' ORDER BY checkpoint_id DESC LIMIT 1")
      .pluck()
      .get(threadId) as string | undefined;
  }

  /** Removes a thread's checkpoints (and their pending writes) older than `checkpointId`. */
  async pruneBefore(threadId: string, checkpointId: string): Promise<number> {
    return this.deleteWhere("thread_id = ? AND checkpoint_id < ?", threadId, checkpointId);
  }

  /** Removes the checkpoints strictly between two ids: the turns a rewind abandoned. */
  async deleteBetween(threadId: string, afterId: string, beforeId: string): Promise<number> {
    return this.deleteWhere("thread_id = ? AND checkpoint_id > ? AND checkpoint_id < ?", threadId, afterId, beforeId);
  }

  /** Removes every checkpoint of a thread (an interrupted fork's). */
  async deleteThread(threadId: string): Promise<number> {
    return this.deleteWhere("thread_id = ?", threadId);
  }

  /** Size of the latest checkpoint's blob and of all the thread's checkpoint rows, in bytes. */
  async sizes(threadId: string): Promise<{ latest: number; total: number; count: number }> {
    const latest = this.db
      .prepare("SELECT length(checkpoint) + length(metadata) FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = '' ORDER BY checkpoint_id DESC LIMIT 1")
      .pluck()
      .get(threadId) as number | undefined;
    const all = this.db
      .prepare("SELECT COUNT(*) AS count, COALESCE(SUM(length(checkpoint) + length(metadata)), 0) AS total FROM checkpoints WHERE thread_id = ?")
      .get(threadId) as { count: number; total: number };
    const writes = this.db.prepare("SELECT COALESCE(SUM(length(value)), 0) FROM writes WHERE thread_id = ?").pluck().get(threadId) as number;
    return { latest: latest ?? 0, total: all.total + writes, count: all.count };
  }

  private deleteWhere(where: string, ...args: string[]): number {
    const run = this.db.transaction(() => {
      this.db.prepare(`DELETE FROM writes WHERE ${where}`).run(...args);
      return this.db.prepare(`DELETE FROM checkpoints WHERE ${where}`).run(...args).changes;
    });
    return run();
  }
}
