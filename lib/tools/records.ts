import type { Json } from "../common/json.ts";

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
  /** True when the call repeated an earlier call of the same answer exactly (skipped, not run). */
  duplicate?: boolean;
  /** True when the model wrote the call as text and the engine recovered it. */
  from_text?: boolean;
  ms: number;
}

/** A tool call requested by the model, before it runs. */
export interface RequestedToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
  /** Set when the call cannot run as asked (unreadable or cut-off arguments): recorded as a failed call. */
  refused?: string;
  /** Set when it repeats an earlier call of the same answer exactly: recorded as skipped. */
  duplicate?: boolean;
  /** The model wrote it as text rather than as a tool call. */
  fromText?: boolean;
}

/** What a turn's tool records add up to (cache hits and calls skipped by the cap are not calls). */
export interface ToolCallCounts {
  /** Tool calls that ran (cache hits excluded). */
  tool_calls: number;
  tool_calls_by_name: Record<string, number>;
  tool_calls_by_phase: Record<ToolCallPhase, number>;
  cache_hits: number;
}

/** Sums the tool records of a turn into metric counts. */
export function countToolCalls(records: ToolCallRecord[]): ToolCallCounts {
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
