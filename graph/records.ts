import type { TurnMetrics } from "../lib/metrics/turnMetrics.ts";
import type { ToolCallRecord } from "../lib/tools/records.ts";

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

