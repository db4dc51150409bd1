import { describe, expect, it } from "vitest";
import { StreamFilter } from "../../modelOutput/streamFilter.ts";
import { parseTextToolCall } from "../../modelOutput/textToolCalls.ts";
import { completionLimit, shapedContent, toolCallText, unitsWithin } from "./realServerModes.ts";
import { splitIntoPieces } from "./tokens.ts";

const CALLS = [{ name: "update_world", args: { weather: "rain" } }, { name: "add_memories", args: { memories: [] } }];

describe("real-server modes of the simulator", () => {
  it.each(["hermes_text", "llama_text", "mistral_text", "python_tag_text"] as const)("%s text is what the engine's parser reads back", (format) => {
    const filter = new StreamFilter();
    for (const piece of splitIntoPieces(`Rain falls.${toolCallText(format, CALLS)}`)) filter.push(piece);
    filter.end();
    expect(filter.visibleText).toBe("Rain falls.");
    expect(filter.toolCallTexts.flatMap(parseTextToolCall)).toEqual(CALLS.map((c) => ({ ok: true, ...c })));
  });

  it("puts reasoning where each server style puts it", () => {
    expect(shapedContent({ content: "Hi.", reasoning: "r" }).content).toBe("<think>\nr\n</think>\n\nHi.");
    expect(shapedContent({ content: "Hi.", reasoning: "r", reasoningStyle: "closing_tag_only" }).content).toBe("r\n</think>\n\nHi.");
    expect(shapedContent({ content: "Hi. Bye.", reasoning: "r", reasoningStyle: "interleaved_think" }).content).toBe("Hi. <think>\nr\n</think>\n\nBye.");
    expect(shapedContent({ content: "Hi.", reasoning: "r", reasoningStyle: "reasoning_content" })).toMatchObject({ content: "Hi.", reasoningApart: "r" });
    expect(shapedContent({ content: "Hi.", toolCalls: CALLS, toolCallFormat: "hermes_text" }).nativeCalls).toEqual([]);
  });

  it("stops at max_tokens like a real server", () => {
    expect(completionLimit({ max_tokens: 10, max_completion_tokens: 5 })).toBe(5);
    expect(unitsWithin([3, 3, 3, 3], 7)).toBe(2);
    expect(unitsWithin([3, 3], undefined)).toBe(2);
  });
});
