import type { StateSnapshot } from "@langchain/langgraph";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import type { TurnRecord } from "../../graph/records.ts";
import type { TurnRuntime } from "../../graph/runtime.ts";
import { RECENT_TURNS, type TurnStateType } from "../../graph/state.ts";
import type { CompiledTurnGraph } from "../../graph/turn.ts";
import { edgeKey, type RelationshipObservation } from "../relationships/types.ts";
import type { SessionCatalog } from "./catalog.ts";
import type { CheckpointFiles } from "./checkpointFiles.ts";
import { observationsOf } from "./enrichmentHost.ts";
import { EngineError, invalid } from "./errors.ts";
import type { Transcript } from "./transcript.ts";

const thread = (id: string) => ({ configurable: { thread_id: id } });

export interface TimelineDeps {
  app: CompiledTurnGraph;
  catalog: SessionCatalog;
  checkpoints: CheckpointFiles;
  transcript: Transcript;
  runtime: TurnRuntime;
  /** Committed turns kept as checkpoints (QS_CHECKPOINT_RETENTION). */
  retention: number;
  /** Fault injection for the crash tests (QS_TEST_CRASH_POINT); a no-op otherwise. */
  crashPoint?: (point: CrashPoint) => void;
  logger: Logger;
}

export type CrashPoint = NonNullable<Env["QS_TEST_CRASH_POINT"]>;

export const outsideRetention = (turn: number, retention: number) =>
  new EngineError(
    "outside_retention",
    409,
    `turn ${turn} is older than the checkpoints kept (the last ${retention} turns, QS_CHECKPOINT_RETENTION); its text is still in the transcript, but the story can only go back within the retention`,
  );

/**
 * A session's story over time: the checkpoint is the commit of every change, and the transcript,
 * memories and enrichment tasks follow it. Every method here expects the caller to hold the
 * session (SessionLocks.reserve); none takes locks itself.
 *
 * Crash consistency: each change commits with ONE checkpoint write (a turn's final checkpoint, a
 * rewind's `updateState` from an older checkpoint). What follows it (transcript rows, memory and
 * task cleanup) is derived from the checkpoint and redone by `reconcile` before the session's next
 * change, so a crash at any instant leaves the session at the old or the new turn.
 */
export class Timeline {
  constructor(private readonly deps: TimelineDeps) {}

  /**
   * Brings the session's side stores in line with its committed checkpoint: rows, memories and
   * tasks of later turns are uncommitted (a crash, an interrupted rewind) and removed; a committed
   * turn missing from the transcript (a crash right after its checkpoint) is restored from the
   * checkpoint's recent window; a checkpoint from before the transcript store (whole history in
   * the state) is migrated. Idempotent and cheap: run before every change.
   */
  async reconcile(id: string): Promise<TurnStateType> {
    const { catalog, transcript, runtime } = this.deps;
    let state = await catalog.committed(id);
    if (state.history.length > 0) await transcript.insertMissing(id, state.history);
    await transcript.deleteAfter(id, state.turn);
    if (state.history.length > RECENT_TURNS) state = await this.migrate(id, state);
    await runtime.memory.use(id, (store) => store.discardAfterTurn(state.turn));
    await runtime.enrichment?.deleteAfterTurn(id, state.turn);
    if ((await catalog.require(id)).turn !== state.turn) await catalog.recordTurn(id, state.turn, new Date().toISOString());
    return state;
  }

  /** After a turn's checkpoint committed: its transcript row, then checkpoints beyond the retention go. */
  async recordCommitted(id: string, record: TurnRecord): Promise<void> {
    const { checkpoints, transcript, retention } = this.deps;
    await transcript.append(id, record, (await checkpoints.latestId(id)) ?? null);
    const bound = await transcript.checkpointOf(id, record.turn - retention);
    if (bound) await checkpoints.pruneBefore(id, bound);
  }

  /** The committed story's recent transcript (what GET /sessions/:id shows), oldest first. */
  async recent(id: string, state: TurnStateType, limit: number): Promise<TurnRecord[]> {
    return (await this.page(id, state, limit)).items.reverse();
  }

  /** Committed turns before `before`, newest first; never a row beyond the checkpoint's turn. */
  async page(id: string, state: TurnStateType, limit: number, before?: number) {
    await this.fillFrom(id, state);
    return this.deps.transcript.page(id, limit, Math.min(before ?? Number.MAX_SAFE_INTEGER, state.turn + 1));
  }

  /** Every committed turn's metrics, oldest first. */
  async metrics(id: string, state: TurnStateType) {
    await this.fillFrom(id, state);
    return (await this.deps.transcript.metrics(id)).filter((m) => m.turn <= state.turn);
  }

