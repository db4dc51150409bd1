/**
 * Reply shapes of real OpenAI-compatible servers that the plain OpenAI format does not cover:
 * reasoning in the content, tool calls written as text, max_tokens cut-offs (pure helpers).
 */
import { countTokens } from "./tokens.ts";
import type { ScriptToolCall, SuccessReply, ToolCallFormat } from "./types.ts";

/** A tool call as a model writes it in text when its server does not parse the chat template. */
export function toolCallText(format: Exclude<ToolCallFormat, "native">, calls: ScriptToolCall[]): string {
  const args = (c: ScriptToolCall) => c.rawArguments ?? JSON.stringify(c.args);
  switch (format) {
    case "hermes_text":
      return calls.map((c) => `\n<tool_call>\n{"name": "${c.name}", "arguments": ${args(c)}}\n</tool_call>`).join("");
    case "llama_text":
      return calls.map((c) => `\n<function=${c.name}>${args(c)}</function>`).join("");
    case "mistral_text":
      return `[TOOL_CALLS][${calls.map((c) => `{"name": "${c.name}", "arguments": ${args(c)}}`).join(", ")}]`;
    case "python_tag_text":
      return `<|python_tag|>${calls.map((c) => `{"name": "${c.name}", "parameters": ${args(c)}}`).join("; ")}`;
  }
}

/** The content as sent: reasoning in tags before it, tool calls written as text after it. */
export function shapedContent(reply: SuccessReply): { content: string; nativeCalls: ScriptToolCall[]; reasoningApart: string } {
  let content = reply.content ?? "";
  let reasoningApart = "";
  if (reply.reasoning !== undefined) {
    const style = reply.reasoningStyle ?? "think_tags";
    if (style === "think_tags") content = `<think>\n${reply.reasoning}\n</think>\n\n${content}`;
    else if (style === "closing_tag_only") content = `${reply.reasoning}\n</think>\n\n${content}`;
    else if (style === "interleaved_think") {
      const cut = content.indexOf(". ") + 1 || content.length;
      content = `${content.slice(0, cut)} <think>\n${reply.reasoning}\n</think>\n\n${content.slice(cut).trimStart()}`;
    }
    else reasoningApart = reply.reasoning;
  }
  const format = reply.toolCallFormat ?? "native";
  const calls = reply.toolCalls ?? [];
  if (format === "native" || calls.length === 0) return { content, nativeCalls: calls, reasoningApart };
  return { content: content + toolCallText(format, calls), nativeCalls: [], reasoningApart };
}

/** The requested completion-token limit, if any (`max_completion_tokens` wins, as on OpenAI). */
export function completionLimit(req: { max_tokens?: number; max_completion_tokens?: number }): number | undefined {
  return req.max_completion_tokens ?? req.max_tokens;
}

/** How many of `costs` (tokens per unit, in order) fit in `limit`; all when there is no limit. */
export function unitsWithin(costs: number[], limit: number | undefined): number {
  if (limit === undefined) return costs.length;
  let used = 0;
  for (let i = 0; i < costs.length; i++) {
    used += costs[i];
    if (used > limit) return i;
  }
  return costs.length;
}

export { countTokens };
