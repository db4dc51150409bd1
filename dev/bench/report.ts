import { summarize, type SeriesSummary } from "../../lib/metrics/stats.ts";
import type { LatencyOptions } from "../simulator/types.ts";
import type { Flow, TurnSample } from "./lanes.ts";

/** Per-flow aggregates over every measured turn. */
export interface FlowSummary {
  turns: number;
  ttftMs: SeriesSummary;
  totalMs: SeriesSummary;
  llmCalls: SeriesSummary;
  toolCalls: SeriesSummary;
  inputTokens: SeriesSummary;
  outputTokens: SeriesSummary;
}

/** Engine overhead (client TTFT − the simulated model's own TTFT) at one preloaded memory size. */
export interface OverheadRow {
  memories: number;
  turns: number;
  overheadMs: SeriesSummary;
  modelTtftMs: SeriesSummary;
  ttftMs: SeriesSummary;
}

export interface TargetResult {
  name: string;
  target: string;
  value: string;
  pass: boolean;
}

/** Everything the flow benchmark writes to bench/results/bench.json. */
export interface BenchReport {
  model: string;
  real: boolean;
  latency: LatencyOptions | null;
  settings: { turnsPerScenario: number; scenarios: string[]; memorySizes: number[]; overheadTurns: number };
  machine: { node: string; cpus: number; cpuModel: string; platform: string };
  flows: Record<Flow, FlowSummary>;
  /** hybrid / baseline, per metric (p50 for times, mean for counts and tokens). */
  ratios: Record<string, number | null>;
  targets: TargetResult[];
  overhead: OverheadRow[];
  turns: TurnSample[];
  durationMs: number;
}

export function summarizeFlow(samples: TurnSample[]): FlowSummary {
  return {
    turns: samples.length,
    ttftMs: summarize(samples.map((s) => s.ttftMs)),
    totalMs: summarize(samples.map((s) => s.totalMs)),
    llmCalls: summarize(samples.map((s) => s.llmCalls)),
    toolCalls: summarize(samples.map((s) => s.toolCalls)),
    inputTokens: summarize(samples.map((s) => s.inputTokens)),
    outputTokens: summarize(samples.map((s) => s.outputTokens)),
  };
}

export function overheadRows(samples: TurnSample[], sizes: number[]): OverheadRow[] {
  return sizes.map((memories) => {
    const at = samples.filter((s) => s.purpose === "overhead" && s.preload === memories && s.overheadMs !== null);
    return {
      memories,
      turns: at.length,
      overheadMs: summarize(at.map((s) => s.overheadMs)),
      modelTtftMs: summarize(at.map((s) => s.modelTtftMs)),
      ttftMs: summarize(at.map((s) => s.ttftMs)),
    };
  });
}

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export function computeRatios(h: FlowSummary, b: FlowSummary): Record<string, number | null> {
  return {
    ttft_p50: ratio(h.ttftMs.p50, b.ttftMs.p50),
    ttft_p95: ratio(h.ttftMs.p95, b.ttftMs.p95),
    total_p50: ratio(h.totalMs.p50, b.totalMs.p50),
    total_p95: ratio(h.totalMs.p95, b.totalMs.p95),
    llm_calls: ratio(h.llmCalls.mean, b.llmCalls.mean),
    tool_calls: ratio(h.toolCalls.mean, b.toolCalls.mean),
    input_tokens: ratio(h.inputTokens.mean, b.inputTokens.mean),
    output_tokens: ratio(h.outputTokens.mean, b.outputTokens.mean),
  };
}

/** The issue's targets, judged on the measured turns (PASS/MISS). */
export function judgeTargets(hybrid: TurnSample[], ratios: Record<string, number | null>, overhead: OverheadRow[]): TargetResult[] {
  const maxCalls = Math.max(...hybrid.map((s) => s.llmCalls - (s.repaired ? 1 : 0)));
  const maxTools = Math.max(...hybrid.map((s) => s.toolCalls));
  const targets: TargetResult[] = [
    { name: "model calls per turn (hybrid, max)", target: "≤ 2 (+1 repair)", value: String(maxCalls), pass: maxCalls <= 2 },
    { name: "tool calls per turn (hybrid, max)", target: "≤ 6", value: String(maxTools), pass: maxTools <= 6 },
    { name: "TTFT hybrid/baseline (p50)", target: "≤ 0.25", value: String(ratios.ttft_p50), pass: ratios.ttft_p50 !== null && ratios.ttft_p50 <= 0.25 },
    { name: "input tokens hybrid/baseline (mean)", target: "≤ 0.45", value: String(ratios.input_tokens), pass: ratios.input_tokens !== null && ratios.input_tokens <= 0.45 },
  ];
  const at10k = overhead.find((o) => o.memories === 10_000);
  if (at10k && at10k.turns > 0) {
    const p95 = at10k.overheadMs.p95 ?? Infinity;
    targets.push({ name: "engine overhead p95 at 10k memories", target: "≤ 100 ms", value: `${p95} ms`, pass: p95 <= 100 });
  }
  return targets;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...rows.map(line)].join("\n");
}

