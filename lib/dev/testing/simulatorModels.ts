/**
 * Client factories for tests and benchmarks that talk to the simulated model server: the real
 * `ChatOpenAI` / `OpenAIEmbeddings`, configured so they work fully offline.
 */
import { ChatOpenAI, OpenAIEmbeddings, type ChatOpenAIFields } from "@langchain/openai";
import type { SimulatedModelServer } from "../simulator/openaiServer.ts";

/**
 * A real `ChatOpenAI` pointed at the simulator. Never pass `streaming: true` here: `.invoke()` would then
 * try to download a tiktoken encoding (hangs offline); `.stream()` and LangGraph's "messages" mode
 * stream token by token without it. `maxRetries: 0` so deliberate failures surface at once;
 * `useResponsesApi: false` (the default, made explicit) keeps it on `/v1/chat/completions`.
 */
export function simChatModel(server: Pick<SimulatedModelServer, "baseURL">, fields: ChatOpenAIFields = {}): ChatOpenAI {
  return new ChatOpenAI({
    model: "sim-model",
    apiKey: "sim",
    maxRetries: 0,
    useResponsesApi: false,
    ...fields,
    configuration: { ...fields.configuration, baseURL: server.baseURL },
  });
}

/** A real `OpenAIEmbeddings` pointed at the simulator (`dimensions` defaults to the server's 64). */
export function simEmbeddings(
  server: Pick<SimulatedModelServer, "baseURL">,
  fields: ConstructorParameters<typeof OpenAIEmbeddings>[0] = {},
): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: "sim-embedding",
    apiKey: "sim",
    maxRetries: 0,
    ...fields,
    configuration: { ...fields?.configuration, baseURL: server.baseURL },
  });
}
