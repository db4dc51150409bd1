import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import type { TurnConfiguration } from "../../graph/configuration.ts";
import type { ChatModelFactory } from "../models/factory.ts";
import { createRuntime, type TurnRuntime } from "../../graph/runtime.ts";
import type { TurnRecord } from "../../graph/records.ts";
import type { TurnStateType } from "../../graph/state.ts";
import { builder } from "../../graph/turn.ts";
import { TurnMetricsRegistry } from "../metrics/prometheus.ts";
import { EnrichmentWorker } from "../enrichment/worker.ts";
import { countTokens } from "../prompts/tokens.ts";
import { extractRelationships } from "../relationships/extract.ts";
import { enrichmentHost } from "./enrichmentHost.ts";
import { loadBundledScenario } from "../scenarios/catalog.ts";
import { formatIssues, ScenarioSchema } from "../scenarios/schema.ts";
import { busy, EngineError, invalid, notFound, shuttingDown } from "./errors.ts";
import { assertSessionId, newSessionId, sessionDir } from "../common/sessionIds.ts";
import { initialStateFor } from "../../graph/initialState.ts";
import { SessionIndex, type SessionSummary } from "./sessionIndex.ts";
import { playTurn, type TurnOptions } from "./playTurn.ts";
import type { TurnStreamEvent } from "./turnEvents.ts";

export type CompiledTurnGraph = ReturnType<typeof builder.compile>;

/**
 * The story engine of one process: sessions (SQLite index + checkpointed graph state), the
 * compiled turn graph with its SQLite saver, and one turn at a time per session.
 */
export class StoryEngine {
  readonly app: CompiledTurnGraph;
  /** Prometheus counters and histograms of this engine's turns. */
  readonly metrics: TurnMetricsRegistry;
  /** Sessions playing a turn (or being deleted): one at a time per session. */
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** Short holds by background enrichment while it writes to a session's graph. */
  private readonly holds = new Map<string, Promise<void>>();
  /** Drains relationship enrichment in the background (after turns, never during one). */
  readonly enrichment: EnrichmentWorker | undefined;
  private closing = false;

  private constructor(
    readonly env: Env,
    readonly logger: Logger,
    readonly runtime: TurnRuntime,
    private readonly index: SessionIndex,
    private readonly saver: SqliteSaver,
  ) {
    this.app = builder.compile({ checkpointer: saver });
    this.metrics = new TurnMetricsRegistry(
      () => this.index.count(),
      () => this.runtime.memory.openCount,
    );
    this.enrichment = runtime.enrichment
      ? new EnrichmentWorker(runtime.enrichment, enrichmentHost(this), {
          concurrency: env.QS_ENRICH_CONCURRENCY,
          maxAttempts: env.QS_ENRICH_MAX_ATTEMPTS,
          backoffMs: env.QS_ENRICH_BACKOFF_MS,
          logger,
        })
      : undefined;
    this.enrichment?.start();
  }

  /**
   * Opens the engine on `env.QS_DATA_DIR`. `wrapModels` lets a harness adapt the model factory
   * (e.g. evals seed the offline storyteller by test case instead of by session).
   */
  static open(env: Env, logger: Logger, options: { wrapModels?: (models: ChatModelFactory) => ChatModelFactory } = {}): StoryEngine {
    mkdirSync(path.join(env.QS_DATA_DIR, "sessions"), { recursive: true });
    const saver = SqliteSaver.fromConnString(path.join(env.QS_DATA_DIR, "checkpoints.sqlite"));
    const index = new SessionIndex(path.join(env.QS_DATA_DIR, "sessions.sqlite"));
    const runtime = createRuntime(env, logger);
    if (options.wrapModels) runtime.models = options.wrapModels(runtime.models);
    return new StoryEngine(env, logger, runtime, index, saver);
  }

  /**
   * Builds what the first turn would otherwise pay for (about 1.5 s on a small machine): the o200k
   * token encoder, the relationship cue lexicon and the embedder, so that turn's first token is
   * not late.
   */
  async warmUp(): Promise<void> {
    countTokens("warm up the encoder");
    extractRelationships({ entity_id: "a", content: "Ann trusts Bo." }, [{ id: "a", name: "Ann" }, { id: "b", name: "Bo" }]);
    if (this.env.QS_EMBEDDINGS === "offline") await this.runtime.memory.embedder.embedQuery("warm up");
  }

  /** Starts a session from a bundled scenario name or an inline scenario (validated). */
  async createSession(scenario: unknown): Promise<SessionSummary> {
    let name: string;
    let parsed;
    if (typeof scenario === "string") {
      name = scenario;
      parsed = loadBundledScenario(scenario);
    } else {
      const result = ScenarioSchema.safeParse(scenario);
      if (!result.success) throw invalid("invalid scenario", formatIssues(result.error, "scenario"));
      name = "inline";
      parsed = result.data;
    }
    const id = newSessionId();
    const now = new Date().toISOString();
    await this.app.updateState({ configurable: { thread_id: id } }, initialStateFor(id, name, parsed), "confirm");
    const summary: SessionSummary = { id, scenario: name, title: parsed.title, created_at: now, updated_at: now, turn: 0 };
    this.index.insert(summary);
    this.logger.info({ sessionId: id, scenario: name }, "session created");
    return summary;
  }

  listSessions(limit?: number, offset?: number): { items: SessionSummary[]; total: number } {
    return this.index.list(limit, offset);
  }

