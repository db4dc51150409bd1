import { AIMessage, HumanMessage } from "@langchain/core/messages";
import type { MemoryDoc } from "../lib/memory/types.ts";
import { observationsFromExtraction } from "../lib/relationships/graph.ts";
import type { RelationshipObservation } from "../lib/relationships/types.ts";
import type { NewEnrichmentTask } from "../lib/enrichment/queue.ts";
import { invalidate } from "../lib/tools/readCache.ts";
import type { WriteDraft } from "../lib/tools/draft.ts";
import { type TurnCounters, type TurnRecord } from "./records.ts";
import type { TurnStateType, TurnStateUpdate } from "./state.ts";
import { countToolCalls, type ToolCallRecord } from "../lib/tools/records.ts";

export interface CommitInput {
  state: TurnStateType;
  draft: WriteDraft;
  writes: ToolCallRecord[];
  counters: TurnCounters;
  confirmation: string;
  /** The narrative when confirm wrote it (narrate sent no prose); else the state's. */
  narrative?: string;
  reasoning?: string;
  /** The stored memories, in the order the draft staged them. */
  storedMemories: MemoryDoc[];
  model: string;
  now: Date;
}

/**
 * The one update that finishes a turn: the draft becomes the story, the relationship
 * observations go through the graph's reducer, and the turn joins the recent window (pure); the
 * engine copies it to the session's transcript once the checkpoint has committed.
 */
export function commitTurn(input: CommitInput): TurnStateUpdate {
  const { state, draft, writes, counters, now } = input;
  const turn = state.turn + 1;
  const at = now.toISOString();
  const observations: RelationshipObservation[] = draft.relationships.flatMap(({ memoryIndex, relationship }) => {
    const memory = input.storedMemories[memoryIndex];
    return memory ? observationsFromExtraction([relationship], memory.id, turn, at) : [];
  });
  const toolCalls = [...state.reads, ...writes];
  const record: TurnRecord = {
    turn,
    input: state.action,
    narrative: input.narrative ?? state.narrative,
    tool_calls: toolCalls,
    confirmation: input.confirmation,
    at,
    metrics: {
      ttft_ms: counters.ttft_ms,
      total_ms: now.getTime() - state.startedAt,
      llm_calls: counters.llm_calls,
      ...countToolCalls(toolCalls),
      input_tokens: counters.input_tokens,
      output_tokens: counters.output_tokens,
      model: input.model,
      repaired: counters.repaired,
      tokens_source: counters.tokens_estimated ? "estimate" : "usage",
      text_tool_calls: toolCalls.filter((c) => c.from_text && !c.skipped).length,
      duplicate_tool_calls: toolCalls.filter((c) => c.duplicate).length,
      confirm_fallback: counters.confirm_fallback ?? false,
      narrative_from: counters.narrative_from ?? "narrate",
      finish_reason: counters.finish_reason ?? null,
    },
    ...(input.reasoning ? { reasoning: input.reasoning } : {}),
  };
  return {
    world: draft.world,
    story: draft.story,
    entities: draft.entities,
    relationships: observations,
    turn,
    history: [record],
    // The exchange as generic LangGraph chat clients read it.
    messages: [new HumanMessage(state.action), new AIMessage(input.narrative ?? state.narrative)],
    narrative: input.narrative ?? state.narrative,
    readCache: invalidate(state.readCache, draft.writtenKeys),
    writes,
    counters,
    draft: null,
  };
}

/** The background enrichment tasks of a committed turn, tied to the stored memories' ids (pure). */
export function enrichmentTasks(sessionId: string, turn: number, draft: WriteDraft, storedMemories: MemoryDoc[]): NewEnrichmentTask[] {
  return draft.enrichments.flatMap((e) => {
    const memory = storedMemories[e.memoryIndex];
    if (!memory) return [];
    return [
      {
        session_id: sessionId,
        memory_id: memory.id,
        entity_id: memory.entity_id,
        content: memory.content,
        from: e.from,
        to: e.to,
        reason: e.reason,
        guess_type: e.guess?.type,
        guess_confidence: e.guess?.confidence,
        turn,
      },
    ];
  });
}
