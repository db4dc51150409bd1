import { AIMessageChunk, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { OFFLINE_MODEL_ID } from "../config/env.ts";
import { countTokens } from "../common/tokens.ts";
import { AddMemoriesArgs, AddMemoryArgs, CreateCharacterArgs, UpdateStateArgs, UpdateWorldArgs } from "../tools/schemas.ts";
import { CONFIRM_MARKER, OfflineStoryteller, splitTokens } from "./offlineStoryteller.ts";
import { STORY_SCENARIOS, storyTurnMessage } from "../dev/testing/storyKit.ts";

const WRITE_SPECS = [
  { name: "update_state", description: "state ops", schema: UpdateStateArgs },
  { name: "update_world", description: "world keys", schema: UpdateWorldArgs },
  { name: "create_character", description: "new entity", schema: CreateCharacterArgs },
  { name: "add_memories", description: "memories", schema: AddMemoriesArgs },
  { name: "add_memory", description: "one memory", schema: AddMemoryArgs },
];
const narrateMessages = (action: string): BaseMessage[] => [
  new SystemMessage("You narrate an interactive story."),
  new HumanMessage(storyTurnMessage(STORY_SCENARIOS.frontier, action)),
];
const WATER_AND_RIDE = narrateMessages("I share my water with Tomas, then ride to Greyfall.");

async function collect(stream: AsyncIterable<AIMessageChunk>): Promise<{ chunks: AIMessageChunk[]; full: AIMessageChunk }> {
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const full = chunks.reduce((acc, c) => acc.concat(c));
  return { chunks, full };
}

describe("OfflineStoryteller", () => {
  it("is named as the deterministic offline storyteller", () => {
    const model = new OfflineStoryteller();
    expect(model._llmType()).toBe("offline-storyteller");
    expect(OfflineStoryteller.label).toBe("offline storyteller (deterministic, not an LLM)");
    expect(model.tokenDelayMs).toBe(4);
  });

  it("streams many word tokens whose concatenation equals invoke(), with identical tool calls", async () => {
    const model = new OfflineStoryteller({ seed: "ses_x:2", tokenDelayMs: 0 }).bindTools(WRITE_SPECS);
    const whole = await model.invoke(WATER_AND_RIDE);
    const { chunks, full } = await collect(await model.stream(WATER_AND_RIDE));
    expect(chunks.length).toBeGreaterThan(60);
    expect(chunks.slice(0, -1).every((c) => typeof c.content === "string" && c.content.trim().split(/\s+/).length === 1)).toBe(true);
    expect(full.content).toBe(whole.content);
    expect(full.tool_calls).toEqual(whole.tool_calls);
    expect(whole.tool_calls?.map((c) => c.name)).toEqual(["update_state", "update_world", "add_memories"]);
    expect(whole.tool_calls?.map((c) => c.id)).toEqual(["call_0", "call_1", "call_2"]);
    expect(whole.response_metadata.model_name).toBe(OFFLINE_MODEL_ID);
    expect(full.response_metadata.model_name).toBe(OFFLINE_MODEL_ID);
    expect(splitTokens(String(whole.content)).join("")).toBe(whole.content);
  });

  it("reports usage counted with o200k over the prompt and over narrative + arguments", async () => {
    const model = new OfflineStoryteller({ seed: "u", tokenDelayMs: 0 }).bindTools(WRITE_SPECS);
    const { full } = await collect(await model.stream(WATER_AND_RIDE));
    const input = WATER_AND_RIDE.reduce((n, m) => n + countTokens(String(m.content)), 0);
    const output = countTokens(String(full.content)) + (full.tool_calls ?? []).reduce((n, c) => n + countTokens(JSON.stringify(c.args)), 0);
    expect(full.usage_metadata).toMatchObject({ input_tokens: input, output_tokens: output, total_tokens: input + output });
  });

  it("calls only the tools that were bound, whatever their shape", async () => {
    const worldTool = tool(async () => "ok", { name: "update_world", description: "world", schema: UpdateWorldArgs });
    const onlyWorld = await new OfflineStoryteller({ tokenDelayMs: 0 }).bindTools([worldTool]).invoke(WATER_AND_RIDE);
    expect(onlyWorld.tool_calls?.map((c) => c.name)).toEqual(["update_world"]);
    const openAiDict = { type: "function", function: { name: "update_state", description: "x", parameters: {} } };
    const onlyState = await new OfflineStoryteller({ tokenDelayMs: 0 }).bindTools([openAiDict]).invoke(WATER_AND_RIDE);
    expect(onlyState.tool_calls?.map((c) => c.name)).toEqual(["update_state"]);
    const unbound = await new OfflineStoryteller({ tokenDelayMs: 0 }).invoke(WATER_AND_RIDE);
    expect(unbound.tool_calls ?? []).toEqual([]);
    expect(unbound.content).toBe(onlyWorld.content);
  });

  it("is deterministic for a seed and message, and varies with the seed", async () => {
    const answer = async (seed: string) => (await new OfflineStoryteller({ seed, tokenDelayMs: 0 }).bindTools(WRITE_SPECS).invoke(WATER_AND_RIDE));
    const [a, b] = [await answer("ses_1:3"), await answer("ses_1:3")];
    expect(b.content).toBe(a.content);
    expect(b.tool_calls).toEqual(a.tool_calls);
    const others = await Promise.all(["ses_2:3", "ses_3:3", "ses_4:3"].map(answer));
    expect(others.some((o) => o.content !== a.content)).toBe(true);
  });

  it("stops streaming promptly when the signal aborts", async () => {
    const model = new OfflineStoryteller({ seed: "abort", tokenDelayMs: 25 });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const chunk of await model.stream(WATER_AND_RIDE, { signal: controller.signal })) {
        seen.push(String(chunk.content));
        if (seen.length === 3) controller.abort();
      }
    })();
    // Promptly = not one more token: the pause before the 4th token ends with the abort.
    await expect(run).rejects.toThrow(/abort/i);
    expect(seen).toHaveLength(3);
  });

  it("answers the confirm call with one counting sentence and never a tool call", async () => {
    const model = new OfflineStoryteller({ tokenDelayMs: 0 }).bindTools(WRITE_SPECS);
    const ok = await model.invoke([
      new SystemMessage("Confirm these story writes in one short sentence."),
      new HumanMessage(`${CONFIRM_MARKER}\n- update_state ok: {"applied":1}\n- update_world ok: {"updated":["time"]}\n- add_memories ok: {"stored":2}`),
    ]);
    expect(ok.content).toBe("Confirmed: 3 writes applied (update_state, update_world, add_memories).");
    expect(ok.tool_calls ?? []).toEqual([]);
    const failed = await model.invoke([
      new HumanMessage(`${CONFIRM_MARKER}\n- update_state error: ops[0] dec player.water: target is not a number (args {"ops":[]})\n- add_memories ok: {"stored":2}`),
    ]);
    expect(failed.content).toBe("Confirmed 1 of 2 writes; update_state failed (ops[0] dec player.water: target is not a number) and was left unchanged.");
    expect(failed.tool_calls ?? []).toEqual([]);
  });

  it("answers anything else with a short neutral sentence", async () => {
    const reply = await new OfflineStoryteller({ tokenDelayMs: 0 }).bindTools(WRITE_SPECS).invoke("What is the capital of France?");
    expect(reply.content).toMatch(/^This is the offline storyteller \(deterministic, not an LLM\)/);
    expect(reply.tool_calls ?? []).toEqual([]);
  });

  it("streams token by token inside a LangGraph graph (streamMode: messages)", async () => {
    const State = Annotation.Root({
      messages: Annotation<BaseMessage[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    });
    const model = new OfflineStoryteller({ seed: "graph:1", tokenDelayMs: 1 }).bindTools(WRITE_SPECS);
    const graph = new StateGraph(State)
      .addNode("narrate", async (state, config) => ({ messages: [await model.invoke(state.messages, config)] }))
      .addEdge(START, "narrate")
      .addEdge("narrate", END)
      .compile();
    const parts: Array<{ text: string; toolChunks: number; producedSoFar: number }> = [];
    // How many tokens the model had produced when each part reached the consumer.
    let produced = 0;
    const counter = { handleLLMNewToken: () => void produced++ };
    for await (const [message, metadata] of await graph.stream({ messages: WATER_AND_RIDE }, { streamMode: "messages", callbacks: [counter] })) {
      expect(metadata.langgraph_node).toBe("narrate");
      const chunk = message as AIMessageChunk;
      parts.push({ text: String(chunk.content), toolChunks: chunk.tool_call_chunks?.length ?? 0, producedSoFar: produced });
    }
    const direct = await new OfflineStoryteller({ seed: "graph:1", tokenDelayMs: 0 }).bindTools(WRITE_SPECS).invoke(WATER_AND_RIDE);
    expect(parts.length).toBeGreaterThan(60);
    expect(parts.map((p) => p.text).join("")).toBe(direct.content);
    expect(parts.at(-1)?.toolChunks).toBe(3);
    // Token by token: the first part reached the consumer before the model had produced the rest.
    expect(parts[0].producedSoFar).toBeLessThan(parts.length / 2);
  });
});