  /** The session's index row (404 when unknown); no checkpoint is read. */
  requireSession(id: string): SessionSummary {
    const summary = this.index.get(assertSessionId(id));
    if (!summary) throw notFound(id);
    return summary;
  }

  /** The session's committed story (404 when unknown). */
  async getSession(id: string): Promise<{ summary: SessionSummary; state: TurnStateType }> {
    const summary = this.requireSession(id);
    const snapshot = await this.app.getState({ configurable: { thread_id: id } });
    return { summary, state: snapshot.values as TurnStateType };
  }

  isBusy(id: string): boolean {
    return this.running.has(id);
  }

  /**
   * Plays one turn; events stream to `onEvent` as they happen. A second turn on a busy session
   * is refused (409), never queued: the client decides whether to retry.
   */
  async runTurn(id: string, input: string, onEvent: (e: TurnStreamEvent) => void, options: TurnOptions = {}): Promise<TurnRecord> {
    this.requireSession(id);
    // An enrichment write holds the session for milliseconds: wait for it rather than refuse.
    while (this.holds.has(id)) await this.holds.get(id);
    if (this.closing) throw shuttingDown();
    const release = this.reserve(id);
    const controller = this.running.get(id)!.controller;
    // The SDK's own timeout stops at the response headers; a stream that stalls later is ended here.
    const signals = [controller.signal, AbortSignal.timeout(this.env.QS_TURN_TIMEOUT_MS)];
    if (options.signal) signals.push(options.signal);
    try {
      // Numbered from the checkpoint, read after the session is reserved: no other turn can commit meanwhile.
      const committed = (await this.app.getState({ configurable: { thread_id: id } })).values as TurnStateType;
      const record = await playTurn(this.app, this.runtime, {
        sessionId: id,
        turn: committed.turn + 1,
        input,
        onEvent,
        signal: AbortSignal.any(signals),
        options,
      });
      this.index.recordTurn(id, record.turn, record.at);
      this.metrics.recordTurn(record.metrics, record.tool_calls);
      this.runtime.enrichment?.release(id);
      return record;
    } catch (error) {
      this.metrics.recordFailure(error instanceof EngineError ? error.code : "internal");
      await this.discardUncommitted(id);
      throw error;
    } finally {
      release();
      // After the done (or error) event has gone out: enrichment never delays a turn.
      this.enrichment?.kick();
    }
  }

  /**
   * After a failed turn: a node stopped by an abort may still have stored its memories (LangGraph
   * does not interrupt a running node), so whatever is newer than the committed turn is removed,
   * and the turn's held enrichment tasks are dropped.
   */
  private async discardUncommitted(id: string): Promise<void> {
    try {
      const { turn } = (await this.app.getState({ configurable: { thread_id: id } })).values as TurnStateType;
      const removed = await this.runtime.memory.use(id, (store) => store.discardAfterTurn(turn));
      const dropped = this.runtime.enrichment?.dropHeld(id) ?? 0;
      if (removed + dropped > 0) this.logger.warn({ sessionId: id, removed, dropped }, "removed what a failed turn had stored");
    } catch (error) {
      this.logger.error({ err: error, sessionId: id }, "could not clean up after a failed turn");
    }
  }

  /**
   * Marks the session busy (turns and deletes get 409, enrichment waits) until the returned
   * release is called. Synchronous, so nothing can slip in between the check and the mark.
   */
  private reserve(id: string): () => void {
    if (this.running.has(id)) throw busy(id);
    let finished = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.running.set(id, { controller: new AbortController(), done });
    return () => {
      this.running.delete(id);
      finished();
    };
  }

  /** Runs `fn` while no turn of the session runs, and keeps new turns waiting until it ends. */
  async withIdleSession<T>(id: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      const run = this.running.get(id);
      const hold = this.holds.get(id);
      if (run) await run.done;
      else if (hold) await hold;
      else break;
    }
    this.requireSession(id);
    let release = () => {};
    this.holds.set(id, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await fn();
    } finally {
      this.holds.delete(id);
      release();
    }
  }

  /** The background enrichment tasks of a session and their state. */
  enrichmentStatus(id: string) {
    return this.runtime.enrichment?.forSession(assertSessionId(id)) ?? { counts: { queued: 0, running: 0, done: 0, failed: 0 }, tasks: [] };
  }

  /** Removes the session's checkpoints, memory folder and index row. */
  async deleteSession(id: string): Promise<void> {
    this.requireSession(id);
    while (this.holds.has(id)) await this.holds.get(id);
    const release = this.reserve(id);
    try {
      await this.saver.deleteThread(id);
      await this.runtime.memory.closeSession(id);
      this.runtime.enrichment?.deleteSession(id);
      await rm(sessionDir(this.env.QS_DATA_DIR, id), { recursive: true, force: true });
      this.index.delete(id);
    } finally {
      release();
    }
    this.logger.info({ sessionId: id }, "session deleted");
  }

  /** Lets running turns finish (up to `graceMs`), aborts the rest, then closes files. */
  async close(graceMs = 10_000): Promise<void> {
    this.closing = true;
    const pending = [...this.running.values()];
    const timer = setTimeout(() => pending.forEach((r) => r.controller.abort(new Error("server shutting down"))), graceMs);
    await Promise.all(pending.map((r) => r.done));
    clearTimeout(timer);
    await this.enrichment?.stop();
    this.runtime.enrichment?.close();
    await this.runtime.memory.closeAll();
    this.index.close();
    (this.saver as unknown as { db: { close(): void } }).db.close();
  }
}

export type { TurnConfiguration };
