import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { type TurnRecord } from "../../../graph/records.ts";
import { narratorPrompt } from "../../../lib/prompts/narrator.ts";
import type { StoryEngine } from "../../../lib/sessions/engine.ts";
import type { TurnStreamEvent } from "../../../lib/sessions/turnEvents.ts";
import { toolPhase } from "../../../lib/tools/registry.ts";
import { createBaselineTools } from "./tools.ts";
import type { Json } from "../../../lib/common/json.ts";
import { messageText } from "../../../lib/common/messageText.ts";
import { countToolCalls, type ToolCallRecord } from "../../../lib/tools/records.ts";

/**
 * The verbose narrator prompt plus the paragraph a ReAct user adds for its own tools (the
 * verbose prompt describes the product's batched tools, which the baseline does not have).
 */
export const BASELINE_SYSTEM = `${narratorPrompt("verbose").system}

## Tools in this game

Before writing, read what you need: read_state for each story-state path that matters (one path per call), read_world for the world and cast, search_memories for what the characters remember and query_relationships for how they feel about each other. Then record every change, one tool call at a time: update_state, update_world, create_character and add_memory (one memory per call). When everything is recorded, answer with the narrative only.`;

/** Words per `token` event when the finished narrative is sent (the legacy delivery). */
const WORDS_PER_CHUNK = 8;

/**
 * One turn of the ReAct baseline: LangGraph's prebuilt agent over the session's own state and
 * memory, with the long prompt. The narrative reaches the client only once the agent has
 * finished (then in chunks); tool events are sent as the tools run. Counts model calls and
 * token usage from the agent's AIMessages, and appends the turn to the session's history.
 */
export async function runBaselineTurn(
  engine: StoryEngine,
  sessionId: string,
  input: string,
  onEvent: (e: TurnStreamEvent) => void,
  signal?: AbortSignal,
): Promise<TurnRecord> {
  const startedAt = Date.now();
  const { state } = await engine.getSession(sessionId);
  const turn = state.turn + 1;
  onEvent({ event: "start", data: { session_id: sessionId, turn } });
  try {
    const player = state.entities.find((e) => e.id === state.scenario.player_id);
    const model = engine.runtime.models.create({ sessionId, turn });
    // createReactAgent is deprecated in favour of langchain's createAgent (package not installed here).
    const agent = createReactAgent({ llm: model, tools: createBaselineTools({ engine, sessionId, turn }), prompt: BASELINE_SYSTEM });
    const human = new HumanMessage(`Turn ${turn}. Player: ${player?.name ?? state.scenario.player_id} (${state.scenario.player_id})\nPlayer action: ${input}`);

    const requested = new Map<string, { name: string; args: Json }>();
    const records: ToolCallRecord[] = [];
    let llmCalls = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    let narrative = "";
    const stream = await agent.stream({ messages: [human] }, { streamMode: "updates", signal, recursionLimit: 60 });
    for await (const update of stream) {
      for (const value of Object.values(update as Record<string, { messages?: BaseMessage[] }>)) {
        for (const message of value?.messages ?? []) {
          if (AIMessage.isInstance(message)) {
            llmCalls++;
            inputTokens += message.usage_metadata?.input_tokens ?? 0;
            outputTokens += message.usage_metadata?.output_tokens ?? 0;
            for (const c of message.tool_calls ?? []) requested.set(c.id ?? "", { name: c.name, args: c.args as Json });
            if ((message.tool_calls ?? []).length === 0) narrative = messageText(message).trim();
          } else if (ToolMessage.isInstance(message)) {
            const call = requested.get(message.tool_call_id) ?? { name: message.name ?? "unknown", args: {} };
            const ok = message.status !== "error";
            const text = messageText(message);
            const record: ToolCallRecord = {
              id: message.tool_call_id,
              name: call.name,
              phase: toolPhase(call.name) ?? "write",
              args: call.args,
              ok,
              ...(ok ? { result: parseJson(text) } : { error: text }),
              ms: 0,
            };
            records.push(record);
            onEvent({ event: "tool", data: { phase: record.phase, name: record.name, args: record.args, ok, result: record.result, error: record.error } });
          }
        }
      }
    }
    if (!narrative) throw new Error("the agent finished without a narrative");

    const ttft = Date.now() - startedAt;
    const words = narrative.split(" ");
    for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) {
      onEvent({ event: "token", data: { text: (i > 0 ? " " : "") + words.slice(i, i + WORDS_PER_CHUNK).join(" ") } });
    }
    const record: TurnRecord = {
      turn,
      input,
      narrative,
      tool_calls: records,
      confirmation: "",
      at: new Date().toISOString(),
      metrics: {
        ttft_ms: ttft,
        total_ms: Date.now() - startedAt,
        llm_calls: llmCalls,
        ...countToolCalls(records),
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        model: `ReAct baseline: ${engine.runtime.models.describe()}`,
        repaired: false,
      },
    };
    await engine.app.updateState({ configurable: { thread_id: sessionId } }, { turn, history: [record] }, "confirm");
    onEvent({ event: "done", data: { turn, narrative, confirmation: "", metrics: record.metrics, model: record.metrics.model } });
    return record;
  } catch (error) {
    onEvent({ event: "error", data: { code: "baseline_failed", message: (error as Error).message } });
    throw error;
  }
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}
