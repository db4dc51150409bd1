import type { WriteDraft } from "./draft.ts";
import { runWrite } from "./writes.ts";
import type { Json } from "../common/json.ts";
import type { RequestedToolCall, ToolCallPhase, ToolCallRecord } from "./records.ts";

/**
 * Runs requested writes one after another on the draft, within the remaining tool-call budget.
 * A refused call leaves the draft as it was; calls past the cap and exact repeats are recorded as skipped;
 * calls refused before running (unreadable or cut-off arguments) are failed calls (repair may fix them).
 */
export function runWrites(
  calls: RequestedToolCall[],
  draft: WriteDraft,
  phase: ToolCallPhase,
  budget: number,
  /** Told about each call as it is recorded (e.g. to stream it to the client). */
  onRecord: (record: ToolCallRecord) => void = () => {},
): { draft: WriteDraft; records: ToolCallRecord[] } {
  const records: ToolCallRecord[] = [];
  let current = draft;
  let left = budget;
  for (const call of calls) {
    const started = performance.now();
    const base = { id: call.id, name: call.name, phase, args: call.args as Json, ...(call.fromText ? { from_text: true } : {}) };
    let record: ToolCallRecord;
    if (call.duplicate) {
      record = { ...base, ok: false, skipped: true, duplicate: true, error: "exact repeat of an earlier call in this answer; run once", ms: 0 };
    } else if (left <= 0) {
      record = { ...base, ok: false, skipped: true, error: "tool-call cap for this turn reached; not run", ms: 0 };
    } else if (call.refused) {
      left--;
      record = { ...base, ok: false, error: call.refused, ms: 0 };
    } else {
      left--;
      const run = runWrite(call.name, call.args, current);
      const ms = Math.round((performance.now() - started) * 100) / 100;
      if (run.ok) {
        current = run.draft;
        record = { ...base, ok: true, result: run.result, ms };
      } else {
        record = { ...base, ok: false, error: run.error, ms };
      }
    }
    records.push(record);
    onRecord(record);
  }
  return { draft: current, records };
}
