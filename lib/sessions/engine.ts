import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { assertSessionId } from "../common/sessionIds.ts";
import { countTokens } from "../common/tokens.ts";
import type { TurnRecord } from "../../graph/records.ts";
import { createRuntime, type TurnRuntime } from "../../graph/runtime.ts";
import type { TurnStateType } from "../../graph/state.ts";
import { builder, type CompiledTurnGraph } from "../../graph/turn.ts";
import { EnrichmentWorker } from "../enrichment/worker.ts";
import { TurnMetricsRegistry } from "../metrics/prometheus.ts";
import type { ChatModelFactory } from "../models/factory.ts";
import { extractRelationships } from "../relationships/extract.ts";
import { warmUpActionReader } from "../storyteller/storyIntent.ts";
import type { RelationshipObservation } from "../relationships/types.ts";
import { SessionCatalog, type CreateOptions } from "./catalog.ts";
import { enrichmentHost } from "./enrichmentHost.ts";
import { SessionLocks } from "./locks.ts";
import { EngineError, shuttingDown } from "./errors.ts";
import type { TurnOptions } from "./playTurn.ts";
import type { SessionSummary } from "./sessionIndex.ts";
import { openStorage, type EngineStorage } from "./storage.ts";
import { TurnRunner } from "./turns.ts";
import type { CheckpointFiles } from "./checkpointFiles.ts";
import { Forks } from "./forks.ts";
import { Timeline, type CrashPoint } from "./timeline.ts";
import type { Transcript, TranscriptPage } from "./transcript.ts";
import type { TurnStreamEvent } from "./turnEvents.ts";

/**
 * The story engine of one process. It wires the parts and owns their lifecycle: the session
 * catalog (index + checkpoints + memory folders), per-session locks, the turn runner, metrics
 * and the background enrichment worker. Each part has one job; this class only composes them.
 */
