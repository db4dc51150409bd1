import type { Logger } from "../config/logger.ts";
import { PermanentEnrichmentError } from "./classify.ts";
import type { EnrichmentQueue, EnrichmentResult, EnrichmentTask } from "./queue.ts";

/** What the worker needs from the engine, kept narrow so it can be tested on its own. */
export interface EnrichmentHost {
  /** Classifies one task with the configured model (throws on failure). */
  classify(task: EnrichmentTask, signal: AbortSignal): Promise<EnrichmentResult>;
  /**
   * Applies a result to the session's graph while no turn of that session runs
   * (false when the session no longer exists).
   */
  apply(task: EnrichmentTask, result: EnrichmentResult): Promise<boolean>;
}

export interface WorkerOptions {
  concurrency?: number;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt. */
  backoffMs?: number;
  logger: Logger;
}

/**
 * Drains the enrichment queue in the background: bounded concurrency, retries with
 * exponential backoff, and a task that keeps failing is marked failed with its error.
 */
export class EnrichmentWorker {
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Aborts model calls still running when the worker stops (shutdown must not wait on them). */
  private readonly stopping = new AbortController();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;

  constructor(
    private readonly queue: EnrichmentQueue,
    private readonly host: EnrichmentHost,
    private readonly opts: WorkerOptions,
  ) {
    this.concurrency = opts.concurrency ?? 1;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.backoffMs = opts.backoffMs ?? 1000;
  }

  /** Resumes tasks left running by a previous process, then starts draining. */
  start(): void {
    const resumed = this.queue.requeueRunning();
    if (resumed > 0) this.opts.logger.info({ resumed }, "enrichment: resumed tasks from before the restart");
    this.kick();
  }

  /** Starts as many tasks as the concurrency allows; schedules a wake-up for backed-off ones. */
  kick(): void {
    if (this.stopped) return;
    while (this.active < this.concurrency) {
      const task = this.queue.claimNext();
      if (!task) break;
      this.active++;
      void this.run(task).finally(() => {
        this.active--;
        this.kick();
      });
    }
    this.scheduleWake();
    if (this.active === 0 && this.queue.nextDueAt() === undefined) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** Resolves when nothing is running or queued (for tests and shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.nextDueAt() === undefined) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopping.abort(new Error("enrichment worker stopped"));
    while (this.active > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private scheduleWake(): void {
    clearTimeout(this.timer);
    const due = this.queue.nextDueAt();
    if (due === undefined || this.stopped) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, due - Date.now()) + 5);
    this.timer.unref();
  }

  private async run(task: EnrichmentTask): Promise<void> {
    const log = this.opts.logger.child({ sessionId: task.session_id, task: task.id });
    try {
      const result = await this.host.classify(task, this.stopping.signal);
      const applied = await this.host.apply(task, result);
      if (!applied) {
        this.queue.fail(task.id, "the session no longer exists");
        return;
      }
      this.queue.complete(task.id, result);
      log.info({ from: task.from, to: task.to, type: result.type }, "enrichment applied");
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      // Interrupted by shutdown: keep the attempt for the next start (requeued as running).
      if (this.stopping.signal.aborted) return;
      const retryable = !(error instanceof PermanentEnrichmentError);
      const retry = retryable && task.attempts < this.maxAttempts ? Date.now() + this.backoffMs * 2 ** (task.attempts - 1) : undefined;
      this.queue.fail(task.id, message, retry);
      log.warn({ err: error, attempt: task.attempts, final: retry === undefined }, "enrichment attempt failed");
    }
  }
}
