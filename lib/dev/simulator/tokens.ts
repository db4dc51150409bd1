/**
 * Token counting (o200k_base through the engine's own `countTokens` in lib/common/tokens.ts: gpt-tokenizer's
 * bundled ranks, never a remote encoding) and the splitting of a reply into streamed pieces.
 */
import { countTokens as countO200kTokens } from "../../common/tokens.ts";
import type { ChatMessage, ChatRequest, ScriptToolCall } from "./types.ts";

/**
 * Builds the o200k_base encoder now (≈1 s of CPU, once per process) so that the first request
 * served does not pay for it. The server calls it before listening.
 */
export function warmUpTokenizer(): void {
  countO200kTokens("");
}

/** Number of o200k_base tokens in `text`. */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  return countO200kTokens(text);
}

/** The plain text of a message's content: a string, or the `text` of its text parts. */
export function messageText(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (typeof part.text === "string" ? part.text : ""))
    .join("");
}

/** Per-message and per-reply overhead, as in OpenAI's own counting recipe. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

/**
 * Prompt tokens of a request: tiktoken over each message's role, name, text, tool calls and
 * tool_call_id, plus the JSON of the tool schemas, plus 3 tokens per message and 3 for the reply.
 */
export function countPromptTokens(req: Pick<ChatRequest, "messages" | "tools">): number {
  let total = TOKENS_PER_REPLY;
  for (const m of req.messages) {
    const parts = [m.role, m.name ?? "", messageText(m.content), m.tool_call_id ?? ""];
    if (m.tool_calls?.length) parts.push(JSON.stringify(m.tool_calls));
    total += TOKENS_PER_MESSAGE + countTokens(parts.filter(Boolean).join("\n"));
  }
  if (req.tools?.length) total += countTokens(JSON.stringify(req.tools));
  return total;
}

/** Completion tokens of a reply: its content plus each tool call's name and JSON arguments. */
export function countCompletionTokens(content: string, toolCalls: ScriptToolCall[]): number {
  let total = countTokens(content);
  for (const call of toolCalls) total += countTokens(call.name) + countTokens(JSON.stringify(call.args));
  return total;
}

/**
 * Splits text into word-ish pieces that join back to it exactly: each piece is a word with its
 * leading whitespace (" world"), like the leading-space tokens of real models.
 */
export function splitIntoPieces(text: string): string[] {
  const pieces: string[] = text.match(/\s*\S+/g) ?? [];
  const rest = text.slice(pieces.join("").length);
  if (rest) pieces.push(rest);
  return pieces;
}

/** Splits a tool call's JSON arguments into `count` fragments of similar length (at least one, never empty). */
export function splitArguments(json: string, count = 3): string[] {
  const n = Math.max(1, Math.min(count, json.length));
  const size = Math.ceil(json.length / n);
  const fragments: string[] = [];
  for (let i = 0; i < json.length; i += size) fragments.push(json.slice(i, i + size));
  return fragments.length ? fragments : [""];
}
