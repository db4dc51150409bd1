import type pg from "pg";
import type { Logger } from "../config/logger.ts";

/** First half of every session lock's key: keeps them apart from other advisory locks of the database. */
const SESSION_LOCK_SPACE = 7_310_002;

/** An advisory lock held on its own connection; `lost` aborts when that connection dies. */
export interface HeldLock {
  /** Aborted when the lock's connection fails: the lock is gone and the holder must stop. */
  lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * Per-key mutual exclusion across every instance sharing the database: session-level advisory
 * locks, each taken and released on ONE checked-out connection held for the lock's life (through
 * `pool.query` the unlock may land on another connection and the lock leaks). The pool is the
 * locks' own: sharing a small pool with the checkpointer would deadlock turns waiting on both.
 */
export class AdvisoryLocks {
  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  /**
   * Takes the lock if it is free or freed within `waitMs` (undefined when someone holds it longer,
   * on any instance): short background holds are waited out, a turn elsewhere is not.
   */
  async tryAcquire(key: string, waitMs = 0): Promise<HeldLock | undefined> {
    if (waitMs <= 0) return this.take(key, "SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok");
    return this.take(key, "SELECT pg_advisory_lock($1, hashtext($2)) IS NOT NULL AS ok", waitMs);
  }

  /** Waits for the lock (used by short background writes, which wait for turns rather than refuse). */
  async acquire(key: string): Promise<HeldLock> {
    const held = await this.take(key, "SELECT pg_advisory_lock($1, hashtext($2)) IS NOT NULL AS ok");
    if (!held) throw new Error("pg_advisory_lock returned without the lock");
    return held;
  }

  /** `pg_advisory_lock` bounded by lock_timeout: false when it runs out (SQLSTATE 55P03). */
  private async waitFor(client: pg.PoolClient, sql: string, key: string, waitMs: number): Promise<boolean> {
    await client.query(`SET lock_timeout = ${Math.ceil(waitMs)}`);
    try {
      return (await client.query<{ ok: boolean }>(sql, [SESSION_LOCK_SPACE, key])).rows[0]?.ok === true;
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") return false;
      throw error;
    } finally {
      await client.query("RESET lock_timeout");
    }
  }

  private async take(key: string, sql: string, waitMs?: number): Promise<HeldLock | undefined> {
    const client = await this.pool.connect();
    const controller = new AbortController();
    // A checked-out client without a listener crashes the process when its connection drops.
    const onError = (err: Error) => {
      this.logger.warn({ err, lock: key }, "the connection holding a session lock failed: the lock is lost");
      controller.abort(err);
    };
    client.on("error", onError);
    let ok = false;
    try {
      if (waitMs === undefined) ok = (await client.query<{ ok: boolean }>(sql, [SESSION_LOCK_SPACE, key])).rows[0]?.ok === true;
      else ok = await this.waitFor(client, sql, key, waitMs);
    } catch (error) {
      client.off("error", onError);
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    if (!ok) {
      client.off("error", onError);
      client.release();
      return undefined;
    }
    let released = false;
    return {
      lost: controller.signal,
      release: async () => {
        if (released) return;
        released = true;
        if (controller.signal.aborted) {
          client.off("error", onError);
          client.release(true); // the connection is dead: destroy it, the server already dropped its locks
          return;
        }
        try {
          await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [SESSION_LOCK_SPACE, key]);
          client.off("error", onError);
          client.release();
        } catch (error) {
          // Destroying the connection ends its session: the server drops the lock with it.
          client.off("error", onError);
          client.release(error instanceof Error ? error : true);
        }
      },
    };
  }
}
