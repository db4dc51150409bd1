/**
 * The simulated model server driven by the REAL @langchain/openai clients: streaming, tool calls,
 * usage, latency model, request recording, embeddings, and a LangGraph "messages" stream.
 */
import { AIMessageChunk, HumanMessage, ToolMessage, type AIMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { scriptedReplies, startSimulatedModelServer, toolCallReply, type SimulatedModelServer } from "./openaiServer.ts";
import { simChatModel, simEmbeddings } from "../testing/simulatorModels.ts";
import { countTokens } from "../../common/tokens.ts";

const TEN_WORDS = "One two three four five six seven eight nine ten.";

const moveTo = tool(async ({ place }) => `You are now in the ${place}.`, {
  name: "move_to",
  description: "Move the player character to another place.",
  schema: z.object({ place: z.string().describe("Where to go"), quietly: z.boolean() }),
});

let server: SimulatedModelServer;

beforeAll(async () => {
  server = await startSimulatedModelServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setLatency({});
  server.setScript(scriptedReplies([{ content: TEN_WORDS }], { whenExhausted: "repeat-last" }));
});

/**
 * Streams a model call and returns the concatenated message plus the `performance.now()` at which each
 * content chunk reached the client (the server runs in this process, so it shares that clock).
 */
async function streamTimed(
  run: () => Promise<AsyncIterable<AIMessageChunk>>,
): Promise<{ message: AIMessageChunk; contentTimes: number[]; pieces: string[] }> {
  const contentTimes: number[] = [];
  const pieces: string[] = [];
  let message: AIMessageChunk | undefined;
  for await (const chunk of await run()) {
    if (typeof chunk.content === "string" && chunk.content.length > 0) {
      contentTimes.push(performance.now());
      pieces.push(chunk.content);
    }
    message = message ? message.concat(chunk) : chunk;
  }
  if (!message) throw new Error("the stream yielded nothing");
  return { message, contentTimes, pieces };
}

/** Timers may fire up to a loop iteration early against performance.now(): lower bounds keep this slack. */
const TIMER_SLACK = 0.9;

describe("streaming through the real ChatOpenAI", () => {
  it("yields content chunks one by one, the first reaching the client before the server sent the last", async () => {
    server.setLatency({ perTokenMs: 30 });
    const { message, contentTimes, pieces } = await streamTimed(() => simChatModel(server).stream("Begin."));
    expect(pieces).toHaveLength(10);
    expect(message.content).toBe(TEN_WORDS);
    const call = server.calls[0];
    expect(call.stream).toBe(true);
    expect(call.outcome).toBe("ok");
    expect(call.plannedTtftMs).toBe(0);
    expect(call.plannedPieceDelaysMs).toEqual(Array(9).fill(30));
    // Ordering, not durations: the server wrote the first piece, the client got it, and only then did the
    // server finish the stream (nine planned 30 ms pauses later).
    expect(call.firstPieceAt).toBeDefined();
    expect(call.firstPieceAt!).toBeLessThanOrEqual(contentTimes[0]);
    expect(contentTimes[0]).toBeLessThan(call.endedAt!);
    expect(contentTimes).toEqual([...contentTimes].sort((a, b) => a - b));
    // The planned pauses really separate the first piece from the end of the stream.
    const planned = call.plannedPieceDelaysMs.reduce((a, b) => a + b, 0);
    expect(call.endedAt! - call.firstPieceAt!).toBeGreaterThanOrEqual(planned * TIMER_SLACK);
  });

  it("respects ttft: the first piece is written no earlier than the planned ttftMs", async () => {
    server.setLatency({ ttftMs: 300 });
    const { contentTimes } = await streamTimed(() => simChatModel(server).stream("Begin."));
    const call = server.calls[0];
    expect(call.plannedTtftMs).toBe(300);
    expect(call.plannedPieceDelaysMs).toEqual(Array(9).fill(0));
    expect(call.firstPieceAt! - call.startedAt).toBeGreaterThanOrEqual(call.plannedTtftMs * TIMER_SLACK);
    expect(call.firstPieceAt!).toBeLessThanOrEqual(contentTimes[0]);
    expect(call.firstPieceAt!).toBeLessThanOrEqual(call.endedAt!);
  });

  it("streams LangGraph 'messages' token by token from a node that only calls .invoke()", async () => {
    const model = simChatModel(server);
    const builder = new StateGraph(Annotation.Root({ ...MessagesAnnotation.spec }))
      .addNode("narrate", async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addEdge(START, "narrate")
      .addEdge("narrate", END);
    const tokens: string[] = [];
    for await (const [chunk, meta] of await builder.compile().stream(
      { messages: [new HumanMessage("Begin.")] },
      { streamMode: "messages" },
    )) {
      if (meta.langgraph_node === "narrate" && typeof chunk.content === "string" && chunk.content) tokens.push(chunk.content);
    }
    expect(tokens).toHaveLength(10);
    expect(tokens.join("")).toBe(TEN_WORDS);
    expect(server.requests[0].stream).toBe(true);
  });
});

describe("tool calls", () => {
  const reply = toolCallReply("move_to", { place: "cellar", quietly: true }, "You slip out of the room.");

  it("stream(): narrative text then tool_call deltas merge into parsed tool_calls", async () => {
    server.setScript(() => reply);
    const { message } = await streamTimed(() => simChatModel(server).bindTools([moveTo]).stream("Go down."));
    expect(message.content).toBe("You slip out of the room.");
    expect(message.tool_calls).toEqual([
      { name: "move_to", args: { place: "cellar", quietly: true }, id: "call_sim_0_0", type: "tool_call" },
    ]);
    expect(message.response_metadata.finish_reason).toBe("tool_calls");
  });

  it("invoke(): the same message; the follow-up request carries the assistant tool_calls and the tool result", async () => {
    server.setScript(scriptedReplies([reply, { content: "The cellar smells of apples." }]));
    const model = simChatModel(server).bindTools([moveTo]);
    const first = (await model.invoke([new HumanMessage("Go down.")])) as AIMessage;
    expect(first.content).toBe("You slip out of the room.");
    expect(first.tool_calls).toEqual([
      { name: "move_to", args: { place: "cellar", quietly: true }, id: "call_sim_0_0", type: "tool_call" },
    ]);
    const call = first.tool_calls![0];
    const result = new ToolMessage({ content: await moveTo.invoke(call.args as { place: string; quietly: boolean }), tool_call_id: call.id! });
    const second = await model.invoke([new HumanMessage("Go down."), first, result]);
    expect(second.content).toBe("The cellar smells of apples.");

    // Recorded requests: tool schemas on both calls, the tool round-trip on the second.
    expect(server.requests).toHaveLength(2);
    const [req0, req1] = server.requests;
    expect(req0.tools?.map((t) => t.function?.name)).toEqual(["move_to"]);
    expect(req0.tools?.[0].function?.parameters).toMatchObject({
      type: "object",
      properties: { place: { type: "string" }, quietly: { type: "boolean" } },
    });
    expect(req1.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(req1.messages[1].tool_calls?.[0]).toMatchObject({
      id: "call_sim_0_0",
      type: "function",
      function: { name: "move_to", arguments: JSON.stringify({ place: "cellar", quietly: true }) },
    });
    expect(req1.messages[2]).toMatchObject({ tool_call_id: "call_sim_0_0" });
    expect(JSON.stringify(req1.messages[2].content)).toContain("You are now in the cellar.");
  });
});

describe("structured output", () => {
  const Mood = z.object({ mood: z.string(), intensity: z.number() });

  it("withStructuredOutput: default jsonSchema method reads JSON content; functionCalling reads a forced tool call", async () => {
    server.setScript(scriptedReplies([
      { content: JSON.stringify({ mood: "calm", intensity: 2 }) },
      toolCallReply("mood", { mood: "tense", intensity: 4 }),
    ]));
    expect(await simChatModel(server).withStructuredOutput(Mood, { name: "mood" }).invoke("Feel?")).toEqual({ mood: "calm", intensity: 2 });
    expect(server.requests[0].response_format).toMatchObject({ type: "json_schema", json_schema: { name: "mood" } });
    const viaTool = simChatModel(server).withStructuredOutput(Mood, { name: "mood", method: "functionCalling" });
    expect(await viaTool.invoke("Feel?")).toEqual({ mood: "tense", intensity: 4 });
    expect(server.requests[1].tool_choice).toEqual({ type: "function", function: { name: "mood" } });
  });
});

describe("usage", () => {
  it("invoke(): usage_metadata from the server's tiktoken counts", async () => {
    const msg = await simChatModel(server).invoke("How many tokens?");
    const outputTokens = countTokens(TEN_WORDS);
    expect(outputTokens).toBeGreaterThan(0);
    expect(msg.content).toBe(TEN_WORDS);
    expect(msg.usage_metadata).toMatchObject({
      input_tokens: server.calls[0].promptTokens,
      output_tokens: outputTokens,
      total_tokens: server.calls[0].promptTokens + outputTokens,
    });
    expect(server.calls[0].promptTokens).toBeGreaterThan(3);
  });

  it("stream(): ChatOpenAI asks for include_usage by default and gets usage_metadata", async () => {
    server.setScript(() => ({ content: "Short.", usage: { prompt_tokens: 123, completion_tokens: 45 } }));
    const { message } = await streamTimed(() => simChatModel(server).stream("Hi"));
    expect(server.requests[0].stream_options).toEqual({ include_usage: true });
    expect(message.usage_metadata).toMatchObject({ input_tokens: 123, output_tokens: 45, total_tokens: 168 });
  });

  it("prompt tokens grow with the tool schemas", async () => {
    await simChatModel(server).invoke("Hi");
    await simChatModel(server).bindTools([moveTo]).invoke("Hi");
    expect(server.calls[1].promptTokens).toBeGreaterThan(server.calls[0].promptTokens + 20);
  });
});

describe("latency model", () => {
  it("same seed → identical jittered delays on two servers; another seed differs", async () => {
    const latency = { ttftMs: 40, perTokenMs: 4, jitter: 0.5, seed: 7 };
    const servers = await Promise.all([
      startSimulatedModelServer({ latency }),
      startSimulatedModelServer({ latency }),
      startSimulatedModelServer({ latency: { ...latency, seed: 8 } }),
    ]);
    try {
      for (const s of servers) {
        s.setScript(() => ({ content: TEN_WORDS }));
        await simChatModel(s).invoke("Same prompt");
      }
      const [a, b, c] = servers.map((s) => s.calls[0]);
      expect(a.plannedPieceDelaysMs).toHaveLength(9);
      expect([b.plannedTtftMs, b.plannedPieceDelaysMs]).toEqual([a.plannedTtftMs, a.plannedPieceDelaysMs]);
      expect([c.plannedTtftMs, c.plannedPieceDelaysMs]).not.toEqual([a.plannedTtftMs, a.plannedPieceDelaysMs]);
      expect(new Set(a.plannedPieceDelaysMs).size).toBeGreaterThan(1);
      for (const d of a.plannedPieceDelaysMs) {
        expect(d).toBeGreaterThanOrEqual(2);
        expect(d).toBeLessThanOrEqual(6);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });

  it("prefill adds ms per 1k prompt tokens to the time to first token", async () => {
    server.setLatency({ ttftMs: 10, prefillMsPer1kInputTokens: 100 });
    await simChatModel(server).invoke("word ".repeat(2000));
    const { promptTokens, plannedTtftMs } = server.calls[0];
    expect(promptTokens).toBeGreaterThan(2000);
    expect(plannedTtftMs).toBeCloseTo(10 + (100 * promptTokens) / 1000, 1);
  });
});

describe("embeddings through the real OpenAIEmbeddings", () => {
  it("returns deterministic unit vectors of the requested dimension (SDK's default base64 encoding)", async () => {
    const emb = simEmbeddings(server, { dimensions: 32 });
    const texts = ["The old lighthouse keeper", "the lighthouse keeper sleeps", "A market full of oranges"];
    const first = await emb.embedDocuments(texts);
    const again = await emb.embedDocuments(texts);
    expect(first).toHaveLength(3);
    expect(first.every((v) => v.length === 32)).toBe(true);
    expect(again).toEqual(first);
    for (const v of first) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    const dot = (x: number[], y: number[]): number => x.reduce((s, xi, i) => s + xi * y[i], 0);
    expect(dot(first[0], first[1])).toBeGreaterThan(dot(first[0], first[2]));
    expect(server.embeddingRequests[0]).toMatchObject({ dimensions: 32, encoding_format: "base64" });
  });

  it("defaults to 64 dimensions and also answers encoding_format float", async () => {
    const query = await simEmbeddings(server, { encodingFormat: "float" }).embedQuery("lighthouse");
    expect(query).toHaveLength(64);
    expect(query).toEqual(await simEmbeddings(server).embedQuery("lighthouse"));
  });
});

describe("plain HTTP routes", () => {
  it("lists the model, and answers unknown routes, the Responses API and bad JSON in OpenAI's error shape", async () => {
    const models = (await (await fetch(`${server.baseURL}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(["sim-model"]);
    const unknown = await fetch(`${server.baseURL}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { message: "Invalid URL (GET /v1/nope)", type: "invalid_request_error", param: null, code: null },
    });
    const responses = await fetch(`${server.baseURL}/responses`, { method: "POST", body: "{}" });
    expect(responses.status).toBe(404);
    expect(((await responses.json()) as { error: { code: string } }).error.code).toBe("unsupported_endpoint");
    const bad = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    const invalid = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify({ messages: "x" }) });
    expect(invalid.status).toBe(400);
    expect(server.requests).toHaveLength(0);
  });

  it("records tags from the body (modelKwargs) and the x-sim-tags header", async () => {
    const model = simChatModel(server, {
      modelKwargs: { tags: ["narrate"] },
      configuration: { defaultHeaders: { "x-sim-tags": "hybrid, turn-1" } },
    });
    await model.invoke("Hi");
    expect(server.requests[0].tags).toEqual(["narrate", "hybrid", "turn-1"]);
  });
});
