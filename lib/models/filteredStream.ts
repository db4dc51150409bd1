import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { ensureConfig, type RunnableConfig } from "@langchain/core/runnables";
import { messageText } from "../common/messageText.ts";
import { StreamFilter, type FilterOptions } from "../modelOutput/streamFilter.ts";

/** Anything that streams message chunks: a chat model, with or without tools bound. */
export interface ChunkStreamer {
  stream(input: BaseMessage[], options?: Partial<RunnableConfig>): Promise<AsyncIterable<AIMessageChunk>>;
  /** A Runnable's own chunk generator (what `stream` wraps); see `chunksOf`. */
  _streamIterator?(input: BaseMessage[], options?: Partial<RunnableConfig>): AsyncGenerator<AIMessageChunk>;
}

/**
 * The model's chunks. A Runnable's `stream()` wraps its generator in a web ReadableStream and
 * re-enters the async-local config (callback set-up, environment reads, an abort race) for every
 * chunk; that per-token cost adds up across concurrent sessions. The generator itself yields the
 * same chunks and still runs the callbacks (start, per token, end) and honours the abort signal,
 * so it is used directly when the model has one.
 */
function chunksOf(model: ChunkStreamer, messages: BaseMessage[], config: RunnableConfig): AsyncIterable<AIMessageChunk> | Promise<AsyncIterable<AIMessageChunk>> {
  return typeof model._streamIterator === "function" ? model._streamIterator(messages, ensureConfig(config)) : model.stream(messages, config);
}

/** The whole answer: the chunks merged once, in order, after the stream (not a growing merge per token). */
function mergeChunks(chunks: AIMessageChunk[]): AIMessageChunk | undefined {
  let full = chunks[0];
  for (let i = 1; i < chunks.length; i++) full = full.concat(chunks[i]);
  return full;
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
  const chunks: AIMessageChunk[] = [];
  let separateReasoning = "";
  const release = (out: { visible: string; reasoning: string }) => {
    options.onReasoning(out.reasoning);
    options.onVisible(out.visible);
  };
  for await (const chunk of await chunksOf(model, messages, { ...config, tags: [...(config.tags ?? []), "nostream"] })) {
    chunks.push(chunk);
    const apart = chunk.additional_kwargs?.reasoning_content;
    if (typeof apart === "string" && apart) {
      separateReasoning += apart;
      options.onReasoning(apart);
    }
    release(filter.push(messageText(chunk)));
  }
  release(filter.end());
  const full = mergeChunks(chunks);
  if (!full) throw new Error("the model returned nothing");
  const finish = full.response_metadata?.finish_reason;
  return {
    full,
    filter,
    reasoning: separateReasoning + filter.reasoningText,
    finishReason: typeof finish === "string" ? finish : undefined,
  };
}
