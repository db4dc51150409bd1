import type { AdvisoryLocks, HeldLock } from "../postgres/advisoryLocks.ts";
import { busy, EngineError } from "./errors.ts";

/** A session held by a turn or a delete: aborting `controller` stops the turn. */
interface Reservation {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * How long a turn waits for another instance's hold (an enrichment write: milliseconds) before it
 * answers 409; here, holds are waited for in memory (`waitForHolds`).
 */
const CLUSTER_HOLD_WAIT_MS = 300;

/** The turn's lock connection died: another instance may take the session, so nothing of the turn is saved. */
export const lockLost = (id: string) =>
  new EngineError("lock_lost", 503, `session ${id}: the database connection holding its lock failed; the turn was abandoned and nothing was saved`);

/**
 * One thing at a time per session: a turn or a delete reserves the session (a second one gets
 * 409 at once), and background work (enrichment writes) holds it briefly, waiting for turns
 * rather than refusing them. In this process the marks are in memory; with `cluster` (the
 * Postgres back end) every reservation and hold also takes the session's advisory lock, so the
 * exclusion holds across every instance sharing the database.
 */
export class SessionLocks {
  private readonly reserved = new Map<string, Reservation>();
  private readonly holds = new Map<string, Promise<void>>();

  constructor(private readonly cluster?: AdvisoryLocks) {}

  /** Reserved in this process (another instance's turn shows up as 409 from `reserve`). */
  isBusy(id: string): boolean {
    return this.reserved.has(id);
  }

  /**
   * Reserved here or, with `cluster`, on any instance (a probe of the advisory lock: a check before
   * a stream starts, so the answer can still be a plain 409; `reserve` decides).
   */
  async isBusyAnywhere(id: string): Promise<boolean> {
    if (this.reserved.has(id)) return true;
    if (!this.cluster) return false;
    const probe = await this.cluster.tryAcquire(id, CLUSTER_HOLD_WAIT_MS);
    await probe?.release();
    return probe === undefined;
  }

  /**
   * Marks the session busy (turns and deletes get 409, holds wait) until `release` is called. The
   * local mark is synchronous, so nothing of this process slips in between the check and the mark;
   * then the cluster lock, whose loss aborts `signal`.
   */
  async reserve(id: string): Promise<{ signal: AbortSignal; release: () => void }> {
    if (this.reserved.has(id)) throw busy(id);
    let finished = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const controller = new AbortController();
    this.reserved.set(id, { controller, done });
    const releaseLocal = () => {
      this.reserved.delete(id);
      finished();
    };
    let held: HeldLock | undefined;
    if (this.cluster) {
      try {
        held = await this.cluster.tryAcquire(id, CLUSTER_HOLD_WAIT_MS);
      } catch (error) {
        releaseLocal();
        throw error;
      }
      if (!held) {
        releaseLocal();
        throw busy(id);
      }
      held.lost.addEventListener("abort", () => controller.abort(lockLost(id)), { once: true });
    }
    return {
      signal: controller.signal,
      release: () => {
        releaseLocal();
        void held?.release();
      },
    };
  }

  /** Waits while a short hold (an enrichment write) has the session: milliseconds, not a refusal. */
  async waitForHolds(id: string): Promise<void> {
    while (this.holds.has(id)) await this.holds.get(id);
  }

  /** Runs `fn` while no turn of the session runs, and keeps new turns waiting until it ends. */
  async whileIdle<T>(id: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      const run = this.reserved.get(id);
      const hold = this.holds.get(id);
      if (run) await run.done;
      else if (hold) await hold;
      else break;
    }
    let release = () => {};
    this.holds.set(id, new Promise<void>((resolve) => (release = resolve)));
    let held: HeldLock | undefined;
    try {
      // Another instance's turn: wait for it on the database (a turn there meanwhile gets 409).
      held = await this.cluster?.acquire(id);
      if (held?.lost.aborted) throw lockLost(id);
      return await fn();
    } finally {
      await held?.release();
      this.holds.delete(id);
      release();
    }
  }

  /** Waits for every reservation to end; after `graceMs` the remaining ones are aborted. */
  async drain(graceMs: number, reason: Error): Promise<void> {
    const pending = [...this.reserved.values()];
    const timer = setTimeout(() => pending.forEach((r) => r.controller.abort(reason)), graceMs);
    await Promise.all(pending.map((r) => r.done));
    clearTimeout(timer);
  }
}
