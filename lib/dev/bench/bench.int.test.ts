import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runConcurrencyBench } from "./concurrency.ts";
import { runFlowBench } from "./flows.ts";
import { formatReport } from "./report.ts";
import type { BenchReport } from "./report.ts";
import { parseBenchArgs } from "./run.ts";
import { baselineToolCount, benchScript, hybridWrites } from "./scripts.ts";
import { SCENARIOS, STORY } from "./story.ts";

/**
 * A smoke run of `npm run bench` with tiny settings: the three flows through the real HTTP API and
 * ChatOpenAI against the simulator. Asserts behaviour (structure, call counts), not timings.
 */
describe("npm run bench (tiny settings)", () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "qs-bench-test-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("plays the three flows and draws ttft.svg", async () => {
    const { ctx, lanes } = parseBenchArgs(["flows", "--ttft-ms", "20", "--per-token-ms", "1", "--turns", "1", "--memory-sizes", "0", "--out", outDir]);
    expect(lanes.map((l) => l.name)).toEqual(["flows"]);
    const report = await runFlowBench(ctx.flows);
    const json = JSON.parse(JSON.stringify(report)) as BenchReport;

    expect(json.model).toBe("simulated model server: ttft 20 ms, 1 ms/token, prefill 150 ms/1k, jitter 0.1 seed 7");
    expect(json.real).toBe(false);
    expect(json.settings).toEqual({ turnsPerScenario: 1, scenarios: ["frontier-caravan", "harbour-intrigue"], memorySizes: [0], overheadTurns: 1 });
    for (const flow of ["hybrid", "strong", "weak"] as const) {
      const s = json.flows[flow];
      expect(s.turns).toBe(2);
      for (const key of ["ttftMs", "totalMs", "llmCalls", "toolCalls", "inputTokens", "outputTokens"] as const) {
        expect(s[key]).toMatchObject({ count: 2, p50: expect.any(Number), p95: expect.any(Number), mean: expect.any(Number) });
      }
    }
    expect(Object.keys(json.ratios.strong).sort()).toEqual(
      ["input_tokens", "llm_calls", "output_tokens", "tool_calls", "total_p50", "total_p95", "ttft_p50", "ttft_p95"],
    );
    expect(json.targets.map((t) => t.result)).toEqual(["ENFORCED", "ENFORCED", expect.stringMatching(/PASS|MISS/), expect.stringMatching(/PASS|MISS/)]);
    // Engine overhead: its own lane (second process), 1 turn at 0 preloaded memories.
    expect(json.overhead).toEqual([expect.objectContaining({ memories: 0, turns: 1 })]);
    expect(json.overhead[0].overheadMs.p95).toEqual(expect.any(Number));
    expect(json.turns).toHaveLength(7);
    expect(json.turns.filter((t) => t.purpose === "overhead")).toHaveLength(1);

    // The weak baseline: the ReAct agent really ran its tools one by one, 7–11 per turn, over several model calls,
    // and its first token arrives with the end of the turn (non-streaming).
    const weak = json.turns.filter((t) => t.flow === "weak");
    expect(weak).toHaveLength(2);
    for (const t of weak) {
      expect(t.toolCalls).toBeGreaterThanOrEqual(7);
      expect(t.toolCalls).toBeLessThanOrEqual(11);
      expect(t.llmCalls).toBeGreaterThanOrEqual(5);
      expect(t.modelRequests).toBe(t.llmCalls);
      expect(t.inputTokens).toBeGreaterThan(0);
    }
    // The strong baseline: parallel reads in one call, then narrative + writes, then an empty answer; its
    // narrative streams before the turn ends.
    for (const t of json.turns.filter((t) => t.flow === "strong")) {
      expect(t.llmCalls).toBe(3);
      expect(t.modelRequests).toBe(3);
      expect(t.toolCalls).toBeGreaterThanOrEqual(6);
      expect(t.ttftMs).toBeLessThan(t.totalMs);
    }
    // The hybrid turn: narrate + confirm, within the tool cap, with the model's own TTFT recorded.
    for (const t of json.turns.filter((t) => t.flow === "hybrid")) {
      expect(t.llmCalls).toBe(2);
      expect(t.modelRequests).toBe(2);
      expect(t.toolCalls).toBeLessThanOrEqual(6);
      expect(t.toolCallsAttempted).toBeGreaterThanOrEqual(t.toolCalls);
      expect(t.overheadMs).toEqual(expect.any(Number));
    }
    expect(json.targets.find((t) => t.name.startsWith("input tokens"))?.pass).toBe(true);

    const svg = readFileSync(path.join(outDir, "ttft.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(6);
    expect(formatReport(report)).toContain("simulated model server: ttft 20 ms");
  });
});

