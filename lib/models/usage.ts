import type { AIMessage, AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { messageText } from "../common/messageText.ts";
import { countTokens } from "../common/tokens.ts";

/**
 * Token usage of a model answer: the provider's own numbers when it reports them, otherwise
 * counted with the bundled o200k encoding (so offline runs still report comparable figures).
 */
export function usageOf(answer: AIMessage | AIMessageChunk, prompt: BaseMessage[]): { input: number; output: number; reported: boolean } {
  const u = answer.usage_metadata;
  if (u && (u.input_tokens > 0 || u.output_tokens > 0)) return { input: u.input_tokens, output: u.output_tokens, reported: true };
  const input = prompt.reduce((n, m) => n + countTokens(messageText(m)), 0);
  const args = (answer.tool_calls ?? []).map((c) => JSON.stringify(c.args)).join("");
  return { input, output: countTokens(messageText(answer) + args), reported: false };
}