const n = (v: number | null, digits = 0): string => (v === null ? "–" : v.toFixed(digits));

/** The report as printed (markdown tables, pasteable into the README). */
export function formatReport(r: BenchReport): string {
  const h = r.flows.hybrid;
  const b = r.flows.baseline;
  const rows: Array<[string, number | null, number | null, number | null, number]> = [
    ["time to first narrative token p50 (ms)", h.ttftMs.p50, b.ttftMs.p50, r.ratios.ttft_p50, 0],
    ["time to first narrative token p95 (ms)", h.ttftMs.p95, b.ttftMs.p95, r.ratios.ttft_p95, 0],
    ["total turn time p50 (ms)", h.totalMs.p50, b.totalMs.p50, r.ratios.total_p50, 0],
    ["total turn time p95 (ms)", h.totalMs.p95, b.totalMs.p95, r.ratios.total_p95, 0],
    ["model calls per turn (mean)", h.llmCalls.mean, b.llmCalls.mean, r.ratios.llm_calls, 2],
    ["tool calls per turn (mean)", h.toolCalls.mean, b.toolCalls.mean, r.ratios.tool_calls, 2],
    ["input tokens per turn (mean)", h.inputTokens.mean, b.inputTokens.mean, r.ratios.input_tokens, 0],
    ["output tokens per turn (mean)", h.outputTokens.mean, b.outputTokens.mean, r.ratios.output_tokens, 0],
  ];
  const out = [
    `${r.real ? "REAL-MODEL numbers" : "Simulated-model numbers"} — ${r.model}`,
    `${h.turns} hybrid turns and ${b.turns} baseline turns (${r.settings.scenarios.join(", ")}; ${r.settings.turnsPerScenario} turns each); ` +
      `node ${r.machine.node}, ${r.machine.cpus} CPUs (${r.machine.cpuModel})`,
    "",
    table(["metric", "hybrid", "ReAct baseline", "hybrid/baseline"], rows.map(([name, hv, bv, rv, d]) => [name, n(hv, d), n(bv, d), n(rv, 3)])),
    "",
    `Calls per turn (min–max): hybrid model ${h.llmCalls.min}–${h.llmCalls.max}, tool ${h.toolCalls.min}–${h.toolCalls.max}; ` +
      `baseline model ${b.llmCalls.min}–${b.llmCalls.max}, tool ${b.toolCalls.min}–${b.toolCalls.max}.`,
    `Background relationship-enrichment model calls by the hybrid engine (after turns, not counted above): ` +
      `${r.turns.filter((t) => t.purpose === "flow" && t.flow === "hybrid").reduce((sum, t) => sum + t.backgroundCalls, 0)} over ${h.turns} turns.`,
  ];
  if (r.overhead.some((o) => o.turns > 0)) {
    out.push("", `Engine overhead (hybrid TTFT at the client − the simulated model's own TTFT for the narrate call) — ${r.model}`, "");
    out.push(table(
      ["memories preloaded", "turns", "overhead p50 (ms)", "overhead p95 (ms)", "model TTFT p50 (ms)", "client TTFT p50 (ms)"],
      r.overhead.map((o) => [String(o.memories), String(o.turns), n(o.overheadMs.p50, 1), n(o.overheadMs.p95, 1), n(o.modelTtftMs.p50), n(o.ttftMs.p50)]),
    ));
  }
  out.push("", "Targets", "", table(["target", "goal", "measured", "result"], r.targets.map((t) => [t.name, t.target, t.value, t.pass ? "PASS" : "MISS"])));
  return out.join("\n");
}
