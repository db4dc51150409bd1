import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { AIMessageChunk, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { streamFiltered, type ChunkStreamer } from "./filteredStream.ts";

const prompt = [new HumanMessage("go")];

/** A narrative with a think block, then a native tool call streamed in two pieces, then the finish reason. */
function answerChunks(): AIMessageChunk[] {
  return [
    new AIMessageChunk({ content: "<think>plan the", id: "m1" }),
    new AIMessageChunk({ content: " scene</think>The rain " }),
    new AIMessageChunk({ content: "stops." }),
    new AIMessageChunk({ content: "", tool_call_chunks: [{ index: 0, id: "call_1", name: "add_memories", args: '{"memories":' }] }),
    new AIMessageChunk({ content: "", tool_call_chunks: [{ index: 0, args: '[{"content":"rain"}]}' }] }),
    new AIMessageChunk({ content: "", response_metadata: { finish_reason: "tool_calls" }, usage_metadata: { input_tokens: 10, output_tokens: 7, total_tokens: 17 } }),
  ];
}

/** Records what a tracer would see: the tags of each model start, one entry per token, the final output. */
class Recorder extends BaseCallbackHandler {
  name = "recorder";
  override awaitHandlers = true;
  tags: string[][] = [];
  tokens = 0;
  ends: LLMResult[] = [];
  override handleChatModelStart(_llm: unknown, _messages: BaseMessage[][], _runId: string, _parent?: string, _extra?: unknown, tags?: string[]) {
    this.tags.push(tags ?? []);
  }
  override handleLLMNewToken() {
    this.tokens++;
  }
  override handleLLMEnd(output: LLMResult) {
    this.ends.push(output);
  }
}

async function collect(model: ChunkStreamer, config = {}) {
  const visible: string[] = [];
  const reasoning: string[] = [];
  const answer = await streamFiltered(model, prompt, config, {
    onVisible: (t) => t && visible.push(t),
    onReasoning: (t) => t && reasoning.push(t),
  });
  return { answer, visible, reasoning };
}

describe("streamFiltered", () => {
  it("streams visible text, keeps reasoning apart and merges the whole answer (tool calls, finish reason, usage)", async () => {
    // A generator like a chat model's own (the fake model below drops tool-call chunks and metadata).
    const model: ChunkStreamer = {
      stream: async () => {
        throw new Error("not used: the generator is");
      },
      async *_streamIterator() {
        yield* answerChunks();
      },
    };
    const { answer, visible, reasoning } = await collect(model);
    expect(visible.join("")).toBe("The rain stops.");
    expect(visible.length).toBeGreaterThan(1);
    expect(reasoning.join("")).toBe("plan the scene");
    expect(answer.reasoning).toBe("plan the scene");
    expect(answer.finishReason).toBe("tool_calls");
    expect(answer.full.tool_calls).toEqual([{ id: "call_1", name: "add_memories", args: { memories: [{ content: "rain" }] }, type: "tool_call" }]);
    expect(answer.full.usage_metadata).toMatchObject({ input_tokens: 10, output_tokens: 7 });
    expect(answer.full.content).toBe("<think>plan the scene</think>The rain stops.");
  });

  it("merges to the same message as folding the Runnable's stream() chunk by chunk", async () => {
    const model = new FakeStreamingChatModel({ chunks: answerChunks() });
    let folded: AIMessageChunk | undefined;
    for await (const chunk of await model.stream(prompt)) folded = folded ? folded.concat(chunk) : chunk;
    const { answer } = await collect(model);
    expect(answer.full.content).toEqual(folded?.content);
    expect(answer.full.tool_calls).toEqual(folded?.tool_calls);
    expect(answer.full.invalid_tool_calls).toEqual(folded?.invalid_tool_calls);
    expect(answer.full.usage_metadata).toEqual(folded?.usage_metadata);
    expect(answer.full.response_metadata.finish_reason).toEqual(folded?.response_metadata.finish_reason);
  });

  it("still runs the callbacks (start with the nostream tag, one per token, end with the whole answer)", async () => {
    const recorder = new Recorder();
    await collect(new FakeStreamingChatModel({ chunks: answerChunks() }), { callbacks: [recorder], tags: ["narrate"] });
    expect(recorder.tags).toEqual([expect.arrayContaining(["narrate", "nostream"])]);
    expect(recorder.tokens).toBe(answerChunks().length);
    expect(recorder.ends).toHaveLength(1);
  });

  it("forwards the first visible text before the model has sent the rest", async () => {
    const order: string[] = [];
    const model: ChunkStreamer = {
      stream: async () => {
        throw new Error("not used: the generator is");
      },
      async *_streamIterator() {
        order.push("model: first");
        yield new AIMessageChunk({ content: "Dawn" });
        order.push("model: second");
        yield new AIMessageChunk({ content: " breaks." });
      },
    };
    await streamFiltered(model, prompt, {}, { onVisible: (t) => t && order.push(`visible: ${t}`), onReasoning: () => {} });
    expect(order.indexOf("visible: Dawn")).toBeGreaterThan(-1);
    expect(order.indexOf("visible: Dawn")).toBeLessThan(order.indexOf("model: second"));
  });

  it("works with anything that only has stream()", async () => {
    const model: ChunkStreamer = {
      stream: async () =>
        (async function* () {
          yield new AIMessageChunk({ content: "Only " });
          yield new AIMessageChunk({ content: "stream." });
        })(),
    };
    const { answer, visible } = await collect(model);
    expect(visible.join("")).toBe("Only stream.");
    expect(answer.full.content).toBe("Only stream.");
  });

  it("stops when the turn's signal aborts mid-stream", async () => {
    const controller = new AbortController();
    const model = new FakeStreamingChatModel({ chunks: answerChunks() });
    const run = streamFiltered(model, prompt, { signal: controller.signal }, {
      onVisible: (t) => t && controller.abort(new Error("client left")),
      onReasoning: () => {},
    });
    await expect(run).rejects.toThrow();
  });
});
