import type { AIMessage, AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { messageText } from "../common/messageText.ts";
import { countTokens } from "../common/tokens.ts";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../common/json.ts";

/** Where a call's token counts come from: the server's `usage`, or the engine's o200k estimate. */
export type TokensSource = "usage" | "estimate";

/**
 * Token usage of a model answer: the provider's own numbers when it reports them, otherwise
 * counted with the bundled o200k encoding over everything sent — system and messages, and the tool
 * schemas as JSON (`toolsJson`) — and everything received, reasoning and tool arguments included.
 */
export function usageOf(
  answer: AIMessage | AIMessageChunk,
  prompt: BaseMessage[],
  toolsJson = "",
): { input: number; output: number; reported: boolean; source: TokensSource } {
  const u = answer.usage_metadata;
  if (u && (u.input_tokens > 0 || u.output_tokens > 0)) return { input: u.input_tokens, output: u.output_tokens, reported: true, source: "usage" };
  const input = prompt.reduce((n, m) => n + countTokens(messageText(m)), 0) + (toolsJson ? countTokens(toolsJson) : 0);
  const apart = answer.additional_kwargs?.reasoning_content;
  // Arguments nested too deep to serialise are refused by the intake; their text is not counted.
  const argsText = (args: unknown): string => (nestsDeeperThan(args, MAX_JSON_DEPTH) ? "" : JSON.stringify(args));
  const args = [...(answer.tool_calls ?? []).map((c) => argsText(c.args)), ...(answer.invalid_tool_calls ?? []).map((c) => c.args ?? "")].join("");
  const output = countTokens(messageText(answer) + (typeof apart === "string" ? apart : "") + args);
  return { input, output, reported: false, source: "estimate" };
}
