import type { Json } from "../scenarios/schema.ts";
import type { ToolCallPhase, TurnMetrics } from "../../graph/records.ts";

/** What a client sees of a turn as it runs (the SSE events, in order). */
export type TurnStreamEvent =
  | { event: "start"; data: { session_id: string; turn: number } }
  | { event: "token"; data: { text: string } }
  | { event: "tool"; data: { phase: ToolCallPhase; name: string; args: Json; ok: boolean; result?: Json; error?: string; cached?: boolean } }
  | { event: "done"; data: { turn: number; narrative: string; confirmation: string; metrics: TurnMetrics; model: string } }
  | { event: "error"; data: { code: string; message: string } };
