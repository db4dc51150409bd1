import { describe, expect, it } from "vitest";
import { mulberry32 } from "../common/seededRandom.ts";
import { StreamFilter, TEXT_TOOL_MARKERS, type FilterOptions } from "./streamFilter.ts";

// Model output is untrusted: whatever a model sends and however the server cuts it into chunks, the
// filter must not throw, must give the same result for every chunking, and must never let a
// reasoning tag or a tool-call marker reach the player's visible text.
const PIECES = [
  "<think>", "</think>", "<tool_call>", "</tool_call>", "<function=", "</function>", "[TOOL_CALLS]", "<|python_tag|>",
  "<", ">", "/", "<th", "ink>", "</", "tool_", "call>", "[TOOL", "_CALLS]", "{\"name\":\"add_memory\"}", " ", "\n", "\n\n",
  "Dust lifts.", " Tomas nods", ".", "Mara", " smiles", "…", "“Go,” she said.", "<b>", "think", "python_tag", "|",
];

/** Feeds the chunks and returns what the player saw (after any retraction), the reasoning and the withheld calls. */
function run(chunks: readonly string[], options: FilterOptions) {
  const f = new StreamFilter(options);
  let shown = "";
  for (const c of chunks) shown += f.push(c).visible;
  shown += f.end().visible;
  return { shown, visible: f.visibleText, reasoning: f.reasoningText, calls: [...f.toolCallTexts], retracted: f.retracted };
}

function cut(text: string, next: () => number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(next() * 7);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

const MARKERS = ["<think>", "</think>", ...TEXT_TOOL_MARKERS.map((m) => m.open)];

describe("StreamFilter on generated model output", () => {
  for (const options of [{}, { holdUntilClose: true }] as FilterOptions[]) {
    it(`is chunking-invariant and never shows a marker (${options.holdUntilClose ? "holdUntilClose" : "default"})`, () => {
      const next = mulberry32(options.holdUntilClose ? 2 : 1);
      for (let n = 0; n < 3000; n++) {
        const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => PIECES[Math.floor(next() * PIECES.length)]).join("");
        const whole = run([text], options);
        // Checked when the visible text is one stretch of the input: prose on both sides of a removed
        // block may join into a marker's letters ("<th" + "<think>…</think>" + "ink>"), which is no leak.
        if (text.includes(whole.visible)) for (const marker of MARKERS) expect(whole.visible.includes(marker), `${JSON.stringify(text)} shows ${marker}`).toBe(false);
        const pieces = cut(text, next);
        const chunked = run(pieces, options);
        // Reasoning may differ in whitespace only: text shown, then retracted by a late bare </think>, was trimmed.
        const squeeze = (r: ReturnType<typeof run>) => ({ visible: r.visible, reasoning: r.reasoning.replace(/\s+/g, ""), calls: r.calls });
        expect(squeeze(chunked), JSON.stringify(pieces)).toEqual(squeeze(whole));
        // Nothing vanishes: every character is visible, reasoning or a withheld call, apart from
        // whitespace and the think tags themselves (which a withheld call keeps).
        const kept = (chunked.visible + chunked.reasoning + chunked.calls.join("")).replace(/\s+/g, "").length;
        const all = text.replace(/\s+/g, "").length;
        const tags = text.match(/<think>|<\/think>/g)?.join("").length ?? 0;
        expect(kept >= all - tags && kept <= all, JSON.stringify(text)).toBe(true);
      }
    });
  }
});
