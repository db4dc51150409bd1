import { busy } from "./errors.ts";

/** A session held by a turn or a delete: aborting `controller` stops the turn. */
interface Reservation {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * One thing at a time per session, in this process: a turn or a delete reserves the session
 * (a second one gets 409 at once), and background work (enrichment writes) holds it briefly,
 * waiting for turns rather than refusing them.
 */
export class SessionLocks {
  private readonly reserved = new Map<string, Reservation>();
  private readonly holds = new Map<string, Promise<void>>();

  isBusy(id: string): boolean {
    return this.reserved.has(id);
  }

  /**
   * Marks the session busy (turns and deletes get 409, holds wait) until `release` is called.
   * Synchronous, so nothing can slip in between the check and the mark.
   */
  reserve(id: string): { signal: AbortSignal; release: () => void } {
    if (this.reserved.has(id)) throw busy(id);
    let finished = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const controller = new AbortController();
    this.reserved.set(id, { controller, done });
    return {
      signal: controller.signal,
      release: () => {
        this.reserved.delete(id);
        finished();
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
    try {
      return await fn();
    } finally {
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