describe("npm run bench -- concurrency (tiny settings)", () => {
  it("plays every level on one server process and reports overhead, loop delay and RSS per level", async () => {
    const r = await runConcurrencyBench({ latency: { ttftMs: 20, perTokenMs: 1 }, levels: [1, 3], turnsPerSession: 1, log: () => undefined });
    expect(r.rows.map((row) => [row.sessions, row.turns, row.failedTurns])).toEqual([[1, 1, 0], [3, 3, 0]]);
    for (const row of r.rows) {
      // Every turn was paired with its narrate call on the simulator.
      expect(row.overheadMs.count).toBe(row.turns);
      expect(row.loopDelayP99Ms).toBeGreaterThan(0);
      expect(row.rssPeakMb).toBeGreaterThan(0);
    }
    expect(r.targets.map((t) => t.name)).toEqual(["engine overhead p95 at 3 sessions", "event-loop delay p99 at 3 sessions", "failed turns at 3 sessions"]);
    expect(r.model).toContain("jitter 0");
    expect(r.summary).toContain("| sessions |");
  });
});

describe("bench scripts", () => {
  it("gives the baseline 7–11 tool calls and the hybrid one batch of writes on every story turn", () => {
    for (const scenario of SCENARIOS) {
      STORY[scenario].forEach((step, index) => {
        const pos = { scenario, index, step };
        expect(baselineToolCount(pos)).toBeGreaterThanOrEqual(7);
        expect(baselineToolCount(pos)).toBeLessThanOrEqual(11);
        expect(hybridWrites(pos).map((c) => c.name)).toContain("add_memories");
      });
    }
  });

  it("answers from the request alone: the same request gets the same reply", () => {
    const step = STORY["harbour-intrigue"][3];
    const req = { model: "sim-model", messages: [{ role: "user", content: `Turn 4. Player: Ren\nPlayer action: ${step.input}` }] };
    expect(benchScript(req)).toEqual(benchScript(req));
    const react = { ...req, tools: [{ type: "function", function: { name: "read_state" } }] };
    expect(benchScript(react)).toMatchObject({ toolCalls: [{ name: "read_state" }, { name: "read_state" }] });
    const strong = { ...req, tools: [{ type: "function", function: { name: "read_state" } }, { type: "function", function: { name: "add_memories" } }] };
    expect(benchScript(strong)).toMatchObject({ toolCalls: [{ name: "read_state" }, { name: "read_world" }, { name: "search_memories" }, { name: "query_relationships" }] });
  });

  it("runs the default lanes without naming them, heavy lanes only when named or with --heavy", () => {
    const names = (argv: string[]) => parseBenchArgs(argv).lanes.map((l) => l.name);
    expect(names([])).not.toContain("memory");
    expect(names([])).toEqual(expect.arrayContaining(["flows", "concurrency"]));
    expect(names(["memory"])).toEqual(["memory"]);
    expect(names(["--heavy"])).toContain("memory");
    expect(() => parseBenchArgs(["nope"])).toThrow(/unknown bench lane "nope"/);
  });
});
