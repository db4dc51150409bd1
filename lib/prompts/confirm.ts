import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { ToolCallRecord } from "../tools/records.ts";

/** The confirm call sees only the write results and one line of instruction, not the whole prompt. */
export const CONFIRM_INSTRUCTION =
  "Confirm these story writes in one short sentence. If a write failed and you can fix it, call the corrected tool once; otherwise call no tool.";

export const WRITE_RESULTS_HEADER = "Write results:";

export function renderWriteResults(records: ToolCallRecord[]): string {
  const lines = records.map((r) =>
    r.ok ? `- ${r.name} ok: ${JSON.stringify(r.result ?? null)}` : `- ${r.name} error: ${r.error ?? "failed"} (args ${JSON.stringify(r.args)})`,
  );
  return [WRITE_RESULTS_HEADER, ...lines].join("\n");
}

export function buildConfirmMessages(records: ToolCallRecord[]): BaseMessage[] {
  return [new SystemMessage(CONFIRM_INSTRUCTION), new HumanMessage(renderWriteResults(records))];
}
