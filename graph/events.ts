import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { ToolCallRecord } from "../lib/tools/records.ts";

/**
 * Custom stream events the nodes emit while they run (streamMode "custom"). Narrative tokens go
 * this way, after the model-output filter, never straight from the model's message stream.
 */
export type TurnEvent = { type: "tool"; record: ToolCallRecord } | { type: "token"; text: string } | { type: "reasoning"; text: string };

/** Streams filtered narrative text, or reasoning (forwarded only to clients that asked for it). */
export function emitTextEvent(config: LangGraphRunnableConfig, type: "token" | "reasoning", text: string): void {
  if (text) config.writer?.({ type, text } satisfies TurnEvent);
}

/** Tells the client about a tool call as it happens; a no-op when nobody streams "custom". */
export function emitToolEvent(config: LangGraphRunnableConfig, record: ToolCallRecord): void {
  const event: TurnEvent = { type: "tool", record };
  config.writer?.(event);
}

let counter = 0;
/** Ids for engine-run tool calls ("read_<n>"), unique within the process. */
export function engineCallId(prefix: string): string {
  counter = (counter + 1) % 1_000_000_000;
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36)}`;
}
