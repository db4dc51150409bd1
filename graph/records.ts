import type { TurnMetrics } from "../lib/metrics/turnMetrics.ts";
import type { ToolCallRecord } from "../lib/tools/records.ts";

/** One committed turn in a session's history. */
export interface TurnRecord {
  turn: number;
  input: string;
  narrative: string;
  tool_calls: ToolCallRecord[];
  metrics: TurnMetrics;
  /** The confirm step's one-line acknowledgement (engine-written when the confirm call failed). */
  confirmation: string;
  /** What the model reasoned before it wrote (think blocks, reasoning_content); never shown as narrative. */
  reasoning?: string;
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
  /** True once a call reported no usage and its tokens were estimated. */
  tokens_estimated?: boolean;
  /** True when the confirm call failed and the engine wrote the confirmation. */
  confirm_fallback?: boolean;
  /** Which call wrote the narrative: narrate, or confirm when narrate sent no prose. */
  narrative_from?: "narrate" | "confirm";
  /** The narrate call's finish_reason ("stop", "tool_calls", "length", …). */
  finish_reason?: string | null;
}

export function emptyCounters(): TurnCounters {
  return { llm_calls: 0, ttft_ms: null, input_tokens: 0, output_tokens: 0, repaired: false };
}

