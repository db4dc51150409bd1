/**
 * Tool calls a model wrote as text (its server did not parse its chat template's tool format),
 * parsed into calls the engine can run (pure). The raw texts come from StreamFilter.toolCallTexts.
 */

/** One call read from text: its name and arguments, or why it could not be read. */
export type TextToolCall =
  | { ok: true; name: string; args: Record<string, unknown> }
  | { ok: false; name: string; raw: string; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Arguments as an object: an object, or a JSON string of one. */
export function argumentsObject(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return {};
  if (isObject(value)) return value;
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

function failure(name: string, raw: string, error: string): TextToolCall {
  return { ok: false, name, raw: clip(raw), error };
}

/** `{name, arguments|parameters}` objects (one or an array) → calls. */
function fromJsonCalls(json: string, raw: string): TextToolCall[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [failure("unknown", raw, `a tool call written as text is not valid JSON: ${clip(json.trim())}`)];
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map((item) => {
    if (!isObject(item) || typeof item.name !== "string") {
      return failure("unknown", raw, "a tool call written as text has no \"name\"");
    }
    const args = argumentsObject(item.arguments ?? item.parameters);
    if (!args) return failure(item.name, raw, `the arguments of ${item.name} (written as text) are not a JSON object`);
    return { ok: true, name: item.name, args };
  });
}

/** Parses one raw text tool call (marker included) in any of the formats of TEXT_TOOL_MARKERS. */
export function parseTextToolCall(raw: string): TextToolCall[] {
  const text = raw.trim();
  const hermes = /^<tool_call>([\s\S]*?)(?:<\/tool_call>)?$/.exec(text);
  if (hermes) return fromJsonCalls(hermes[1], raw);
  const llama = /^<function=([\w.-]+)>([\s\S]*?)(?:<\/function>)?$/.exec(text);
  if (llama) {
    const args = argumentsObject(llama[2].trim() || "{}");
    return [args ? { ok: true, name: llama[1], args } : failure(llama[1], raw, `the arguments of ${llama[1]} (written as text) are not a JSON object`)];
  }
  if (text.startsWith("[TOOL_CALLS]")) return fromJsonCalls(text.slice("[TOOL_CALLS]".length), raw);
  if (text.startsWith("<|python_tag|>")) {
    const body = text.slice("<|python_tag|>".length).trim();
    // Several calls may be separated by ";".
    const parts = body.startsWith("[") ? [body] : body.split(/;\s*(?=\{)/);
    return parts.flatMap((p) => fromJsonCalls(p, raw));
  }
  return [failure("unknown", raw, "unrecognised tool-call text")];
}
