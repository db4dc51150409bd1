import { describe, expect, it } from "vitest";
import { StreamFilter, type FilterOptions } from "./streamFilter.ts";

/** Feeds `pieces` and collects what was released, plus the filter's final view. */
function run(pieces: string[], options: FilterOptions = {}) {
  const f = new StreamFilter(options);
  let visible = "";
  let reasoning = "";
  for (const p of pieces) {
    const out = f.push(p);
    visible += out.visible;
    reasoning += out.reasoning;
  }
  const last = f.end();
  visible += last.visible;
  reasoning += last.reasoning;
  return { visible, reasoning, filter: f };
}

/** Every way to cut `text` into two or three pieces, plus one character at a time. */
function splits(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) {
    out.push([text.slice(0, i), text.slice(i)]);
    for (let j = i + 1; j < text.length; j += 5) out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  return out;
}

describe("StreamFilter", () => {
  const prose = "Dust lifts from the flats. Tomas nods.";

  it("passes plain prose through as it arrives", () => {
    const f = new StreamFilter();
    expect(f.push("Dust lifts").visible).toBe("Dust lifts");
    // Trailing whitespace waits for the next word (it is dropped before a withheld tool call or the end).
    expect(f.push(" from the flats. ").visible).toBe(" from the flats.");
    expect(f.push("Tomas").visible).toBe(" Tomas");
    expect(f.end()).toEqual({ visible: "", reasoning: "" });
  });

  it("removes a <think> block at the start, split at any point", () => {
    const text = `  <think>The player shares water; trust rises.</think>\n\n${prose}`;
    for (const pieces of splits(text)) {
      const { visible, reasoning } = run(pieces);
      expect(visible).toBe(prose);
      expect(reasoning).toBe("The player shares water; trust rises.");
    }
  });

  it("with holdUntilClose, withholds everything before a bare </think>, split at any point", () => {
    const text = `The player shares water.\n</think>\n\n${prose}`;
    for (const pieces of splits(text)) {
      const { visible, reasoning, filter } = run(pieces, { holdUntilClose: true });
      expect(visible).toBe(prose);
      expect(reasoning).toBe("The player shares water.\n");
      expect(filter.sawBareClose).toBe(true);
      expect(filter.retracted).toBe(false);
    }
  });

  it("with holdUntilClose and no </think>, releases the text at the end as prose, text tool calls still withheld", () => {
    const { visible, reasoning, filter } = run(["Dust ", "lifts.", "\n<tool_call>{}</tool_call>"], { holdUntilClose: true });
    expect(visible).toBe("Dust lifts.");
    expect(reasoning).toBe("");
    expect(filter.toolCallTexts).toEqual(["<tool_call>{}</tool_call>"]);
  });

  it("without holdUntilClose, a late bare </think> retracts what was shown", () => {
    const { visible, reasoning, filter } = run(["Thinking about ", "trust.", "</think>", prose]);
    expect(filter.retracted).toBe(true);
    expect(filter.sawBareClose).toBe(true);
    expect(filter.visibleText).toBe(prose);
    expect(reasoning).toBe("Thinking about trust.");
    expect(visible).toContain(prose);
  });

  it("withholds text tool calls in every format, split at any point", () => {
    const call = `<tool_call>{"name":"update_world","arguments":{"weather":"rain"}}</tool_call>`;
    const text = `${prose}\n${call}`;
    for (const pieces of splits(text)) {
      const { visible, filter } = run(pieces);
      expect(visible).toBe(prose);
      expect(filter.toolCallTexts).toEqual([call]);
    }
    for (const raw of [`<function=update_world>{"weather":"rain"}</function>`, `[TOOL_CALLS][{"name":"update_world","arguments":{"weather":"rain"}}]`, `<|python_tag|>{"name":"update_world","parameters":{"weather":"rain"}}`]) {
      const { visible, filter } = run([prose, " ", raw]);
      expect(visible).toBe(prose);
      expect(filter.toolCallTexts).toEqual([raw]);
    }
  });

  it("keeps prose between and after text tool calls, and an unclosed call to the end", () => {
    const { visible, filter } = run(["<tool_call>{}</tool_call>Dust lifts. ", "<tool_call>{\"name\":\"x\""]);
    expect(visible).toBe("Dust lifts.");
    expect(filter.toolCallTexts).toEqual(["<tool_call>{}</tool_call>", '<tool_call>{"name":"x"']);
  });

  it("releases a held partial marker that turned out to be prose", () => {
    const { visible } = run(["Use <to", "ols wisely. a < b"]);
    expect(visible).toBe("Use <tools wisely. a < b");
  });

  it("treats an unclosed <think> block as reasoning only", () => {
    expect(run(["<think>still thinking"])).toMatchObject({ visible: "", reasoning: "still thinking" });
  });

  it("removes a <think> block that opens after prose (a model thinking again mid-answer), split at any point", () => {
    const text = "Dust lifts. <think>should Tomas speak?</think> Tomas nods.";
    for (const pieces of splits(text)) {
      expect(run(pieces), JSON.stringify(pieces)).toMatchObject({ visible: "Dust lifts. Tomas nods.", reasoning: "should Tomas speak?" });
    }
    expect(run(["Dust lifts. <think>and then"])).toMatchObject({ visible: "Dust lifts.", reasoning: "and then" });
    // The prose resumes with the spacing it had before the block, else with its own.
    expect(run(["Dust lifts. <think>x</think>\n\nTomas nods."]).visible).toBe("Dust lifts. Tomas nods.");
    expect(run(["Dust lifts.<think>x</think>\n\nTomas nods."]).visible).toBe("Dust lifts.\n\nTomas nods.");
  });
});