export class StoryEngine {
  readonly app: CompiledTurnGraph;
  readonly metrics: TurnMetricsRegistry;
  readonly sessions: SessionCatalog;
  readonly locks: SessionLocks;
  /** Drains relationship enrichment in the background (after turns, never during one). */
  readonly enrichment: EnrichmentWorker | undefined;
  readonly transcript: Transcript;
  readonly checkpointFiles: CheckpointFiles;
  private readonly timeline: Timeline;
  private readonly forks: Forks;
  private readonly turns: TurnRunner;
  private closing = false;
  /** Interrupted deletes being finished (started on open; deleted sessions are 404 meanwhile). */
  private recovery: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly env: Env,
    readonly logger: Logger,
    readonly runtime: TurnRuntime,
    private readonly storage: EngineStorage,
  ) {
    const { saver, index } = storage;
    this.locks = new SessionLocks(storage.clusterLocks);
    this.app = builder.compile({ checkpointer: saver });
    this.sessions = new SessionCatalog(this.app, saver, index, runtime, env.QS_DATA_DIR, logger);
    const crashPoint = (point: CrashPoint) => {
      if (env.QS_TEST_CRASH_POINT === point) process.kill(process.pid, "SIGKILL");
    };
    this.transcript = storage.transcript;
    this.checkpointFiles = storage.checkpointFiles;
    this.timeline = new Timeline({
      app: this.app,
      catalog: this.sessions,
      checkpoints: this.checkpointFiles,
      transcript: this.transcript,
      runtime,
      retention: env.QS_CHECKPOINT_RETENTION,
      crashPoint,
      logger,
    });
    this.forks = new Forks({ app: this.app, checkpoints: this.checkpointFiles, catalog: this.sessions, timeline: this.timeline, transcript: this.transcript, runtime, dataDir: env.QS_DATA_DIR, crashPoint, logger });
    this.metrics = new TurnMetricsRegistry(
      () => this.sessions.count(),
      () => this.runtime.memory.openCount,
    );
    this.enrichment = runtime.enrichment
      ? new EnrichmentWorker(runtime.enrichment, enrichmentHost(this.enrichmentTarget()), {
          concurrency: env.QS_ENRICH_CONCURRENCY,
          maxAttempts: env.QS_ENRICH_MAX_ATTEMPTS,
          backoffMs: env.QS_ENRICH_BACKOFF_MS,
          logger,
        })
      : undefined;
    this.turns = new TurnRunner({
      app: this.app,
      runtime,
      catalog: this.sessions,
      locks: this.locks,
      metrics: this.metrics,
      turnTimeoutMs: env.QS_TURN_TIMEOUT_MS,
      isClosing: () => this.closing,
      afterTurn: () => this.enrichment?.kick(),
      timeline: this.timeline,
      logger,
    });
    // Every memory store is opened against the session's committed turn: unknown or deleted
    // sessions get 404 with nothing created on disk, and memories of a turn that never committed
    // (a crash between the memory write and the checkpoint) are removed before anyone reads them.
    runtime.memory.guardOpens(async (id) => {
      await this.sessions.require(id);
      // A turn in flight here or on another instance (Postgres): its memories are not orphans.
      if (await this.locks.isBusyAnywhere(id)) return undefined;
      const { turn } = await this.sessions.committed(id);
      await this.sessions.require(id);
      return turn;
    });
  }

  /** After construction, before any request: crash debris first, then background work. */
  private async start(): Promise<void> {
    // What a crash left of an unfinished fork goes before anything can list or open it.
    await this.forks.sweep();
    this.recovery = this.sessions.completeInterruptedDeletes().catch((err: unknown) => this.logger.error({ err }, "could not finish interrupted deletes"));
    this.enrichment?.start();
  }

  /**
   * Opens the engine on `env.QS_DATA_DIR`, with its shared stores in PostgreSQL when
   * QS_DATABASE_URL is set (storage.ts). `wrapModels` lets a harness adapt the model factory
   * (e.g. evals seed the offline storyteller by test case instead of by session).
   */
  static async open(env: Env, logger: Logger, options: { wrapModels?: (models: ChatModelFactory) => ChatModelFactory } = {}): Promise<StoryEngine> {
    mkdirSync(path.join(env.QS_DATA_DIR, "sessions"), { recursive: true });
    const storage = await openStorage(env, logger);
    const runtime = createRuntime(env, logger, { postgres: storage.postgres });
    if (options.wrapModels) runtime.models = options.wrapModels(runtime.models);
    const engine = new StoryEngine(env, logger, runtime, storage);
    await engine.start();
    return engine;
  }

  /** Which back end holds the shared stores: the data folder's SQLite files, or PostgreSQL. */
  get backend(): EngineStorage["backend"] {
    return this.storage.backend;
  }

  /** Rate-limit counters shared by every instance (PostgreSQL only; undefined: count in this process). */
  get sharedRateCounters(): EngineStorage["rateCounters"] {
    return this.storage.rateCounters;
  }

  /**
   * Builds what the first turn would otherwise pay for (about 1.5 s on a small machine): the o200k
   * token encoder, the relationship cue lexicon and the embedder, so that turn's first token is
   * not late.
   */
  async warmUp(): Promise<void> {
    await this.recovery;
    countTokens("warm up the encoder");
    extractRelationships({ entity_id: "a", content: "Ann trusts Bo." }, [{ id: "a", name: "Ann" }, { id: "b", name: "Bo" }]);
    if (this.env.QS_EMBEDDINGS === "offline") await this.runtime.memory.embedder.embedQuery("warm up");
    if (this.env.QS_MODEL_PROVIDER === "offline") warmUpActionReader();
  }

  /** `owner`: the API key name that creates the session (null without keys); `options`: see SessionCatalog.create. */
  createSession(scenario: unknown, owner: string | null = null, options: CreateOptions = {}): Promise<SessionSummary> {
    return this.sessions.create(scenario, owner, options);
  }

  /** The card's lorebook kept with the session for export (JSON, unvalidated), undefined when none (docs/cards.md). */
  cardBook(id: string): Promise<string | undefined> {
    return this.sessions.cardBook(assertSessionId(id));
  }

  listSessions(limit?: number, offset?: number, filter: { owner?: string | null } = {}): Promise<{ items: SessionSummary[]; total: number }> {
    return this.sessions.list(limit, offset, filter);
  }

  /** The session's index row (404 when unknown); no checkpoint is read. */
  requireSession(id: string): Promise<SessionSummary> {
    return this.sessions.require(assertSessionId(id));
  }

  /** The session's committed story (404 when unknown). */
  getSession(id: string): Promise<{ summary: SessionSummary; state: TurnStateType }> {
    return this.sessions.get(assertSessionId(id));
  }

  isBusy(id: string): boolean {
    return this.locks.isBusy(id);
  }

  /** Busy on this instance or, on the Postgres back end, on any other. */
  isBusyAnywhere(id: string): Promise<boolean> {
    return this.locks.isBusyAnywhere(id);
  }

  /** Plays one turn (409 when the session is busy; see TurnRunner). */
  runTurn(id: string, input: string, onEvent: (e: TurnStreamEvent) => void, options: TurnOptions = {}): Promise<TurnRecord> {
    return this.turns.run(assertSessionId(id), input, onEvent, options);
  }

  /**
   * The one way background work writes a session's graph: while no turn of it runs. Observations
   * from a memory that a rewind or regenerate undid meanwhile are dropped.
   */
  applyRelationships(id: string, observations: RelationshipObservation[]): Promise<void> {
    return this.locks.whileIdle(id, async () => {
      const { turn } = await this.sessions.committed(id);
      const memories = new Map((await this.runtime.memory.use(id, async (store) => store.get(observations.map((o) => o.memoryId)))).map((m) => [m.id, m]));
      // Imported memories (`migrate`) keep their legacy turn numbers: they predate this session's turns.
      const current = observations.filter((o) => {
        const memory = memories.get(o.memoryId);
        return memory !== undefined && (o.turn <= turn || memory.source_id !== undefined);
      });
      if (current.length > 0) await this.sessions.applyRelationships(id, current);
    });
  }

  /** Runs a timeline change with the session reserved (409 session_busy while a turn runs). */
  private async exclusively<T>(id: string, fn: () => Promise<T>): Promise<T> {
    await this.sessions.require(assertSessionId(id));
    await this.locks.waitForHolds(id);
    if (this.closing) throw shuttingDown();
    const { release } = await this.locks.reserve(id);
    try {
      return await fn();
    } finally {
      release();
      this.enrichment?.kick();
    }
  }

  /** Plays the last turn's input again as a new take; the previous take is undone (409 when busy). */
  async regenerate(id: string, onEvent: (e: TurnStreamEvent) => void, options: TurnOptions = {}): Promise<TurnRecord> {
    return this.turns.regenerate(assertSessionId(id), onEvent, options);
  }

  /** The story goes back to the end of `turn` (409 when busy or outside the retention). */
  rewind(id: string, turn: number): Promise<TurnStateType> {
    return this.exclusively(id, () => this.timeline.rewind(id, turn));
  }

  /** A new session starting at the end of `turn` of this one; the original is untouched. */
  fork(id: string, turn: number): Promise<SessionSummary> {
    return this.exclusively(id, () => this.forks.fork(id, turn));
  }

  /** The session's committed turns before `before`, newest first. */
  async turnsPage(id: string, limit: number, before?: number): Promise<TranscriptPage> {
    const state = await this.sessions.committed((await this.sessions.require(assertSessionId(id))).id);
    return this.timeline.page(id, state, limit, before);
  }

  /** One committed turn (404 when the story has not reached it). */
  async turnRecord(id: string, turn: number): Promise<TurnRecord> {
    const page = await this.turnsPage(id, 1, turn + 1);
    const record = page.items[0];
    if (!record || record.turn !== turn) throw new EngineError("turn_not_found", 404, `session ${id} has no committed turn ${turn}`);
    return record;
  }

  /** The committed story's last `limit` turns, oldest first (what GET /sessions/:id shows). */
  async recentTurns(id: string, state: TurnStateType, limit: number): Promise<TurnRecord[]> {
    return this.timeline.recent(assertSessionId(id), state, limit);
  }

  /** Every committed turn's metrics, oldest first. */
  async turnMetrics(id: string) {
    const { state } = await this.sessions.get(assertSessionId(id));
    return this.timeline.metrics(id, state);
  }

  /** The background enrichment tasks of a session and their state. */
  async enrichmentStatus(id: string) {
    return (await this.runtime.enrichment?.forSession(assertSessionId(id))) ?? { counts: { queued: 0, running: 0, done: 0, failed: 0 }, tasks: [] };
  }

  /** Removes everything of the session; 409 while one of its turns runs. */
  async deleteSession(id: string): Promise<void> {
    await this.sessions.require(assertSessionId(id));
    await this.locks.waitForHolds(id);
    const { release } = await this.locks.reserve(id);
    try {
      await this.sessions.delete(id);
      await this.transcript.deleteSession(id);
    } finally {
      release();
    }
  }

  /** Lets running turns finish (up to `graceMs`), aborts the rest, then closes files. */
  async close(graceMs = 10_000): Promise<void> {
    this.closing = true;
    await this.recovery;
    await this.locks.drain(graceMs, new Error("server shutting down"));
    await this.enrichment?.stop();
    await this.runtime.enrichment?.close();
    await this.runtime.memory.closeAll();
    await this.storage.close();
  }

  private enrichmentTarget() {
    return {
      models: this.runtime.models,
      session: async (id: string) => {
        const { state } = await this.sessions.get(id);
        return { entities: state.entities, turn: state.turn };
      },
      applyRelationships: (id: string, observations: RelationshipObservation[]) => this.applyRelationships(id, observations),
    };
  }
}
