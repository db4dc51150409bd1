import type { RequestedToolCall } from "../tools/records.ts";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../common/json.ts";
import { parseTextToolCall } from "../modelOutput/textToolCalls.ts";

/**
 * Every tool call of one model answer, accounted for (pure): native calls, calls whose arguments
 * no parser accepted, calls written as text; a call cut off by max_tokens is refused, and an exact
 * repeat of an earlier call is marked as a duplicate. runWrites records each one.
 */
export interface AnswerToolCalls {
  /** Calls the client library parsed (`tool_calls`). */
  native: Array<{ id?: string; name: string; args: Record<string, unknown> }>;
  /** Calls it could not parse (`invalid_tool_calls`): raw argument text and its error. */
  invalid: Array<{ id?: string; name?: string; args?: string; error?: string }>;
  /** Raw texts of tool calls the model wrote in its content (StreamFilter.toolCallTexts). */
  texts: string[];
  /** The answer ended at max_tokens (`finish_reason: "length"`): its last call is incomplete. */
  truncated: boolean;
}

export const TRUNCATED_CALL_ERROR =
  "the answer was cut off at max_tokens before this call's arguments were complete; not stored. Send the call again, shorter";

export const DEEP_ARGS_ERROR = `the arguments nest deeper than ${MAX_JSON_DEPTH} levels; send them again as a flat JSON object`;

/** JSON with sorted keys, so `{a,b}` and `{b,a}` compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function intakeToolCalls(answer: AnswerToolCalls, idPrefix: string): RequestedToolCall[] {
  let n = 0;
  const id = (given?: string) => given ?? `${idPrefix}_${n++}`;
  const calls: RequestedToolCall[] = answer.native.map((c) => ({ id: id(c.id), name: c.name, args: c.args }));
  for (const bad of answer.invalid) {
    calls.push({
      id: id(bad.id),
      name: bad.name || "unknown",
      args: { raw_arguments: (bad.args ?? "").slice(0, 200) },
      refused: `the arguments are not valid JSON${bad.args ? "" : " (empty)"}; send them again as one JSON object (double quotes, no trailing commas)`,
    });
  }
  const textCalls = answer.texts.flatMap(parseTextToolCall);
  for (const t of textCalls) {
    calls.push(
      t.ok
        ? { id: id(), name: t.name, args: t.args, fromText: true }
        : { id: id(), name: t.name, args: { raw_text: t.raw }, refused: t.error, fromText: true },
    );
  }
  const cut = cutOffIndex(answer, textCalls.length);
  if (cut >= 0) calls[cut] = { ...calls[cut], refused: TRUNCATED_CALL_ERROR };
  // Arguments nested absurdly deep would overflow every recursive step after this one (validation,
  // comparison, storage): refused here, and not kept.
  for (const [i, c] of calls.entries()) {
    if (nestsDeeperThan(c.args, MAX_JSON_DEPTH)) calls[i] = { ...c, args: { raw_arguments: "(not kept)" }, refused: DEEP_ARGS_ERROR };
  }
  const seen = new Set<string>();
  return calls.map((c) => {
    if (c.refused) return c;
    const key = `${c.name}\u0000${canonicalJson(c.args)}`;
    if (seen.has(key)) return { ...c, duplicate: true };
    seen.add(key);
    return c;
  });
}

/**
 * Which call max_tokens cut off: the last one in stream order. Native calls follow the content, so
 * it is the last native call, else the last text call; when some arguments were unreadable, the cut
 * is among those (already refused).
 */
function cutOffIndex(answer: AnswerToolCalls, textCount: number): number {
  if (!answer.truncated || answer.invalid.length > 0) return -1;
  if (answer.native.length > 0) return answer.native.length - 1;
  return textCount - 1;
}
