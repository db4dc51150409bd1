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
  /** "usage" when the server reported every call's tokens, "estimate" when any was counted by the engine. */
  tokens_source?: "usage" | "estimate";
  /** Write calls the model wrote as text and the engine recovered and ran. */
  text_tool_calls?: number;
  /** Exact repeats within one answer, recorded as skipped. */
  duplicate_tool_calls?: number;
  /** True when the confirm call failed or timed out and the engine wrote the confirmation. */
  confirm_fallback?: boolean;
  /** "confirm" when narrate sent no prose and the confirm call narrated the applied changes. */
  narrative_from?: "narrate" | "confirm";
  /** The narrate call's finish_reason; "length" = cut off at max_tokens. */
  finish_reason?: string | null;
}
