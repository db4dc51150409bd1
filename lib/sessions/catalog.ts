import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { Logger } from "../config/logger.ts";
import { isSessionId, newSessionId, sessionDir } from "../common/sessionIds.ts";
import type { TurnRuntime } from "../../graph/runtime.ts";
import type { TurnStateType } from "../../graph/state.ts";
import type { CompiledTurnGraph } from "../../graph/turn.ts";
import { initialStateFor } from "../../graph/initialState.ts";
import type { RelationshipObservation } from "../relationships/types.ts";
import { loadBundledScenario, UnknownScenarioError } from "../scenarios/catalog.ts";
import { SavedScenarios } from "../scenarios/saved.ts";
import { formatIssues, ScenarioSchema, type Entity, type Scenario } from "../scenarios/schema.ts";
import { invalid, notFound } from "./errors.ts";
import type { SessionIndex, SessionSummary } from "./sessionIndex.ts";

const thread = (id: string) => ({ configurable: { thread_id: id } });

/** How a session starts: see SessionCatalog.create. */
export interface CreateOptions {
  greeting?: number;
  label?: string;
  cardBook?: string;
}

/**
 * The sessions of one data folder: their index rows, checkpointed stories, memory folders and
 * enrichment tasks. It never plays turns and never takes locks; the engine does both.
 */
export class SessionCatalog {
  /** Scenarios saved under the data folder (e.g. imported character cards). */
  readonly saved: SavedScenarios;

  constructor(
    private readonly app: CompiledTurnGraph,
    private readonly saver: BaseCheckpointSaver,
    private readonly index: SessionIndex,
    private readonly runtime: TurnRuntime,
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    this.saved = new SavedScenarios(dataDir);
  }

  /**
   * Starts a session from a bundled scenario name or an inline scenario (validated). `owner` is the
   * API key name that creates it (null without keys). A name may also be a saved scenario's;
   * `greeting` picks the opening among the scenario's greetings; `label` names an inline one;
   * `cardBook` is a card's lorebook as imported (JSON), kept in the index row for export, out of
   * the checkpointed state (docs/cards.md, Export).
   */
  async create(scenario: unknown, owner: string | null = null, options: CreateOptions = {}): Promise<SessionSummary> {
    const { name, parsed, book } = this.resolveScenario(scenario, options.label);
    const greeting = options.greeting ?? 0;
    const count = parsed.greetings?.length ?? 0;
    if (greeting > 0 && greeting >= count) throw invalid(`greeting ${greeting} does not exist: this scenario has ${count} greeting${count === 1 ? "" : "s"} (numbered from 0)`);
    const id = newSessionId();
    const now = new Date().toISOString();
    await this.app.updateState(thread(id), initialStateFor(name, parsed, greeting), "confirm");
    const summary: SessionSummary = { id, scenario: name, title: parsed.title, created_at: now, updated_at: now, turn: 0 };
    await this.index.insert(summary, owner, options.cardBook ?? book ?? null);
    this.logger.info({ sessionId: id, scenario: name }, "session created");
    return summary;
  }

  /** Lists a session made from another one (a fork) under the source's owner, with its card book; the row is its commit. */
  async insertRow(row: SessionSummary, owner: string | null, cardBook: string | null): Promise<SessionSummary> {
    await this.index.insert(row, owner, cardBook);
    return row;
  }

  /** The card's lorebook kept with the session (JSON, validated by its reader), undefined when none. */
  cardBook(id: string): Promise<string | undefined> {
    return this.index.cardBook(id);
  }

  async has(id: string): Promise<boolean> {
    return (await this.index.get(id)) !== undefined;
  }

  /** Newest first; with `owner`, only that owner's sessions. */
  list(limit?: number, offset?: number, filter: { owner?: string | null } = {}): Promise<{ items: SessionSummary[]; total: number }> {
    return this.index.list(limit, offset, filter);
  }

  /** The session's owner: a key name, null when ownerless, undefined when there is no such session. */
  ownerOf(id: string): Promise<string | null | undefined> {
    return this.index.ownerOf(id);
  }

  countOwnedBy(owner: string | null): Promise<number> {
    return this.index.countOwnedBy(owner);
  }

