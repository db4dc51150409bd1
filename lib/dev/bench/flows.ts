import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LatencyOptions } from "../simulator/types.ts";
import { openLane, type Flow, type LaneSpec, type ModelTarget, type OpenLane, type TurnSample } from "./lanes.ts";
import { computeRatios, judgeTargets, overheadRows, summarizeFlow, type BenchReport, type FlowSummary } from "./report.ts";
import { runOverheadProcess } from "./overhead.ts";
import { SCENARIOS, STORY } from "./story.ts";
import { ttftChart } from "./svg.ts";

const FLOWS: readonly Flow[] = ["hybrid", "strong", "weak"];

/** Node version, CPUs and platform, stamped on every figure. */
export function machineInfo(): BenchReport["machine"] {
  const cpus = os.cpus();
  return { node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? "unknown", platform: `${os.platform()} ${os.arch()}` };
}

/** Settings of the hybrid-vs-ReAct benchmark. */
export interface FlowBenchOptions {
  /** Simulator latency (ignored with `real`). */
  latency: LatencyOptions;
  /** Turns played per scenario and flow (max 11, the length of bench/story.ts). */
  turnsPerScenario: number;
  /** Memories preloaded for the engine-overhead lanes (own process, one lane at a time). */
  memorySizes: number[];
  /** Turns per engine-overhead lane (frontier-caravan). */
  overheadTurns: number;
  /** Where to write ttft.svg; null = don't write (the report itself goes into the run's results.json). */
  outDir: string | null;
  /** Run against a real OpenAI-compatible endpoint instead of the simulator. */
  real?: { baseURL: string; apiKey: string; model: string };
  log: (line: string) => void;
}

/** "simulated model server: ttft 800 ms, 25 ms/token, prefill 150 ms/1k, jitter 0.1 seed 7" */
export function describeModel(opts: Pick<FlowBenchOptions, "latency" | "real">): string {
  if (opts.real) return `real model ${opts.real.model} via ${opts.real.baseURL}`;
  const l = opts.latency;
  return `simulated model server: ttft ${l.ttftMs ?? 0} ms, ${l.perTokenMs ?? 0} ms/token, prefill ${l.prefillMsPer1kInputTokens ?? 0} ms/1k, jitter ${l.jitter ?? 0} seed ${l.seed ?? 1}`;
}

/**
 * Plays the scripted story through the three flows over HTTP and reports the comparison. The six
 * flow lanes (flow × scenario) each have their own engine and simulator and play at once: the
 * model's simulated waits dominate, and one simulator per lane keeps each lane's seeded delays
 * independent of the others. The engine-overhead lanes run meanwhile in a second process, one
 * lane at a time, so that they measure the engine rather than the other lanes.
 */
export async function runFlowBench(opts: FlowBenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const target: ModelTarget = opts.real ? { kind: "real", ...opts.real } : { kind: "simulated", latency: opts.latency };
  // Every scripted story has the same length; a lane plays at most that many turns.
  const storyTurns = Math.min(...SCENARIOS.map((s) => STORY[s].length));
  const turns = Math.min(Math.max(1, opts.turnsPerScenario), storyTurns);
  const specs: LaneSpec[] = SCENARIOS.flatMap((scenario): LaneSpec[] =>
    FLOWS.map((flow) => ({ flow, scenario, turns, preload: 0, purpose: "flow" })),
  );
  // Engine overhead needs the simulator's own timings; against a real model it is not measured.
  const overheadTurns = Math.min(Math.max(1, opts.overheadTurns), storyTurns);
  const measureOverhead = !opts.real && opts.memorySizes.length > 0;
  opts.log(`bench: ${describeModel(opts)}; ${specs.length} flow lanes × ${turns} turns` +
    (measureOverhead ? `; engine overhead at ${opts.memorySizes.join(", ")} memories × ${overheadTurns} turns in a second process` : ""));
  const lanes: OpenLane[] = [];
  try {
    const overhead = measureOverhead
      ? runOverheadProcess({ latency: opts.latency, sizes: opts.memorySizes, turns: overheadTurns, scenario: SCENARIOS[0] })
      : Promise.resolve([]);
    overhead.catch(() => undefined); // awaited below; avoids an unhandled rejection while the flow lanes open
    for (const spec of specs) lanes.push(await openLane(spec, target, opts.log));
    const flowSamples = (await Promise.all(lanes.map((l) => l.play()))).flat();
    const samples: TurnSample[] = [...flowSamples, ...(await overhead)];
    const report = buildReport(opts, turns, overheadTurns, samples, performance.now() - started);
    if (opts.outDir) {
      await mkdir(opts.outDir, { recursive: true });
      await writeFile(path.join(opts.outDir, "ttft.svg"), ttftChart(samples, "Time to first narrative token and turn time, per turn: hybrid vs ReAct baselines", describeModel(opts)));
      opts.log(`bench: wrote ${path.join(opts.outDir, "ttft.svg")}`);
    }
    return report;
  } finally {
    await Promise.all(lanes.map((l) => l.close()));
  }
}

function buildReport(opts: FlowBenchOptions, turns: number, overheadTurns: number, samples: TurnSample[], durationMs: number): BenchReport {
  const main = samples.filter((s) => s.purpose === "flow");
  const hybrid = main.filter((s) => s.flow === "hybrid");
  const flows = Object.fromEntries(FLOWS.map((f) => [f, summarizeFlow(main.filter((s) => s.flow === f))])) as Record<Flow, FlowSummary>;
  const ratios = { strong: computeRatios(flows.hybrid, flows.strong), weak: computeRatios(flows.hybrid, flows.weak) };
  const overhead = opts.real ? [] : overheadRows(samples, opts.memorySizes);
  return {
    model: describeModel(opts),
    real: Boolean(opts.real),
    latency: opts.real ? null : opts.latency,
    settings: { turnsPerScenario: turns, scenarios: [...SCENARIOS], memorySizes: opts.memorySizes, overheadTurns },
    machine: machineInfo(),
    date: new Date().toISOString(),
    flows,
    ratios,
    targets: judgeTargets(hybrid, ratios, overhead),
    overhead,
    turns: samples,
    durationMs: Math.round(durationMs),
  };
}

