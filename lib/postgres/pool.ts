import pg from "pg";
import type { Logger } from "../config/logger.ts";

/**
 * PostgreSQL connections of the scale-out back end (QS_DATABASE_URL). Every pool is ours, never a
 * library default: limits, timeouts and an `error` listener, because a pool without one crashes the
 * process when the server drops an idle connection (seen with PostgresSaver.fromConnString).
 */
export interface PoolOptions {
  /** Connections this pool may hold. */
  max?: number;
  /** How long a caller waits for a free connection before the query fails. */
  connectionTimeoutMillis?: number;
  idleTimeoutMillis?: number;
  /** Shown in pg_stat_activity, so an operator sees which instance and which pool holds a connection. */
  applicationName?: string;
}

export function createPool(url: string, logger: Logger, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    application_name: options.applicationName ?? "quietstories",
  });
  pool.on("error", (err) => logger.warn({ err, pool: options.applicationName }, "an idle PostgreSQL connection failed; the pool replaces it"));
  return pool;
}

/** Advisory-lock key of schema set-up: one instance creates or migrates the schema at a time. */
const SETUP_LOCK_KEY = 7_310_001;

/**
 * Runs `setup` while holding a session-level advisory lock on one dedicated connection, so several
 * instances starting at once do not race on CREATE TABLE (which fails with 23505 on a fresh schema).
 * Setup steps must be idempotent (`IF NOT EXISTS`): every instance runs them, one after another.
 */
export async function withSetupLock<T>(pool: pg.Pool, setup: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [SETUP_LOCK_KEY]);
    try {
      return await setup(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [SETUP_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
