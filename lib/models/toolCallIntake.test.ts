import { describe, expect, it } from "vitest";
import { AIMessage } from "@langchain/core/messages";
import { parseTextToolCall } from "../modelOutput/textToolCalls.ts";
import { usageOf } from "./usage.ts";
import { canonicalJson, DEEP_ARGS_ERROR, intakeToolCalls, TRUNCATED_CALL_ERROR } from "./toolCallIntake.ts";

describe("parseTextToolCall", () => {
  const want = [{ ok: true, name: "update_world", args: { weather: "rain" } }];
  it.each([
    `<tool_call>{"name":"update_world","arguments":{"weather":"rain"}}</tool_call>`,
    `<tool_call>\n{"name":"update_world","arguments":"{\\"weather\\":\\"rain\\"}"}\n</tool_call>`,
    `<function=update_world>{"weather":"rain"}</function>`,
    `[TOOL_CALLS][{"name":"update_world","arguments":{"weather":"rain"}}]`,
    `<|python_tag|>{"name":"update_world","parameters":{"weather":"rain"}}`,
  ])("reads %s", (raw) => {
    expect(parseTextToolCall(raw)).toEqual(want);
  });

  it("reports unreadable text with a clear error instead of dropping it", () => {
    const [call] = parseTextToolCall(`<tool_call>{'name': 'update_world'}</tool_call>`);
    expect(call).toMatchObject({ ok: false, error: expect.stringContaining("not valid JSON") });
  });
});

describe("intakeToolCalls", () => {
  const none = { native: [], invalid: [], texts: [], truncated: false };

  it("runs exact duplicates once (key order does not matter) and marks the others", () => {
    const calls = intakeToolCalls({ ...none, native: [{ name: "a", args: { x: 1, y: 2 } }, { name: "a", args: { y: 2, x: 1 } }, { name: "a", args: { x: 2 } }] }, "c");
    expect(calls.map((c) => c.duplicate ?? false)).toEqual([false, true, false]);
    expect(calls.map((c) => c.id)).toEqual(["c_0", "c_1", "c_2"]);
  });

  it("refuses calls whose arguments no parser accepted, with a clear error", () => {
    const [call] = intakeToolCalls({ ...none, invalid: [{ id: "x", name: "update_world", args: "{'weather': 'rain'}" }] }, "c");
    expect(call).toMatchObject({ id: "x", name: "update_world", refused: expect.stringContaining("not valid JSON"), args: { raw_arguments: "{'weather': 'rain'}" } });
  });

  it("refuses the last call of an answer cut off at max_tokens", () => {
    const calls = intakeToolCalls({ ...none, native: [{ name: "a", args: {} }, { name: "b", args: { note: "ride back befo" } }], truncated: true }, "c");
    expect(calls[0].refused).toBeUndefined();
    expect(calls[1].refused).toBe(TRUNCATED_CALL_ERROR);
    const text = intakeToolCalls({ ...none, texts: [`<tool_call>{"name":"b","arguments":{"n":"ri`], truncated: true }, "c");
    expect(text[0]).toMatchObject({ fromText: true, refused: expect.any(String) });
  });

  it("recovers text calls after native ones", () => {
    const calls = intakeToolCalls({ ...none, native: [{ id: "n", name: "a", args: {} }], texts: [`<tool_call>{"name":"b","arguments":{}}</tool_call>`] }, "c");
    expect(calls).toEqual([{ id: "n", name: "a", args: {} }, { id: "c_0", name: "b", args: {}, fromText: true }]);
  });

  it("refuses arguments nested deeper than any tool needs, native or written as text, and keeps none of them", () => {
    const deep = JSON.parse(`{"ops":${"[".repeat(20000)}${"]".repeat(20000)}}`) as Record<string, unknown>;
    const calls = intakeToolCalls({
      native: [{ id: "a", name: "update_state", args: deep }, { id: "b", name: "update_world", args: { weather: "rain" } }],
      invalid: [],
      texts: [`<tool_call>{"name":"update_state","arguments":{"ops":${"[".repeat(5000)}${"]".repeat(5000)}}}</tool_call>`],
      truncated: false,
    }, "t");
    expect(calls.map((c) => [c.name, c.refused ?? "ok"])).toEqual([["update_state", DEEP_ARGS_ERROR], ["update_world", "ok"], ["update_state", DEEP_ARGS_ERROR]]);
    expect(calls[0].args).toEqual({ raw_arguments: "(not kept)" });
    // The token estimate (a server without usage) does not serialise them either.
    expect(usageOf(new AIMessage({ content: "Dust.", tool_calls: [{ id: "a", name: "update_state", args: deep }] }), []).output).toBeGreaterThan(0);
  });

  it("canonicalJson sorts keys at every depth", () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});
