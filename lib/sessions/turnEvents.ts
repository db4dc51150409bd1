import type { Json } from "../common/json.ts";
import type { ToolCallPhase } from "../tools/records.ts";
import type { TurnMetrics } from "../metrics/turnMetrics.ts";

/** What a client sees of a turn as it runs (the SSE events, in order). */
export type TurnStreamEvent =
  | { event: "start"; data: { session_id: string; turn: number } }
  | { event: "token"; data: { text: string } }
  | { event: "reasoning"; data: { text: string } }
  | { event: "tool"; data: { phase: ToolCallPhase; name: string; args: Json; ok: boolean; result?: Json; error?: string; cached?: boolean } }
  | { event: "done"; data: { turn: number; narrative: string; confirmation: string; metrics: TurnMetrics; model: string } }
  | { event: "error"; data: { code: string; message: string; retry_after_ms?: number } };
