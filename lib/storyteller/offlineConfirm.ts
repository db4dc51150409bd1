import { OFFLINE_MODEL_LABEL } from "../config/env.ts";
import { WRITE_RESULTS_HEADER } from "../prompts/confirm.ts";

/** The first line of the confirm call's user message, as prompts/confirm.ts writes it. */
export const CONFIRM_MARKER = WRITE_RESULTS_HEADER;

/** One `- <tool> ok: <json>` / `- <tool> error: <message>` line. */
export interface WriteResultLine {
  tool: string;
  ok: boolean;
  detail: string;
}

const LINE_RE = /^- (\S+) (ok|error): ?(.*)$/;

/** Reads the result lines that follow {@link CONFIRM_MARKER}; other lines are ignored. */
export function parseWriteResults(text: string): WriteResultLine[] {
  const start = text.indexOf(CONFIRM_MARKER);
  const body = start >= 0 ? text.slice(start + CONFIRM_MARKER.length) : text;
  const out: WriteResultLine[] = [];
  for (const line of body.split(/\r?\n/)) {
    const m = LINE_RE.exec(line.trim());
    if (m) out.push({ tool: m[1], ok: m[2] === "ok", detail: m[3].trim() });
  }
  return out;
}

const list = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/** An error message without the echoed arguments, cut to a readable length. */
function shortReason(detail: string): string {
  const reason = detail.replace(/\s*\(args [\s\S]*\)\s*$/, "").trim() || "failed";
  return reason.length > 90 ? `${reason.slice(0, 87)}…` : reason;
}

/**
 * The offline answer to a confirm call: one deterministic sentence counting what was applied
 * and naming what failed. It never calls a tool: it cannot reason about how to repair a failed
 * write, so a failure is reported and the write stays unapplied.
 */
export function confirmSentence(text: string): string {
  const results = parseWriteResults(text);
  if (results.length === 0) return "Confirmed: no writes this turn.";
  const ok = results.filter((r) => r.ok);
  const failed = results.filter((r) => !r.ok);
  const n = results.length;
  if (failed.length === 0) {
    return `Confirmed: ${n} write${n === 1 ? "" : "s"} applied (${[...new Set(ok.map((r) => r.tool))].join(", ")}).`;
  }
  const names = [...new Set(failed.map((r) => r.tool))];
  const reasons = failed.map((r) => shortReason(r.detail)).join("; ");
  return `Confirmed ${ok.length} of ${n} write${n === 1 ? "" : "s"}; ${list(names)} failed (${reasons}) and ${failed.length === 1 ? "was" : "were"} left unchanged.`;
}

/** The answer to anything that is neither a turn nor a confirm call. */
export const NEUTRAL_ANSWER = `This is the ${OFFLINE_MODEL_LABEL}: it narrates story turns and confirms their writes, nothing else.`;
