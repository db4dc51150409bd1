import type pg from "pg";
import type { CheckpointFiles } from "./checkpointFiles.ts";

/** Blobs (channel values, keyed by channel version) that no remaining checkpoint of the thread refers to. */
const DELETE_UNREFERENCED_BLOBS = `DELETE FROM checkpoint_blobs b WHERE b.thread_id = $1 AND NOT EXISTS (
  SELECT 1 FROM checkpoints c WHERE c.thread_id = b.thread_id AND c.checkpoint_ns = b.checkpoint_ns
  AND c.checkpoint -> 'channel_versions' ->> b.channel = b.version)`;

/**
 * The checkpoint tables of @langchain/langgraph-checkpoint-postgres (1.0.5: `checkpoints`,
 * `checkpoint_writes`, and `checkpoint_blobs` keyed by channel version rather than checkpoint, so
 * a prune also removes the blobs no kept checkpoint refers to). Each removal is one transaction.
 */
export class PostgresCheckpointFiles implements CheckpointFiles {
  constructor(private readonly pool: pg.Pool) {}

  async latestId(threadId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ checkpoint_id: string }>(
      "SELECT checkpoint_id FROM checkpoints WHERE thread_id = $1 AND checkpoint_ns = '' ORDER BY checkpoint_id DESC LIMIT 1",
      [threadId],
    );
    return rows[0]?.checkpoint_id;
  }

  pruneBefore(threadId: string, checkpointId: string): Promise<number> {
    return this.deleteWhere("thread_id = $1 AND checkpoint_id < $2", [threadId, checkpointId]);
  }

  deleteBetween(threadId: string, afterId: string, beforeId: string): Promise<number> {
    return this.deleteWhere("thread_id = $1 AND checkpoint_id > $2 AND checkpoint_id < $3", [threadId, afterId, beforeId]);
  }

  deleteThread(threadId: string): Promise<number> {
    return this.deleteWhere("thread_id = $1", [threadId]);
  }

  async sizes(threadId: string): Promise<{ latest: number; total: number; count: number }> {
    const { rows } = await this.pool.query<{ latest: number | null; total: number; count: number; blobs: number; writes: number }>(
      `SELECT
        (SELECT pg_column_size(checkpoint) + pg_column_size(metadata) FROM checkpoints WHERE thread_id = $1 AND checkpoint_ns = '' ORDER BY checkpoint_id DESC LIMIT 1) AS latest,
        (SELECT COALESCE(SUM(pg_column_size(checkpoint) + pg_column_size(metadata)), 0)::bigint FROM checkpoints WHERE thread_id = $1)::float8 AS total,
        (SELECT COUNT(*)::int FROM checkpoints WHERE thread_id = $1) AS count,
        (SELECT COALESCE(SUM(length(blob)), 0)::float8 FROM checkpoint_blobs WHERE thread_id = $1) AS blobs,
        (SELECT COALESCE(SUM(length(blob)), 0)::float8 FROM checkpoint_writes WHERE thread_id = $1) AS writes`,
      [threadId],
    );
    const r = rows[0];
    return { latest: r.latest ?? 0, total: r.total + r.blobs + r.writes, count: r.count };
  }

  private async deleteWhere(where: string, args: string[]): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`DELETE FROM checkpoint_writes WHERE ${where}`, args);
      const { rowCount } = await client.query(`DELETE FROM checkpoints WHERE ${where}`, args);
      await client.query(DELETE_UNREFERENCED_BLOBS, [args[0]]);
      await client.query("COMMIT");
      return rowCount ?? 0;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
