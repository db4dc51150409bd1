import type pg from "pg";
import { withSetupLock } from "./pool.ts";

/** One client's count in the current fixed window. */
export interface RateCount {
  hits: number;
  resetAt: Date;
}

/** Fixed-window hit counters shared by every instance (the rate limits behind a load balancer). */
export interface RateCounters {
  /** Counts one hit for `key` in a window of `windowMs` (a new window starts when the last one ended). */
  hit(key: string, windowMs: number): Promise<RateCount>;
  /** Takes one hit back (express-rate-limit's skip of failed or successful requests). */
  unhit(key: string): Promise<void>;
  /** Forgets `key`. */
  reset(key: string): Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS qs_rate_limits (
  key TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  reset_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS qs_rate_limits_reset_at ON qs_rate_limits (reset_at);`;

// The database's clock decides the windows, so instances with drifting clocks count alike.
const HIT = `
INSERT INTO qs_rate_limits AS r (key, hits, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
  reset_at = CASE WHEN r.reset_at <= now() THEN now() + $2 * interval '1 millisecond' ELSE r.reset_at END
RETURNING hits, reset_at`;

/** Expired rows are removed every this many hits, so the table holds about one window's clients. */
const SWEEP_EVERY = 500;

/**
 * Rate counters in PostgreSQL (QS_DATABASE_URL): one upsert per counted request, atomic under
 * concurrency (the row lock of ON CONFLICT serialises hits of one key), no coordinator of our own.
 */
export class PostgresRateCounters implements RateCounters {
  private hitsSinceSweep = 0;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<PostgresRateCounters> {
    await withSetupLock(pool, (client) => client.query(SCHEMA));
    return new PostgresRateCounters(pool);
  }

  async hit(key: string, windowMs: number): Promise<RateCount> {
    if (++this.hitsSinceSweep >= SWEEP_EVERY) {
      this.hitsSinceSweep = 0;
      await this.pool.query("DELETE FROM qs_rate_limits WHERE reset_at < now()");
    }
    const { rows } = await this.pool.query<{ hits: number; reset_at: Date }>(HIT, [key, windowMs]);
    return { hits: rows[0].hits, resetAt: rows[0].reset_at };
  }

  async unhit(key: string): Promise<void> {
    await this.pool.query("UPDATE qs_rate_limits SET hits = GREATEST(hits - 1, 0) WHERE key = $1 AND reset_at > now()", [key]);
  }

  async reset(key: string): Promise<void> {
    await this.pool.query("DELETE FROM qs_rate_limits WHERE key = $1", [key]);
  }
}
