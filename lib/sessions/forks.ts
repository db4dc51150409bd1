import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { StateSnapshot } from "@langchain/langgraph";
import type { Logger } from "../config/logger.ts";
import { isThreadId, newSessionId, sessionDir } from "../common/sessionIds.ts";
import type { TurnRuntime } from "../../graph/runtime.ts";
import type { TurnStateType } from "../../graph/state.ts";
import type { CompiledTurnGraph } from "../../graph/turn.ts";
import type { SessionCatalog } from "./catalog.ts";
import type { CheckpointFiles } from "./checkpointFiles.ts";
import { invalid } from "./errors.ts";
import type { SessionSummary } from "./sessionIndex.ts";
import type { CrashPoint, Timeline } from "./timeline.ts";
import type { Transcript } from "./transcript.ts";

/**
 * Writes a copied story state as the latest checkpoint of thread `id`, as if its turn had just
 * ended (node "confirm"); the graph is replaced whole, not merged through its reducer. Forks and
 * the copy to PostgreSQL (copyToPostgres.ts) both start a thread this way.
 */
export async function writeCopiedState(app: CompiledTurnGraph, id: string, values: TurnStateType): Promise<void> {
  await app.updateState({ configurable: { thread_id: id } }, { ...values, relationships: { replace: values.relationships } }, "confirm");
}

/** Written into a fork's folder first and removed last: a folder that still has it is unfinished. */
const FORK_MARK = "fork.pending";

export interface ForkDeps {
  app: CompiledTurnGraph;
  checkpoints: CheckpointFiles;
  catalog: SessionCatalog;
  timeline: Timeline;
  transcript: Transcript;
  runtime: TurnRuntime;
  dataDir: string;
  crashPoint?: (point: CrashPoint) => void;
  logger: Logger;
}

/**
 * Forks: a new session that starts at the end of a turn of another one, with its own copy of
 * everything (memories up to that turn, checkpoint, transcript, unfinished enrichment tasks).
 * The fork's index row is written last: that is the commit. A crash before it leaves an
 * unlisted, marked folder that `sweep` removes on the next open; the source is only read.
 */
export class Forks {
  constructor(private readonly deps: ForkDeps) {}

  /** Forks `sourceId` at the end of `turn` (the caller holds the source session). */
  async fork(sourceId: string, turn: number): Promise<SessionSummary> {
    const { timeline, runtime, dataDir } = this.deps;
    const state = await timeline.reconcile(sourceId);
    if (turn > state.turn) throw invalid(`turn ${turn} is after the story's current turn ${state.turn}`);
    const target = await timeline.turnEnd(sourceId, turn);
    const id = newSessionId();
    const dir = sessionDir(dataDir, id);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, FORK_MARK), sourceId);
    let summary: SessionSummary;
    try {
      summary = await this.copyAndList(sourceId, id, turn, target);
    } catch (error) {
      // Not listed: remove what was copied (after a crash here, the next open's sweep does).
      await runtime.memory.closeSession(id);
      this.remove(id);
      throw error;
    }
    this.deps.crashPoint?.("fork:listed");
    await rm(path.join(dir, FORK_MARK), { force: true });
    this.deps.logger.info({ sessionId: id, from: sourceId, turn }, "session forked");
    return summary;
  }

  private async copyAndList(sourceId: string, id: string, turn: number, target: StateSnapshot): Promise<SessionSummary> {
    const { app, catalog, timeline, transcript, runtime, dataDir } = this.deps;
    await runtime.memory.copyUpTo(sourceId, id, turn);
    await transcript.copy(sourceId, id, turn);
    await writeCopiedState(app, id, target.values as TurnStateType);
    await runtime.enrichment?.copyUnfinished(sourceId, id, turn);
    await timeline.reapplyEnrichment(sourceId, id, turn, target);
    this.deps.crashPoint?.("fork:copied");
    // The commit. Spreading the source's row keeps every column it has; its owner and card book go along.
    const now = new Date().toISOString();
    const row = { ...(await catalog.require(sourceId)), id, turn, created_at: now, updated_at: now };
    return catalog.insertRow(row, (await catalog.ownerOf(sourceId)) ?? null, (await catalog.cardBook(sourceId)) ?? null);
  }

  /** On open (before any request): removes forks a crash interrupted before their index row. */
  async sweep(): Promise<number> {
    const { catalog, checkpoints, transcript, runtime, dataDir, logger } = this.deps;
    const root = path.join(dataDir, "sessions");
    if (!existsSync(root)) return 0;
    let removed = 0;
    for (const id of readdirSync(root)) {
      if (!isThreadId(id) || !existsSync(path.join(sessionDir(dataDir, id), FORK_MARK))) continue;
      if (!(await catalog.has(id))) {
        await this.remove(id);
        removed++;
        logger.warn({ sessionId: id }, "removed a fork that a crash interrupted");
      } else {
        rmSync(path.join(sessionDir(dataDir, id), FORK_MARK), { force: true });
      }
    }
    return removed;
  }

  /** Everything of an unlisted fork: checkpoints, transcript rows, tasks and its folder. */
  private async remove(id: string): Promise<void> {
    const { checkpoints, transcript, runtime, dataDir } = this.deps;
    await checkpoints.deleteThread(id);
    await transcript.deleteSession(id);
    await runtime.enrichment?.deleteSession(id);
    await runtime.memory.delete(id);
    rmSync(sessionDir(dataDir, id), { recursive: true, force: true });
  }
}
