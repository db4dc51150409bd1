import type { ToolCallCounts } from "../tools/records.ts";

/** Counters of one turn, reported in the SSE `done` event and stored with the turn. */
export interface TurnMetrics extends ToolCallCounts {
  /** Time from the turn's start to the first narrative token (server side). */
  ttft_ms: number | null;
  total_ms: number;
  llm_calls: number;
  input_tokens: number;
  output_tokens: number;
  model: string;
  /** True when the confirm step ran a repair round. */
  repaired: boolean;
}
