import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import { OFFLINE_MODEL_ID, OFFLINE_MODEL_LABEL } from "../config/env.ts";
import { countTokens } from "../common/tokens.ts";
import { CONFIRM_MARKER, confirmSentence, NEUTRAL_ANSWER } from "./offlineConfirm.ts";
import { parseTurnMessage } from "./storyBrief.ts";
import { classifyOffline } from "./offlineEnrichment.ts";
import { ENRICHMENT_MARKER } from "../enrichment/request.ts";
import { planTurn } from "./storyPlanner.ts";
import { rngFor } from "./storyRandom.ts";
import { messageText } from "../common/messageText.ts";
import { yieldToEventLoop } from "../common/eventLoop.ts";

export { CONFIRM_MARKER } from "./offlineConfirm.ts";

/** Constructor fields of {@link OfflineStoryteller}. */
export interface OfflineStorytellerFields extends BaseChatModelParams {
  /** Seed of the story's randomness; the engine passes "<sessionId>:<turn>". */
  seed?: string;
  /** Pause between streamed tokens in ms (QS_OFFLINE_TOKEN_DELAY_MS); default 4, 0 = none. */
  tokenDelayMs?: number;
}

/** Call options: the tools bound with bindTools travel here, like any chat model's. */
export type OfflineStorytellerCallOptions = BaseChatModelCallOptions & {
  tools?: BindToolsInput[];
};

/** What the storyteller answers to one call (before it is streamed or returned whole). */
export interface OfflineAnswer {
  kind: "narrate" | "confirm" | "enrich" | "neutral";
  content: string;
  toolCalls: Array<{ id: string; name: string; args: Record<string, unknown> }>;
  usage: UsageMetadata;
}

/** The name of a tool given to bindTools, whatever its shape (LangChain tool, {name,...}, OpenAI dict). */
export function boundToolName(tool: BindToolsInput): string | undefined {
  if (typeof tool !== "object" || tool === null) return undefined;
  const record = tool as { name?: unknown; function?: { name?: unknown } };
  if (typeof record.name === "string") return record.name;
  if (typeof record.function?.name === "string") return record.function.name;
  return undefined;
}

