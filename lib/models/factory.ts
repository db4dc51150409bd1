import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import { OFFLINE_MODEL_ID, OFFLINE_MODEL_LABEL, modelName, type Env } from "../config/env.ts";
import { OfflineStoryteller } from "../storyteller/offlineStoryteller.ts";

/** Which model a turn uses, and for whom (the offline storyteller is seeded by session + turn). */
export interface ChatModelRequest {
  /** Model id from the run's configuration; undefined = the configured default. */
  model?: string;
  sessionId: string;
  turn: number;
  /** Sent as max_tokens (the offline storyteller ignores it). */
  maxTokens?: number;
}

export interface ChatModelFactory {
  /** Default model id (QS_MODEL or the provider's default). */
  defaultModel: string;
  /** Human-readable name for /health and the `done` event. */
  describe(model?: string): string;
  create(request: ChatModelRequest): BaseChatModel;
  /** Whether a model's text is withheld until `</think>` (QS_REASONING_TAGS=closing, or learned). */
  holdsUntilThinkClose(model?: string): boolean;
  /** Notes that a model sent a bare `</think>`: its later answers are withheld until one arrives. */
  noteBareThinkClose(model?: string): void;
}

/**
 * Model families whose chat templates open the think block themselves, so their answers carry only a
 * closing `</think>`: their text is withheld until it arrives from the first turn on, never leaked.
 */
export const OPENS_THINK_BLOCK = /deepseek[-_ ]?r1|r1[-_]distill|\bqwq\b|thinking/i;

/**
 * Builds chat models from the validated environment: the offline storyteller, or ChatOpenAI
 * against any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio, the simulator).
 */
export function createChatModelFactory(env: Env): ChatModelFactory {
  const defaultModel = modelName(env);
  const isOffline = (model: string) => env.QS_MODEL_PROVIDER === "offline" || model === OFFLINE_MODEL_ID;
  const bareClosers = new Set<string>();
  return {
    defaultModel,
    holdsUntilThinkClose(model = defaultModel) {
      return !isOffline(model) && (env.QS_REASONING_TAGS === "closing" || OPENS_THINK_BLOCK.test(model) || bareClosers.has(model));
    },
    noteBareThinkClose(model = defaultModel) {
      bareClosers.add(model);
    },
    describe(model = defaultModel) {
      return isOffline(model) ? OFFLINE_MODEL_LABEL : `${model} via ${env.OPENAI_BASE_URL ?? "api.openai.com"}`;
    },
    create({ model = defaultModel, sessionId, turn, maxTokens }) {
      if (isOffline(model)) return new OfflineStoryteller({ seed: `${sessionId}:${turn}`, tokenDelayMs: env.QS_OFFLINE_TOKEN_DELAY_MS });
      // `streaming` stays unset: with it, invoke() fetches a tiktoken encoding (hangs offline);
      // LangGraph's messages stream and .stream() still stream token by token without it.
      return new ChatOpenAI({
        model,
        apiKey: env.OPENAI_API_KEY ?? "not-needed",
        configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : undefined,
        maxRetries: 1,
        timeout: env.QS_MODEL_TIMEOUT_MS,
        streamUsage: true,
        maxTokens,
      });
    },
  };
}