  /**
   * For reads: a crash between a checkpoint and its row (the row is in the checkpoint's window), or
   * a checkpoint from before the transcript store (whole history). Rows are added, never replaced or
   * deleted here (a turn in flight may be writing its own).
   */
  private async fillFrom(id: string, state: TurnStateType): Promise<void> {
    if (state.history.length > 0) await this.deps.transcript.insertMissing(id, state.history);
  }

  /**
   * The story goes back to the end of `turn` (the caller holds the session). Returns the state
   * after the rewind; rewinding to the current turn changes nothing.
   */
  async rewind(id: string, turn: number): Promise<TurnStateType> {
    const { app, transcript, runtime, checkpoints, catalog } = this.deps;
    const state = await this.reconcile(id);
    if (turn > state.turn) throw invalid(`turn ${turn} is after the story's current turn ${state.turn}`);
    if (turn === state.turn) return state;
    const target = await this.turnEnd(id, turn);
    // The commit: a new latest checkpoint whose values are the target's (LangGraph time travel).
    const next = await app.updateState(target.config, {}, "confirm");
    this.deps.crashPoint?.("rewind:committed");
    // Derived from that checkpoint; `reconcile` redoes each step after a crash.
    await transcript.deleteAfter(id, turn);
    await runtime.memory.use(id, (store) => store.discardAfterTurn(turn));
    await runtime.enrichment?.deleteAfterTurn(id, turn);
    const [from, to] = [checkpointIdOf(target.config), checkpointIdOf(next)];
    if (from && to) await checkpoints.deleteBetween(id, from, to);
    await this.reapplyEnrichment(id, id, turn, target);
    await catalog.recordTurn(id, turn, new Date().toISOString());
    this.deps.logger.info({ sessionId: id, from: state.turn, to: turn }, "session rewound");
    return catalog.committed(id);
  }

  /**
   * The newest checkpoint of the session's current line whose story is at the end of `turn`
   * (enrichment results applied after that turn included). 409 when pruned.
   */
  async turnEnd(id: string, turn: number): Promise<StateSnapshot> {
    const byId = new Map<string, StateSnapshot>();
    let latest: StateSnapshot | undefined;
    for await (const snapshot of this.deps.app.getStateHistory(thread(id))) {
      latest ??= snapshot;
      byId.set(checkpointIdOf(snapshot.config) ?? "", snapshot);
    }
    // Walk parents, not ids: checkpoints of undone takes are newer than the turn they replaced.
    for (let s = latest; s; s = byId.get(checkpointIdOf(s.parentConfig) ?? "")) {
      const at = (s.values as TurnStateType).turn;
      if (at === turn) return s;
      if (at < turn) break;
    }
    throw outsideRetention(turn, this.deps.retention);
  }

  /**
   * Enrichment results of turns ≤ `turn` that were applied after `target` was written are not in
   * its graph: they are applied again to `toId` (the rewound session, or a fork).
   */
  async reapplyEnrichment(fromId: string, toId: string, turn: number, target: StateSnapshot): Promise<void> {
    const queue = this.deps.runtime.enrichment;
    if (!queue) return;
    const { edges } = (target.values as TurnStateType).relationships;
    const since = target.createdAt ?? "";
    const missing: RelationshipObservation[] = (await queue.forSession(fromId))
      .tasks.flatMap((t) => (t.status === "done" && t.result && t.turn <= turn && t.updated_at >= since ? observationsOf(t, t.result) : []))
      .filter((o) => !edges[edgeKey(o.from, o.to, o.type)]?.evidence.includes(o.memoryId));
    if (missing.length > 0) await this.deps.catalog.applyRelationships(toId, missing);
  }

  /**
   * A checkpoint that still carries the whole history (written before the transcript store):
   * the history went to the transcript in `reconcile`; here an empty history update trims the
   * state to the recent window, and the old checkpoints (each holding the whole history) go.
   */
  private async migrate(id: string, state: TurnStateType): Promise<TurnStateType> {
    const { app, checkpoints, catalog, logger } = this.deps;
    await app.updateState(thread(id), { history: [] }, "confirm");
    const latest = await checkpoints.latestId(id);
    const pruned = latest ? await checkpoints.pruneBefore(id, latest) : 0;
    logger.info({ sessionId: id, turns: state.history.length, pruned }, "session migrated: transcript out of the checkpoint");
    return catalog.committed(id);
  }
}

/** The checkpoint id in a config (LangGraph puts it in `configurable.checkpoint_id`). */
export function checkpointIdOf(config: { configurable?: Record<string, unknown> } | undefined): string | undefined {
  const id = config?.configurable?.checkpoint_id;
  return typeof id === "string" ? id : undefined;
}
