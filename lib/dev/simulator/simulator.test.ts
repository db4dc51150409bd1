/**
 * Fast, offline checks of the simulator's pure parts: piece splitting, token counting, the latency
 * plan, embeddings, scripts and the CLI parser.
 */
import { describe, expect, it } from "vitest";
import { embedText, toBase64Float32 } from "./embeddings.ts";
import { planDelays, resolveLatency } from "./latency.ts";
import { parseCliOptions } from "./main.ts";
import { defaultScript, scriptedReplies, toolCallReply } from "./scripts.ts";
import { countPromptTokens, countTokens, splitArguments, splitIntoPieces } from "./tokens.ts";
import type { ChatRequest } from "./types.ts";

const request = (text: string): ChatRequest => ({ model: "sim-model", messages: [{ role: "user", content: text }] });

describe("pieces and tokens", () => {
  it("splits text into word-ish pieces that join back exactly", () => {
    for (const text of ["Hello, world.", "  leading and trailing  ", "one\n\ntwo", "", "x"]) {
      expect(splitIntoPieces(text).join("")).toBe(text);
    }
    expect(splitIntoPieces("You open the door.")).toEqual(["You", " open", " the", " door."]);
  });

  it("splits tool arguments into a few non-empty fragments", () => {
    const json = JSON.stringify({ place: "cellar", quietly: true });
    const fragments = splitArguments(json);
    expect(fragments).toHaveLength(3);
    expect(fragments.join("")).toBe(json);
    expect(splitArguments("{}", 3)).toEqual(["{", "}"]);
  });

  it("counts prompt tokens over messages and tool schemas (text parts included)", () => {
    expect(countTokens("hello world")).toBe(2);
    const plain = countPromptTokens(request("hello world"));
    expect(plain).toBe(3 + 3 + countTokens("user\nhello world"));
    const parts = countPromptTokens({ messages: [{ role: "user", content: [{ type: "text", text: "hello world" }] }] });
    expect(parts).toBe(plain);
    const withTools = countPromptTokens({
      messages: request("hello world").messages,
      tools: [{ type: "function", function: { name: "look", parameters: { type: "object", properties: {} } } }],
    });
    expect(withTools).toBeGreaterThan(plain);
  });
});

describe("latency plan", () => {
  it("is reproducible per (seed, callIndex) and stays inside the jitter band", () => {
    const latency = resolveLatency({ ttftMs: 800, perTokenMs: 25, prefillMsPer1kInputTokens: 150, jitter: 0.1, seed: 7 });
    const a = planDelays(latency, 3, 2000, [1, 1, 1, 4]);
    expect(planDelays(latency, 3, 2000, [1, 1, 1, 4])).toEqual(a);
    expect(planDelays(latency, 4, 2000, [1, 1, 1, 4])).not.toEqual(a);
    expect(a.ttftMs).toBeGreaterThanOrEqual(1100 * 0.9);
    expect(a.ttftMs).toBeLessThanOrEqual(1100 * 1.1);
    expect(a.pieceDelaysMs[3]).toBeGreaterThanOrEqual(100 * 0.9);
    expect(a.pieceDelaysMs[3]).toBeLessThanOrEqual(100 * 1.1);
  });

  it("without jitter, delays are exact; bad values are rejected", () => {
    expect(planDelays(resolveLatency({ ttftMs: 10, perTokenMs: 5 }), 0, 0, [1, 2])).toEqual({ ttftMs: 10, pieceDelaysMs: [5, 10] });
    expect(() => resolveLatency({ perTokenMs: -1 })).toThrow(RangeError);
    expect(() => resolveLatency({ jitter: 2 })).toThrow(RangeError);
  });
});

describe("embeddings", () => {
  it("are deterministic unit vectors; shared words mean higher similarity", () => {
    const a = embedText("the old lighthouse", 16);
    expect(a).toHaveLength(16);
    expect(embedText("the old lighthouse", 16)).toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1, 6);
    expect(Math.hypot(...embedText("", 16))).toBeCloseTo(1, 6);
    const dot = (x: number[], y: number[]): number => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(a, embedText("an old lighthouse", 16))).toBeGreaterThan(dot(a, embedText("ripe oranges", 16)));
  });

  it("encodes base64 as little-endian float32, like the OpenAI API", () => {
    const v = embedText("lantern", 8);
    const buf = Buffer.from(toBase64Float32(v), "base64");
    expect(Array.from(new Float32Array(buf.buffer, buf.byteOffset, 8))).toEqual(v);
  });
});

describe("scripts", () => {
  it("default script: a deterministic narrative echoing the last user message", () => {
    const reply = defaultScript(request("open the door"));
    expect(reply.content).toMatch(/^You open the door\. /);
    expect(defaultScript(request("open the door"))).toEqual(reply);
  });

  it("scriptedReplies: in order, then an error (or the last reply again)", async () => {
    const ctx = { callIndex: 0 };
    const strict = scriptedReplies([{ content: "a" }, { content: "b" }]);
    expect([await strict(request(""), ctx), await strict(request(""), ctx)]).toEqual([{ content: "a" }, { content: "b" }]);
    expect(() => strict(request(""), ctx)).toThrow(/exhausted/);
    const lenient = scriptedReplies([{ content: "a" }], { whenExhausted: "repeat-last" });
    lenient(request(""), ctx);
    expect(lenient(request(""), ctx)).toEqual({ content: "a" });
  });

  it("toolCallReply accepts (name, args, content) or call objects", () => {
    expect(toolCallReply("look", { at: "door" }, "Hm.")).toEqual({ content: "Hm.", toolCalls: [{ name: "look", args: { at: "door" } }] });
    expect(toolCallReply([{ name: "a", args: {} }, { name: "b", args: {}, id: "x" }]).toolCalls).toHaveLength(2);
  });
});

describe("CLI options", () => {
  it("parses the documented flags", () => {
    const argv = ["--port", "4010", "--ttft-ms", "800", "--per-token-ms", "25", "--prefill-ms-per-1k", "150", "--jitter", "0.1", "--seed", "7"];
    expect(parseCliOptions(argv)).toEqual({
      host: undefined,
      port: 4010,
      modelId: undefined,
      latency: { ttftMs: 800, perTokenMs: 25, prefillMsPer1kInputTokens: 150, jitter: 0.1, seed: 7 },
    });
    expect(() => parseCliOptions(["--port", "abc"])).toThrow(/expects a number/);
    expect(() => parseCliOptions(["--bogus"])).toThrow();
  });
});
