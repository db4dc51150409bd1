import type { Logger } from "../config/logger.ts";
import type { TurnRecord } from "../../graph/records.ts";
import type { TurnRuntime } from "../../graph/runtime.ts";
import type { CompiledTurnGraph } from "../../graph/turn.ts";
import { yieldToEventLoop } from "../common/eventLoop.ts";
import { removeUncommittedMemories } from "../memory/uncommitted.ts";
import type { TurnMetricsRegistry } from "../metrics/prometheus.ts";
import type { SessionCatalog } from "./catalog.ts";
import { EngineError, shuttingDown } from "./errors.ts";
import type { SessionLocks } from "./locks.ts";
import type { Timeline } from "./timeline.ts";
import { playTurn, type TurnOptions } from "./playTurn.ts";
import type { TurnStreamEvent } from "./turnEvents.ts";

export interface TurnRunnerDeps {
  app: CompiledTurnGraph;
  runtime: TurnRuntime;
  catalog: SessionCatalog;
  locks: SessionLocks;
  metrics: TurnMetricsRegistry;
  /** A whole turn is abandoned (nothing saved) after this long. */
  turnTimeoutMs: number;
  isClosing: () => boolean;
  /** Called once the turn's done (or error) event has gone out: background work may start. */
  afterTurn: () => void;
  timeline: Timeline;
  logger: Logger;
}

/** Plays turns: one at a time per session, within the turn timeout, all or nothing. */
export class TurnRunner {
  constructor(private readonly deps: TurnRunnerDeps) {}

  /**
   * Plays one turn; events stream to `onEvent` as they happen. A second turn on a busy session
   * is refused (409), never queued: the client decides whether to retry.
   */
  run(id: string, input: string, onEvent: (e: TurnStreamEvent) => void, options: TurnOptions = {}): Promise<TurnRecord> {
    return this.play(id, async () => input, onEvent, options);
  }

  /**
   * Replays the last turn's input as a new take: the last turn is undone (rewound, one checkpoint
   * write) and played again within the same reservation, so no other turn can slip in between.
   * If the new take fails, the story stays at the end of the turn before (the old take is gone).
   */
  regenerate(id: string, onEvent: (e: TurnStreamEvent) => void, options: TurnOptions = {}): Promise<TurnRecord> {
    const { timeline } = this.deps;
    return this.play(
      id,
      async () => {
        const state = await timeline.reconcile(id);
        const last = (await timeline.page(id, state, 1)).items[0];
        if (!last || state.turn === 0) throw new EngineError("nothing_to_regenerate", 409, "the session has no turn to regenerate yet");
        await timeline.rewind(id, state.turn - 1);
        return last.input;
      },
      onEvent,
      options,
    );
  }

  private async play(id: string, inputOf: () => Promise<string>, onEvent: (e: TurnStreamEvent) => void, options: TurnOptions): Promise<TurnRecord> {
    const { catalog, locks, runtime, metrics, timeline } = this.deps;
    await catalog.require(id);
    // An enrichment write holds the session for milliseconds: wait for it rather than refuse.
    await locks.waitForHolds(id);
    if (this.deps.isClosing()) throw shuttingDown();
    const { signal, release } = await locks.reserve(id);
    // The SDK's own timeout stops at the response headers; a stream that stalls later is ended here.
    const signals = [signal, AbortSignal.timeout(this.deps.turnTimeoutMs)];
    if (options.signal) signals.push(options.signal);
    try {
      const input = await inputOf();
      // Numbered from the checkpoint, read after the session is reserved: no other turn can commit meanwhile.
      const committed = await timeline.reconcile(id);
      // Reading the checkpoint and starting the graph (which reads it again) are each a few ms of
      // synchronous work per turn: let other requests in between.
      await yieldToEventLoop();
      const record = await playTurn(this.deps.app, runtime, {
        sessionId: id,
        turn: committed.turn + 1,
        input,
        onEvent,
        signal: AbortSignal.any(signals),
        options,
      });
      await timeline.recordCommitted(id, record);
      await catalog.recordTurn(id, record.turn, record.at);
      metrics.recordTurn(record.metrics, record.tool_calls);
      await runtime.enrichment?.release(id);
      return record;
    } catch (error) {
      metrics.recordFailure(error instanceof EngineError ? error.code : "internal");
      await this.discardUncommitted(id);
      throw error;
    } finally {
      release();
      this.deps.afterTurn();
    }
  }

  /**
   * After a failed turn: a node stopped by an abort may still have stored its memories (LangGraph
   * does not interrupt a running node), so whatever is newer than the committed turn is removed,
   * and the turn's held enrichment tasks are dropped.
   */
  private async discardUncommitted(id: string): Promise<void> {
    const { catalog, runtime, logger } = this.deps;
    try {
      const { turn } = await catalog.committed(id);
      const removed = await runtime.memory.use(id, (store) => removeUncommittedMemories(store, turn));
      const dropped = (await runtime.enrichment?.dropHeld(id)) ?? 0;
      if (removed + dropped > 0) logger.warn({ sessionId: id, removed, dropped }, "removed what a failed turn had stored");
    } catch (error) {
      logger.error({ err: error, sessionId: id }, "could not clean up after a failed turn");
    }
  }
}
