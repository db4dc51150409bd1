import type pg from "pg";
import type { TurnRecord } from "../../graph/records.ts";
import { withSetupLock } from "../postgres/pool.ts";
import { nextBefore, type Transcript, type TranscriptPage } from "./transcript.ts";

const SCHEMA = `CREATE TABLE IF NOT EXISTS qs_transcript (
  session_id TEXT NOT NULL, turn INTEGER NOT NULL, record JSONB NOT NULL, checkpoint_id TEXT,
  PRIMARY KEY (session_id, turn))`;

/** The transcript shared by every instance (QS_DATABASE_URL): same rows and rules as the SQLite one. */
export class PostgresTranscript implements Transcript {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<PostgresTranscript> {
    await withSetupLock(pool, (client) => client.query(SCHEMA));
    return new PostgresTranscript(pool);
  }

  async append(sessionId: string, record: TurnRecord, checkpointId: string | null): Promise<void> {
    await this.pool.query(
      `INSERT INTO qs_transcript (session_id, turn, record, checkpoint_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, turn) DO UPDATE SET record = EXCLUDED.record, checkpoint_id = EXCLUDED.checkpoint_id`,
      [sessionId, record.turn, JSON.stringify(record), checkpointId],
    );
  }

  async insertMissing(sessionId: string, records: TurnRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      `INSERT INTO qs_transcript (session_id, turn, record, checkpoint_id)
       SELECT $1, (r->>'turn')::int, r, NULL FROM jsonb_array_elements($2::jsonb) AS r ON CONFLICT DO NOTHING`,
      [sessionId, JSON.stringify(records)],
    );
    return rowCount ?? 0;
  }

  deleteAfter(sessionId: string, turn: number): Promise<number> {
    return this.count("DELETE FROM qs_transcript WHERE session_id = $1 AND turn > $2", [sessionId, turn]);
  }

  async page(sessionId: string, limit: number, before = Number.MAX_SAFE_INTEGER): Promise<TranscriptPage> {
    const { rows } = await this.pool.query<{ record: TurnRecord }>(
      "SELECT record FROM qs_transcript WHERE session_id = $1 AND turn < $2 ORDER BY turn DESC LIMIT $3",
      [sessionId, Math.min(before, 2 ** 31 - 1), limit],
    );
    const items = rows.map((r) => r.record);
    return { items, next_before: nextBefore(items, limit) };
  }

  async metrics(sessionId: string): Promise<Array<Pick<TurnRecord, "turn" | "at" | "metrics">>> {
    const { rows } = await this.pool.query<Pick<TurnRecord, "turn" | "at" | "metrics">>(
      "SELECT turn, record->>'at' AS at, record->'metrics' AS metrics FROM qs_transcript WHERE session_id = $1 ORDER BY turn",
      [sessionId],
    );
    return rows;
  }

  async checkpointOf(sessionId: string, turn: number): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ checkpoint_id: string | null }>("SELECT checkpoint_id FROM qs_transcript WHERE session_id = $1 AND turn = $2", [sessionId, turn]);
    return rows[0]?.checkpoint_id ?? undefined;
  }

  copy(fromId: string, toId: string, upTo: number): Promise<number> {
    return this.count(
      `INSERT INTO qs_transcript (session_id, turn, record, checkpoint_id)
       SELECT $1, turn, record, NULL FROM qs_transcript WHERE session_id = $2 AND turn <= $3
       ON CONFLICT (session_id, turn) DO UPDATE SET record = EXCLUDED.record, checkpoint_id = NULL`,
      [toId, fromId, upTo],
    );
  }

  deleteSession(sessionId: string): Promise<number> {
    return this.count("DELETE FROM qs_transcript WHERE session_id = $1", [sessionId]);
  }

  /** The pool belongs to the engine's storage, which closes it. */
  async close(): Promise<void> {}

  private async count(sql: string, args: unknown[]): Promise<number> {
    return (await this.pool.query(sql, args)).rowCount ?? 0;
  }
}
