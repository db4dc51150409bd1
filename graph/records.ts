import type { Json } from "../lib/scenarios/schema.ts";

/** Which part of the turn ran a tool: engine reads, model-requested writes, or the confirm repair round. */
export type ToolCallPhase = "read" | "write" | "repair";

/** One tool call as it happened in a turn: what ran, with which arguments, and what came back. */
export interface ToolCallRecord {
  id: string;
  name: string;
  phase: ToolCallPhase;
  args: Json;
  ok: boolean;
  /** Compact result for the model and the client (present when ok). */
  result?: Json;
  /** Why the call failed (present when not ok). */
  error?: string;
  /** True when a read was answered from the session's read cache (not counted as a tool call). */
  cached?: boolean;
  /** True when the call was refused by the per-turn cap before it ran (not counted). */
  skipped?: boolean;
  ms: number;
}

/** A tool call requested by the model, before it runs. */
export interface RequestedToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** Counters of one turn, reported in the SSE `done` event and stored with the turn. */
export interface TurnMetrics {
  /** Time from the turn's start to the first narrative token (server side). */
  ttft_ms: number | null;
  total_ms: number;
  llm_calls: number;
  /** Tool calls that ran (cache hits excluded). */
  tool_calls: number;
  tool_calls_by_name: Record<string, number>;
  tool_calls_by_phase: Record<ToolCallPhase, number>;
  cache_hits: number;
  input_tokens: number;
  output_tokens: number;
  model: string;
  /** True when the confirm step ran a repair round. */
  repaired: boolean;
}

/** One committed turn in a session's history. */
export interface TurnRecord {
  turn: number;
  input: string;
  narrative: string;
  tool_calls: ToolCallRecord[];
  metrics: TurnMetrics;
  /** The confirm step's one-line acknowledgement. */
  confirmation: string;
  at: string;
}

/** Model usage and calls counted while a turn runs. */
export interface TurnCounters {
  llm_calls: number;
  /** Milliseconds from the turn's start to the first narrative token. */
  ttft_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  repaired: boolean;
}

export function emptyCounters(): TurnCounters {
  return { llm_calls: 0, ttft_ms: null, input_tokens: 0, output_tokens: 0, repaired: false };
}

/** Sums the tool records of a turn into metric counts. */
export function countToolCalls(records: ToolCallRecord[]): Pick<TurnMetrics, "tool_calls" | "tool_calls_by_name" | "tool_calls_by_phase" | "cache_hits"> {
  const byName: Record<string, number> = {};
  const byPhase: Record<ToolCallPhase, number> = { read: 0, write: 0, repair: 0 };
  let calls = 0;
  let hits = 0;
  for (const r of records) {
    if (r.cached) {
      hits++;
      continue;
    }
    if (r.skipped) continue;
    calls++;
    byName[r.name] = (byName[r.name] ?? 0) + 1;
    byPhase[r.phase]++;
  }
  return { tool_calls: calls, tool_calls_by_name: byName, tool_calls_by_phase: byPhase, cache_hits: hits };
}
