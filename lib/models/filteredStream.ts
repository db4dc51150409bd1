import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { messageText } from "../common/messageText.ts";
import { StreamFilter, type FilterOptions } from "./streamFilter.ts";

/** Anything that streams message chunks: a chat model, with or without tools bound. */
export interface ChunkStreamer {
  stream(input: BaseMessage[], options?: Partial<RunnableConfig>): Promise<AsyncIterable<AIMessageChunk>>;
}

export interface FilteredAnswer {
  /** The whole answer as the model sent it (raw content, tool calls, usage, finish reason). */
  full: AIMessageChunk;
  filter: StreamFilter;
  /** Reasoning: think blocks from the content plus any `reasoning_content` the server sent apart. */
  reasoning: string;
  finishReason: string | undefined;
}

/**
 * Streams one model call through the StreamFilter: only visible text reaches `onVisible`;
 * reasoning goes to `onReasoning`. The call is tagged "nostream" so LangGraph's raw message
 * stream never carries unfiltered model text.
 */
export async function streamFiltered(
  model: ChunkStreamer,
  messages: BaseMessage[],
  config: RunnableConfig,
  options: FilterOptions & { onVisible: (text: string) => void; onReasoning: (text: string) => void },
): Promise<FilteredAnswer> {
  const filter = new StreamFilter(options);
  let full: AIMessageChunk | undefined;
  let separateReasoning = "";
  const release = (out: { visible: string; reasoning: string }) => {
    options.onReasoning(out.reasoning);
    options.onVisible(out.visible);
  };
  for await (const chunk of await model.stream(messages, { ...config, tags: [...(config.tags ?? []), "nostream"] })) {
    full = full ? full.concat(chunk) : chunk;
    const apart = chunk.additional_kwargs?.reasoning_content;
    if (typeof apart === "string" && apart) {
      separateReasoning += apart;
      options.onReasoning(apart);
    }
    release(filter.push(messageText(chunk)));
  }
  release(filter.end());
  if (!full) throw new Error("the model returned nothing");
  const finish = full.response_metadata?.finish_reason;
  return {
    full,
    filter,
    reasoning: separateReasoning + filter.reasoningText,
    finishReason: typeof finish === "string" ? finish : undefined,
  };
}
