import { describe, expect, it } from "vitest";
import { graderSetup, promptfooEnv } from "./promptfooRun.ts";
import { variantOf } from "./provider.ts";
import { formatNarratorTable, gateCompact, summariseNarrator, summariseRelationships, type ResultsFile } from "./summary.ts";

const prompt = (label: string, pass: number, fail: number, scores: Record<string, number>) => ({
  label,
  metrics: { testPassCount: pass, testFailCount: fail, testErrorCount: 0, namedScores: scores },
});
const row = (testIdx: number, promptIdx: number, success: boolean, output: string, ms: number) => ({
  testIdx,
  promptIdx,
  success,
  vars: { split: testIdx === 0 ? "labelled" : "holdout" },
  response: {
    output,
    metadata: {
      model: "offline storyteller (deterministic, not an LLM)",
      toolCalls: [{ id: `x${ms}`, name: "read_world", phase: "read", args: {}, ok: true, ms }],
      // Per-turn counts: verbose turns 2750 / 2760 tokens, compact 700 / 720.
      metrics: { input_tokens: promptIdx === 0 ? 2750 + testIdx * 10 : 700 + testIdx * 20, tool_calls: 4 + testIdx },
    },
  },
});
const results = (verbosePass: number, compactPass: number, ms = 1): ResultsFile => ({
  results: {
    prompts: [
      prompt("verbose", verbosePass, 2 - verbosePass, { pass_rate: verbosePass / 2 }),
      prompt("compact", compactPass, 2 - compactPass, { pass_rate: compactPass / 2 }),
    ],
    results: [row(0, 0, true, "a b", ms), row(0, 1, true, "b", ms), row(1, 0, verbosePass === 2, "c d e", ms), row(1, 1, compactPass === 2, "d", ms)],
  },
});

describe("narrator summary", () => {
  it("reports pass rate and per-turn means per variant, naming the model", () => {
    const summary = summariseNarrator(results(2, 2));
    expect(summary.model).toBe("offline storyteller (deterministic, not an LLM)");
    expect(summary.rows.map((r) => [r.variant, r.passRate, r.meanInputTokens, r.meanToolCalls, r.meanWords])).toEqual([
      ["verbose", 1, 2755, 4.5, 2.5],
      ["compact", 1, 710, 4.5, 1],
    ]);
    expect(formatNarratorTable(summary)).toMatch(/compact\s+2\s+100\.0% \(2\/2\)\s+710\s+4\.50\s+1/);
  });

  it("fingerprints outputs and tool calls but not call ids or timings", () => {
    expect(summariseNarrator(results(2, 2, 1)).fingerprint).toBe(summariseNarrator(results(2, 2, 99)).fingerprint);
    expect(summariseNarrator(results(2, 2)).fingerprint).not.toBe(summariseNarrator(results(2, 1)).fingerprint);
  });

  it("gates on compact's pass rate against verbose's", () => {
    expect(gateCompact(summariseNarrator(results(2, 2))).ok).toBe(true);
    expect(gateCompact(summariseNarrator(results(1, 2))).ok).toBe(true);
    expect(gateCompact(summariseNarrator(results(2, 1)))).toEqual({ ok: false, reason: "compact regressed: compact 50.0% < verbose 100.0%" });
  });

  it("counts relationship results per split", () => {
    const s = summariseRelationships(results(1, 1));
    expect(s.bySplit).toEqual([
      { split: "labelled", tests: 2, exact: 2 },
      { split: "holdout", tests: 2, exact: 0 },
    ]);
  });
});

describe("runner settings", () => {
  it("maps prompt labels or raw text to a variant", () => {
    expect(variantOf("compact")).toBe("compact");
    expect(variantOf(" verbose\n")).toBe("verbose");
    expect(variantOf("anything", "compact")).toBe("compact");
    expect(() => variantOf("terse")).toThrow(/not a narrator prompt variant/);
  });

  it("runs promptfoo offline, with its state inside the repo", () => {
    const env = promptfooEnv(false, {}, { QS_EVAL_REAL: "1" });
    expect(env).toMatchObject({ PROMPTFOO_DISABLE_TELEMETRY: "1", PROMPTFOO_DISABLE_SHARING: "1", PROMPTFOO_CACHE_ENABLED: "false", QS_EVAL_REAL: "0" });
    expect(env.PROMPTFOO_CONFIG_DIR).toMatch(/evals[/\\]\.promptfoo$/);
  });

  it("enables the grader only when asked for and configured", () => {
    expect(graderSetup(false, false, {})).toMatchObject({ enabled: false, reason: expect.stringMatching(/no grader configured/) });
    expect(graderSetup(false, false, { QS_EVAL_GRADER: "1" })).toMatchObject({ enabled: false, reason: expect.stringMatching(/neither/) });
    expect(graderSetup(true, false, { OPENAI_BASE_URL: "http://127.0.0.1:4010/v1", QS_MODEL: "llama3" })).toMatchObject({
      enabled: true,
      env: { QS_GRADER_MODEL: "llama3", QS_GRADER_BASE_URL: "http://127.0.0.1:4010/v1", QS_GRADER_API_KEY: "not-needed" },
    });
    expect(graderSetup(true, false, { OPENAI_API_KEY: "k", QS_EVAL_GRADER: "0" }).enabled).toBe(false);
  });
});
