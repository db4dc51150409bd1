import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { ToolCallRecord } from "../tools/records.ts";

/** The confirm call sees only the write results and one line of instruction, not the whole prompt. */
export const CONFIRM_INSTRUCTION =
  "Confirm these story writes in one short sentence. If a write failed and you can fix it, call the corrected tool once; otherwise call no tool.";

export const WRITE_RESULTS_HEADER = "Write results:";

/** When narrate sent no prose, the confirm call narrates the applied changes instead. */
export const NARRATE_CHANGES_INSTRUCTION =
  "You narrate an interactive story in the second person. The player's action and the story changes it caused are below. Write what happens in 2 to 4 sentences of prose (at most 120 words). No lists, no tool calls, no mention of tools.";

export function renderWriteResults(records: ToolCallRecord[]): string {
  const lines = records.map((r) =>
    r.ok ? `- ${r.name} ok: ${JSON.stringify(r.result ?? null)}` : `- ${r.name} error: ${r.error ?? "failed"} (args ${JSON.stringify(r.args)})`,
  );
  return [WRITE_RESULTS_HEADER, ...lines].join("\n");
}

export function buildConfirmMessages(records: ToolCallRecord[]): BaseMessage[] {
  return [new SystemMessage(CONFIRM_INSTRUCTION), new HumanMessage(renderWriteResults(records))];
}

export function buildNarrateChangesMessages(action: string, records: ToolCallRecord[]): BaseMessage[] {
  const applied = records.filter((r) => r.ok);
  const changes = applied.length > 0 ? renderWriteResults(applied) : `${WRITE_RESULTS_HEADER}\n- (no changes)`;
  return [new SystemMessage(NARRATE_CHANGES_INSTRUCTION), new HumanMessage(`Player action: ${action}\n${changes}`)];
}

/**
 * The engine's own confirmation, from the write results only: used when the confirm call fails or
 * times out (the player has read the narrative, so the turn is kept) or sends no text.
 */
export function engineConfirmation(records: ToolCallRecord[]): string {
  const applied = [...new Set(records.filter((r) => r.ok).map((r) => r.name))];
  const refused = records.filter((r) => !r.ok && !r.skipped).length;
  const head = applied.length > 0 ? `Saved: ${applied.join(", ")}.` : "Nothing in the story changed.";
  return refused > 0 ? `${head} ${refused === 1 ? "1 change was" : `${refused} changes were`} refused.` : head;
}