  count(): Promise<number> {
    return this.index.count();
  }

  /** The session's index row (404 when unknown); no checkpoint is read. */
  async require(id: string): Promise<SessionSummary> {
    const summary = await this.index.get(id);
    if (!summary) throw notFound(id);
    return summary;
  }

  /** The session's committed story (404 when unknown). */
  async get(id: string): Promise<{ summary: SessionSummary; state: TurnStateType }> {
    const summary = await this.require(id);
    return { summary, state: await this.committed(id) };
  }

  /** The committed state of a thread, read from its latest checkpoint (404 once the thread is gone). */
  async committed(id: string): Promise<TurnStateType> {
    const values = (await this.app.getState(thread(id))).values as Partial<TurnStateType> | undefined;
    // A delete that began after the caller's index check removes the thread: the session is gone.
    if (!values || typeof values.turn !== "number") throw notFound(id);
    return values as TurnStateType;
  }

  recordTurn(id: string, turn: number, at: string): Promise<void> {
    return this.index.recordTurn(id, turn, at);
  }

  /** Merges relationship observations into the session's graph through the graph's reducer. */
  async applyRelationships(id: string, observations: RelationshipObservation[]): Promise<void> {
    await this.require(id);
    await this.app.updateState(thread(id), { relationships: observations }, "confirm");
  }

  /** Adds entities to the session's cast (e.g. characters that migrated memories belong to). */
  async addToCast(id: string, entities: Entity[]): Promise<void> {
    if (entities.length === 0) return;
    const state = await this.committed(id);
    await this.app.updateState(thread(id), { entities: [...state.entities, ...entities] }, "confirm");
  }

  /**
   * Deletes a session so that the API sees it either there or gone: the index row is marked
   * `deleting` first (every reader answers 404 from then on, and nothing recreates its files), then
   * its memory, checkpoints, enrichment tasks and folder are removed, and the row last. A crash
   * half-way is finished at start-up (`completeInterruptedDeletes`).
   */
  async delete(id: string): Promise<void> {
    if (!(await this.index.markDeleting(id))) throw notFound(id);
    await this.removeData(id);
    this.logger.info({ sessionId: id }, "session deleted");
  }

  /**
   * At start-up: finishes deletes a crash interrupted, and removes session folders that no index row
   * owns (a folder is only ever created after its row, so such a folder is debris of a delete).
   */
  async completeInterruptedDeletes(): Promise<number> {
    const pending = await this.index.deleting();
    for (const id of pending) await this.removeData(id);
    const folders = await readdir(path.join(this.dataDir, "sessions")).catch(() => [] as string[]);
    const known = await this.index.allIds(); // read after the folder list: a folder listed above already has its row
    const stray = folders.filter((name) => isSessionId(name) && !known.has(name));
    for (const id of stray) await rm(sessionDir(this.dataDir, id), { recursive: true, force: true });
    if (pending.length + stray.length > 0) this.logger.warn({ deletes: pending.length, strayFolders: stray.length }, "finished interrupted session deletes");
    return pending.length + stray.length;
  }

  private async removeData(id: string): Promise<void> {
    await this.runtime.memory.delete(id); // the folder on files, the rows (and every instance's view) on Postgres
    await this.saver.deleteThread(id);
    await this.runtime.enrichment?.deleteSession(id);
    await rm(sessionDir(this.dataDir, id), { recursive: true, force: true });
    await this.index.delete(id);
  }

  /** The scenario to start, and for a saved one the card book saved with it (export gives it back). */
  private resolveScenario(scenario: unknown, label = "inline"): { name: string; parsed: Scenario; book?: string } {
    if (typeof scenario === "string") {
      try {
        return { name: scenario, parsed: loadBundledScenario(scenario) };
      } catch (error) {
        const saved = error instanceof UnknownScenarioError ? this.saved.load(scenario) : undefined;
        if (!saved) throw error;
        return { name: scenario, parsed: saved, book: this.saved.book(scenario) };
      }
    }
    const result = ScenarioSchema.safeParse(scenario);
    if (!result.success) throw invalid("invalid scenario", formatIssues(result.error, "scenario"));
    return { name: label, parsed: result.data };
  }
}
