import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";

/** The text of a message, whether its content is a string or content blocks. */
export function messageText(message: BaseMessage | AIMessageChunk): string {
  const content = message.content;
  if (typeof content === "string") return content;
  return content.map((part) => (typeof part === "object" && part !== null && "text" in part && typeof part.text === "string" ? part.text : "")).join("");
}
