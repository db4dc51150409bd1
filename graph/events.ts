import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { ToolCallRecord } from "../lib/tools/records.ts";

/** Custom stream events the nodes emit while they run (streamMode "custom"). */
export type TurnEvent = { type: "tool"; record: ToolCallRecord };

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