/** Word-ish tokens that join back to `text` exactly: each word with its leading whitespace. */
export function splitTokens(text: string): string[] {
  const pieces = text.match(/\s*\S+/g) ?? [];
  const rest = text.slice(pieces.join("").length);
  return rest ? [...pieces, rest] : pieces;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** o200k counts of the prompt and of the answer (prose and tool-call arguments). */
function usageOf(messages: BaseMessage[], reply: Omit<OfflineAnswer, "usage">): UsageMetadata {
  const input = messages.reduce((n, m) => n + countTokens(messageText(m)), 0);
  const output = countTokens(reply.content) + reply.toolCalls.reduce((n, c) => n + countTokens(JSON.stringify(c.args)), 0);
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}

/**
 * The offline storyteller (deterministic, not an LLM): a LangChain chat model that answers the
 * engine's narrate call with template prose and the write tool calls a careful narrator would
 * make, and its confirm call with one counting sentence. It streams word by word through the
 * normal callbacks, so LangGraph's `streamMode: "messages"` sees it exactly like a real model.
 * Its prose is template output and never evidence of narrative quality.
 */
export class OfflineStoryteller extends BaseChatModel<OfflineStorytellerCallOptions, AIMessageChunk> {
  /** Human-readable name (see config/env.ts). */
  static readonly label = OFFLINE_MODEL_LABEL;
  seed: string;
  tokenDelayMs: number;

  static override lc_name(): string {
    return "OfflineStoryteller";
  }

  constructor(fields: OfflineStorytellerFields = {}) {
    super(fields);
    this.seed = fields.seed ?? "";
    this.tokenDelayMs = Math.max(0, fields.tokenDelayMs ?? 4);
  }

  override _llmType(): string {
    return OFFLINE_MODEL_ID;
  }

  /** Binds tools the LangChain way (as call options); only their names matter to this model. */
  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<OfflineStorytellerCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, OfflineStorytellerCallOptions> {
    return this.withConfig({ ...kwargs, tools });
  }

  /** The deterministic answer to `messages` given the bound tools. */
  answer(messages: BaseMessage[], options?: Pick<OfflineStorytellerCallOptions, "tools" | "tool_choice">): OfflineAnswer {
    const reply = this.reply(messages, options);
    return { ...reply, usage: usageOf(messages, reply) };
  }

  /** The answer without its token counts (counting a long prompt takes a few ms: streaming does it after the last token). */
  private reply(messages: BaseMessage[], options?: Pick<OfflineStorytellerCallOptions, "tools" | "tool_choice">): Omit<OfflineAnswer, "usage"> {
    const lastHuman = [...messages].reverse().find((m) => m.getType() === "human");
    const text = lastHuman ? messageText(lastHuman) : "";
    const bound = new Set((options?.tools ?? []).map(boundToolName).filter((n): n is string => n !== undefined));
    if (options?.tool_choice === "none") bound.clear();
    let kind: OfflineAnswer["kind"] = "neutral";
    let content = NEUTRAL_ANSWER;
    let planned: Array<{ name: string; args: Record<string, unknown> }> = [];
    const brief = parseTurnMessage(text);
    if (text.trimStart().startsWith(CONFIRM_MARKER)) {
      // No tool calls here on purpose: a template cannot reason about repairing a failed write.
      kind = "confirm";
      content = confirmSentence(text);
    } else if (messages.some((m) => m.getType() === "system" && messageText(m).startsWith(ENRICHMENT_MARKER))) {
      kind = "enrich";
      const verdict = classifyOffline(text);
      content = verdict.ok ? "" : verdict.reason;
      if (verdict.ok && bound.has("classify_relationship")) planned = [{ name: "classify_relationship", args: { ...verdict.args } }];
    } else if (brief) {
      kind = "narrate";
      const plan = planTurn(brief, rngFor(this.seed, text), bound);
      content = plan.narrative;
      planned = plan.toolCalls;
    }
    const toolCalls = planned.map((c, i) => ({ id: `call_${i}`, name: c.name, args: c.args }));
    return { kind, content, toolCalls };
  }

  /** The whole answer at once (used by invoke() when no streaming callback is listening). */
  override async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    options.signal?.throwIfAborted();
    const a = this.answer(messages, options);
    const message = new AIMessage({
      content: a.content,
      tool_calls: a.toolCalls.map((c) => ({ name: c.name, args: c.args, id: c.id, type: "tool_call" as const })),
      usage_metadata: a.usage,
      response_metadata: { model_name: OFFLINE_MODEL_ID, finish_reason: a.toolCalls.length > 0 ? "tool_calls" : "stop" },
    });
    return {
      generations: [{ text: a.content, message }],
      llmOutput: { tokenUsage: { promptTokens: a.usage.input_tokens, completionTokens: a.usage.output_tokens, totalTokens: a.usage.total_tokens } },
    };
  }

  /** The answer word by word, then one chunk with the tool calls and the usage. */
  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const signal = options.signal;
    signal?.throwIfAborted();
    // Planning a turn is synchronous work: let pending I/O (other requests, other turns) run first, as
    // a network model's answer would, so concurrent turns never chain their planning into one stall.
    await yieldToEventLoop();
    signal?.throwIfAborted();
    const a = this.reply(messages, options);
    const tokens = splitTokens(a.content);
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0) await sleep(this.tokenDelayMs, signal);
      signal?.throwIfAborted();
      const chunk = new ChatGenerationChunk({ text: tokens[i], message: new AIMessageChunk({ content: tokens[i] }) });
      yield chunk;
      await runManager?.handleLLMNewToken(tokens[i], { prompt: 0, completion: 0 }, undefined, undefined, undefined, { chunk });
    }
    signal?.throwIfAborted();
    const final = new ChatGenerationChunk({
      text: "",
      message: new AIMessageChunk({
        content: "",
        tool_call_chunks: a.toolCalls.map((c, index) => ({ type: "tool_call_chunk" as const, index, id: c.id, name: c.name, args: JSON.stringify(c.args) })),
        usage_metadata: usageOf(messages, a),
        response_metadata: { model_name: OFFLINE_MODEL_ID, finish_reason: a.toolCalls.length > 0 ? "tool_calls" : "stop" },
      }),
    });
    yield final;
    await runManager?.handleLLMNewToken("", { prompt: 0, completion: 0 }, undefined, undefined, undefined, { chunk: final });
  }
}
