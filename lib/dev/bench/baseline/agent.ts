import { AIMessage, AIMessageChunk, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { type TurnRecord } from "../../../../graph/records.ts";
import { narratorPrompt } from "../../../prompts/narrator.ts";
import type { StoryEngine } from "../../../sessions/engine.ts";
import type { TurnStreamEvent } from "../../../sessions/turnEvents.ts";
import { toolPhase } from "../../../tools/registry.ts";
import { createWeakTools, type BaselineSession } from "./tools.ts";
import { createStrongTools } from "./strongTools.ts";
import type { Json } from "../../../common/json.ts";
import { messageText } from "../../../common/messageText.ts";
import { countToolCalls, type ToolCallRecord } from "../../../tools/records.ts";

/** The two ReAct baselines: the weak one as the original system ran, the strong one as a LangGraph user would build it. */
export type BaselineKind = "weak" | "strong";

/**
 * Weak: the verbose narrator prompt (written for the prompt comparison) plus the paragraph a ReAct
 * user adds for its own unbatched tools.
 */
export const WEAK_SYSTEM = `${narratorPrompt("verbose").system}

## Tools in this game

Before writing, read what you need: read_state for each story-state path that matters (one path per call), read_world for the world and cast, search_memories for what the characters remember and query_relationships for how they feel about each other. Then record every change, one tool call at a time: update_state, update_world, create_character and add_memory (one memory per call). When everything is recorded, answer with the narrative only.`;

/** Strong: the compact narrator prompt plus two lines on the read tools (the product runs its reads itself). */
export const STRONG_SYSTEM = `${narratorPrompt("compact").system}

Reads: before writing, call the read tools you need in ONE answer, in parallel (read_state with every path, read_world, search_memories with include_relationships, query_relationships). Then write the narrative and its write calls in the same answer.`;

interface Flavour {
  system: string;
  tools: (session: BaselineSession) => StructuredToolInterface[];
  /** true: narrative tokens go to the client as the model streams them (streamMode "messages"). */
  streamTokens: boolean;
}

const FLAVOURS: Record<BaselineKind, Flavour> = {
  weak: { system: WEAK_SYSTEM, tools: createWeakTools, streamTokens: false },
  strong: { system: STRONG_SYSTEM, tools: createStrongTools, streamTokens: true },
};

/** Words per `token` event when the weak baseline sends its finished narrative (the legacy delivery). */
const WORDS_PER_CHUNK = 8;

/**
 * One turn of a ReAct baseline: LangGraph's prebuilt agent over the session's own state and memory.
 * - weak: verbose prompt, unbatched and uncached tools; the narrative reaches the client only once
 *   the agent has finished (then in chunks) — non-streaming, like the original system.
 * - strong: compact prompt, the product's batched tools with the read cache, parallel tool calls,
 *   and every narrative token streamed as the model writes it (streamMode "messages").
 * Counts model calls and token usage from the agent's AIMessages and appends the turn to the
 * session's history. Tool events are sent as the tools finish.
 */
export async function runBaselineTurn(
  kind: BaselineKind,
  engine: StoryEngine,
  sessionId: string,
  input: string,
  onEvent: (e: TurnStreamEvent) => void,
  signal?: AbortSignal,
): Promise<TurnRecord> {
  const flavour = FLAVOURS[kind];
  const startedAt = Date.now();
  const { state } = await engine.getSession(sessionId);
  const turn = state.turn + 1;
  onEvent({ event: "start", data: { session_id: sessionId, turn } });
  try {
    const player = state.entities.find((e) => e.id === state.scenario.player_id);
    const model = engine.runtime.models.create({ sessionId, turn });
    // createReactAgent is deprecated in favour of langchain's createAgent (package not installed here).
    const agent = createReactAgent({ llm: model, tools: flavour.tools({ engine, sessionId, turn }), prompt: flavour.system });
    const human = new HumanMessage(`Turn ${turn}. Player: ${player?.name ?? state.scenario.player_id} (${state.scenario.player_id})\nPlayer action: ${input}`);

    const requested = new Map<string, { name: string; args: Json }>();
    const records: ToolCallRecord[] = [];
    let llmCalls = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    let streamed = "";
    let ttft: number | null = null;
    const finalTexts: string[] = [];
    const stream = await agent.stream({ messages: [human] }, { streamMode: ["updates", "messages"], signal, recursionLimit: 60 });
    for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === "messages") {
        const [message] = chunk as [BaseMessage, unknown];
        if (!flavour.streamTokens || !AIMessageChunk.isInstance(message)) continue;
        const text = messageText(message);
        if (!text) continue;
        ttft ??= Date.now() - startedAt;
        streamed += text;
        onEvent({ event: "token", data: { text } });
        continue;
      }
      for (const value of Object.values(chunk as Record<string, { messages?: BaseMessage[] }>)) {
        for (const message of value?.messages ?? []) {
          if (AIMessage.isInstance(message)) {
            llmCalls++;
            inputTokens += message.usage_metadata?.input_tokens ?? 0;
            outputTokens += message.usage_metadata?.output_tokens ?? 0;
            for (const c of message.tool_calls ?? []) requested.set(c.id ?? "", { name: c.name, args: c.args as Json });
            const text = messageText(message).trim();
            if (text) finalTexts.push(text);
          } else if (ToolMessage.isInstance(message)) {
            const record = toolRecord(message, requested);
            records.push(record);
            onEvent({ event: "tool", data: { phase: record.phase, name: record.name, args: record.args, ok: record.ok, result: record.result, error: record.error } });
          }
        }
      }
    }
    const narrative = flavour.streamTokens ? streamed.trim() : (finalTexts.at(-1) ?? "");
    if (!narrative) throw new Error("the agent finished without a narrative");
    if (!flavour.streamTokens) {
      ttft = Date.now() - startedAt;
      const words = narrative.split(" ");
      for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) {
        onEvent({ event: "token", data: { text: (i > 0 ? " " : "") + words.slice(i, i + WORDS_PER_CHUNK).join(" ") } });
      }
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
        model: `ReAct baseline (${kind}): ${engine.runtime.models.describe()}`,
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

function toolRecord(message: ToolMessage, requested: Map<string, { name: string; args: Json }>): ToolCallRecord {
  const call = requested.get(message.tool_call_id) ?? { name: message.name ?? "unknown", args: {} };
  const ok = message.status !== "error";
  const text = messageText(message);
  return {
    id: message.tool_call_id,
    name: call.name,
    phase: toolPhase(call.name) ?? "write",
    args: call.args,
    ok,
    ...(ok ? { result: parseJson(text) } : { error: text }),
    ms: 0,
  };
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}
