import { Annotation } from "@langchain/langgraph";
import type { Entity } from "../lib/scenarios/schema.ts";
import type { JsonObject } from "../lib/tools/stateOps.ts";
import type { ReadCache } from "../lib/tools/readCache.ts";
import type { WriteDraft } from "../lib/tools/draft.ts";
import type { TurnContext } from "../lib/prompts/context.ts";
import { emptyGraph, reduceRelationships } from "../lib/relationships/graph.ts";
import type { RelationshipGraph, RelationshipGraphUpdate } from "../lib/relationships/types.ts";
import { emptyCounters, type RequestedToolCall, type ToolCallRecord, type TurnCounters, type TurnRecord } from "./records.ts";

/** The scenario facts a session keeps: they never change after creation. */
export interface ScenarioInfo {
  /** Bundled scenario name, or "inline" for a pasted one. */
  name: string;
  title: string;
  premise: string;
  player_id: string;
}

const replace = <T>(initial: () => T) => Annotation<T>({ reducer: (_old: T, next: T) => next, default: initial });

/**
 * The checkpointed state of one session (thread_id = session id). The first group is the
 * committed story: only the confirm node changes it, in one update, so a failed turn leaves it
 * as the last finished turn left it. The second group is scratch space of the turn in flight.
 */
export const TurnState = Annotation.Root({
  // --- committed story ---
  /** The session (and LangGraph thread) id, "ses_...". */
  sessionId: replace<string>(() => ""),
  /** Which scenario this session plays (title, premise, player). */
  scenario: replace<ScenarioInfo>(() => ({ name: "", title: "", premise: "", player_id: "" })),
  /** World conditions (time, weather, location, ...): free keys. */
  world: replace<JsonObject>(() => ({})),
  /** Story state (player stats, inventory, flags): free JSON, changed by update_state ops. */
  story: replace<JsonObject>(() => ({})),
  /** The cast: characters, places, items and factions. */
  entities: replace<Entity[]>(() => []),
  /** Who trusts, fears, loves or hates whom; merged by the relationship reducer. */
  relationships: Annotation<RelationshipGraph, RelationshipGraphUpdate>({ reducer: reduceRelationships, default: emptyGraph }),
  /** Number of committed turns. */
  turn: replace<number>(() => 0),
  /** Committed turns, oldest first. */
  history: Annotation<TurnRecord[], TurnRecord[]>({ reducer: (old, added) => old.concat(added), default: () => [] }),
  /** Read results of the last 2 turns, invalidated by writes to the same paths. */
  readCache: replace<ReadCache>(() => ({ entries: {} })),

  // --- the turn in flight ---
  /** What the player typed this turn. */
  input: replace<string>(() => ""),
  /** When this turn started (epoch ms), for metrics. */
  startedAt: replace<number>(() => 0),
  /** What the engine's reads found: state paths, world, cast, memories, relationship edges. */
  context: replace<TurnContext | null>(() => null),
  /** The engine-run read tool calls of this turn. */
  reads: replace<ToolCallRecord[]>(() => []),
  /** The narrative the model streamed. */
  narrative: replace<string>(() => ""),
  /** Write tool calls the model asked for at the end of its narrative. */
  requestedWrites: replace<RequestedToolCall[]>(() => []),
  /** The world as this turn's writes would leave it (committed by confirm). */
  draft: replace<WriteDraft | null>(() => null),
  /** The write (and repair) tool calls of this turn with their results. */
  writes: replace<ToolCallRecord[]>(() => []),
  /** Model calls and token usage so far this turn. */
  counters: replace<TurnCounters>(emptyCounters),
});

export type TurnStateType = typeof TurnState.State;
export type TurnStateUpdate = typeof TurnState.Update;
