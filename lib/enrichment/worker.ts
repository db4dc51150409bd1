import type { Logger } from "../config/logger.ts";
import { PermanentEnrichmentError } from "./classify.ts";
import type { EnrichmentResult, EnrichmentStore, EnrichmentTask } from "./queue.ts";

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
  /** The claim loop in progress (one at a time: claims are awaited queue calls). */
  private pumping: Promise<void> | undefined;
  /** A kick arrived while the loop ran: run it once more. */
  private kickedAgain = false;
  /** Aborts model calls still running when the worker stops (shutdown must not wait on them). */
  private readonly stopping = new AbortController();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;

  constructor(
    private readonly queue: EnrichmentStore,
    private readonly host: EnrichmentHost,
    private readonly opts: WorkerOptions,
  ) {
    this.concurrency = opts.concurrency ?? 1;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.backoffMs = opts.backoffMs ?? 1000;
  }

  /** Resumes tasks left running by a previous process, then starts draining. */
  start(): void {
    this.pumping = this.queue
      .requeueRunning()
      .then((resumed) => {
        if (resumed > 0) this.opts.logger.info({ resumed }, "enrichment: resumed tasks from before the restart");
      })
      .catch((err: unknown) => this.opts.logger.error({ err }, "enrichment: could not resume tasks"))
      .finally(() => {
        this.pumping = undefined;
        this.kick();
      });
  }

  /** Starts as many tasks as the concurrency allows; schedules a wake-up for backed-off ones. */
  kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.kickedAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((err: unknown) => this.opts.logger.error({ err }, "enrichment: could not claim tasks"))
      .finally(() => {
        this.pumping = undefined;
        if (this.kickedAgain) {
          this.kickedAgain = false;
          this.kick();
        }
      });
  }

  /** Resolves when nothing is running or queued (for tests and shutdown). */
  idle(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.kick();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopping.abort(new Error("enrichment worker stopped"));
    await this.pumping;
    while (this.active > 0) await new Promise((r) => setTimeout(r, 20));
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async pump(): Promise<void> {
    while (this.active < this.concurrency && !this.stopped) {
      const task = await this.queue.claimNext();
      if (!task) break;
      this.active++;
      void this.run(task).finally(() => {
        this.active--;
        this.kick();
      });
    }
    const due = await this.queue.nextDueAt();
    this.scheduleWake(due);
    if (this.active === 0 && due === undefined && !this.kickedAgain) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private scheduleWake(due: number | undefined): void {
    clearTimeout(this.timer);
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
        await this.queue.fail(task.id, "the session no longer exists");
        return;
      }
      await this.queue.complete(task.id, result);
      const edges = result.edges.map((e) => `${e.from}>${e.to}:${e.type}`);
      log.info({ from: task.from, to: task.to, edges }, edges.length === 0 ? "enrichment: no relationship" : "enrichment applied");
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      // Interrupted by shutdown: keep the attempt for the next start (requeued as running).
      if (this.stopping.signal.aborted) return;
      const retryable = !(error instanceof PermanentEnrichmentError);
      const retry = retryable && task.attempts < this.maxAttempts ? Date.now() + this.backoffMs * 2 ** (task.attempts - 1) : undefined;
      await this.queue.fail(task.id, message, retry).catch((err: unknown) => log.error({ err }, "enrichment: could not record a failed attempt"));
      log.warn({ err: error, attempt: task.attempts, final: retry === undefined }, "enrichment attempt failed");
    }
  }
}
