/**
 * `npm run bench [-- <lane>… | all] [--heavy] [flags]` — a small lane registry.
 *   no lane:  the default lanes (well under 5 minutes on 2 cores)
 *   <lane>…:  the named lanes, default or heavy
 *   --heavy:  the default lanes plus every heavy lane; `all` is the same
 * Every lane's result goes into dev/bench/results/results.json (one entry per lane, each stamped with
 * its model, latency settings, machine and date; lanes not run keep their last entry) and
 * dev/bench/results/summary.md (every entry's table), plus SVG charts where a lane draws one.
 * Flags (defaults shown): --ttft-ms 800 --per-token-ms 25 --prefill-ms-per-1k 150 --jitter 0.1 --seed 7
 *   --turns 6 (per scenario and flow) --memory-sizes 0,1000,10000 --overhead-turns 6
 *   --sessions 1,10,50 --session-turns 2 --out dev/bench/results (or "none")
 *   --real (use OPENAI_BASE_URL / OPENAI_API_KEY / QS_MODEL instead of the simulator; flows lane only)
 * Unknown flags are left to the lanes (each may read `ctx.argv`; give their values as --flag=value). Progress goes to stderr, tables to stdout.
 *
 * Adding a lane is one line in LANES: its module exports a function of the BenchContext that returns
 * a result object (a `summary` markdown string, if present, goes into summary.md).
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { LatencyOptions } from "../simulator/types.ts";
import { describeModel, machineInfo, runFlowBench, type FlowBenchOptions } from "./flows.ts";
import { formatReport } from "./report.ts";

/** What every lane gets: the shared settings, the raw arguments and a progress log. */
export interface BenchContext {
  latency: LatencyOptions;
  flows: FlowBenchOptions;
  concurrency: { levels: number[]; turnsPerSession: number };
  /** Where results go; null = write nothing. */
  outDir: string | null;
  argv: string[];
  log: (line: string) => void;
}

/** A lane's result: any JSON object; `summary` (markdown) is printed and copied into summary.md. */
export type LaneResult = object & { summary?: string };

export interface LaneEntry {
  name: string;
  /** Heavy lanes run only when named or with --heavy / all. */
  heavy: boolean;
  about: string;
  run: (ctx: BenchContext) => Promise<LaneResult>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, "results");

export const LANES: LaneEntry[] = [
  { name: "flows", heavy: false, about: "hybrid vs strong and weak ReAct baselines, engine overhead by memory size", run: flowsLane },
  { name: "scale", heavy: true, about: "SQLite × 1 vs PostgreSQL × 1 vs PostgreSQL × 2 instances, 50 sessions, model latency 0: turns/s, turn time", run: (ctx) => import("./scale.ts").then((m) => m.runScaleBench({ log: ctx.log })) },
  { name: "concurrency", heavy: false, about: "1/10/50 sessions on one server: overhead, turns/s, event-loop delay, RSS", run: (ctx) => import("./concurrency.ts").then((m) => m.runConcurrencyBench({ latency: ctx.latency, ...ctx.concurrency, log: ctx.log })) },
  { name: "fidelity", heavy: false, about: "compact vs verbose: facts of each A/B test present in the narrate request (offline)", run: () => import("../../../evals/fidelity.ts").then((m) => m.runFidelity()) },
  { name: "embedder", heavy: false, about: "offline embedder: µs per short text", run: () => import("./embedder.ts").then((m) => m.runEmbedderBench()) },
  { name: "extraction", heavy: false, about: "relationship extraction: lexicon compile time, µs per labelled memory, worst case on cue-word salad up to 2,000 characters", run: () => processLane("extraction") },
  { name: "enrichment-bound", heavy: false, about: "background enrichment calls one turn can cause: 20 memories naming 20 of a 200-person cast each (docs/limits.md)", run: () => import("./enrichmentBound.ts").then((m) => m.runEnrichmentBound()) },
  { name: "recall", heavy: false, about: "planted facts in 50/200/500-turn stories: hit rate of no memory, vector-only and hybrid retrieval (--recall-lengths=50,200,500 --recall-cost-sizes=10000)", run: recallLane },
  { name: "memory", heavy: true, about: "memory micro-benchmark (1k/10k memories, 100 sessions' RSS)", run: () => processLane("memory") },
  { name: "hostile", heavy: true, about: "CPU bounds under hostile input: token counting by script, /health under CJK turns (docs/limits.md)", run: () => processLane("hostile") },
  { name: "soak", heavy: true, about: "RSS/heap over 1,000 sessions' memory stores with the default LRU (docs/limits.md)", run: () => processLane("soak") },
  { name: "pgmemory", heavy: true, about: "memory on PostgreSQL: cold index build from the rows (1k/10k memories), catch-up, warm search (starts a throwaway cluster)", run: (ctx) => import("./pgMemory.ts").then((m) => m.runPgMemoryBench({ outDir: ctx.outDir, log: ctx.log })) },
  { name: "turn-cpu", heavy: true, about: "CPU ms per turn, engine + simulated model in one process, no latency (--turn-cpu-sessions=10 --turn-cpu-turns=3 --turn-cpu-rounds=3)", run: turnCpuLane },
  { name: "state-validation", heavy: true, about: "LangGraph's check of node updates: Zod state (Studio graph) vs StateSchema (server graph), CPU per update and per offline turn (--state-rounds=12 --state-sessions=8)", run: stateValidationLane },
  { name: "long", heavy: true, about: "1,000 turns offline: checkpoint size, disk and time per turn (--long-turns=N --long-scenario=NAME)", run: longLane },
];

async function longLane(ctx: BenchContext): Promise<LaneResult> {
  const { formatLongReport, longScenario, runLongBench } = await import("./long.ts");
  const flag = (name: string) => ctx.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const report = await runLongBench({ turns: num(flag("long-turns"), "long-turns", 1000), scenario: longScenario(flag("long-scenario")), outDir: ctx.outDir, log: ctx.log });
  return { ...report, summary: formatLongReport(report) };
}

async function stateValidationLane(ctx: BenchContext): Promise<LaneResult> {
  const { runStateValidationBench } = await import("./stateValidation.ts");
  const flag = (name: string) => ctx.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return runStateValidationBench({ rounds: num(flag("state-rounds"), "state-rounds", 12), sessions: num(flag("state-sessions"), "state-sessions", 8) });
}

async function recallLane(ctx: BenchContext): Promise<LaneResult> {
  const { runRecallBench } = await import("./recall.ts");
  const flag = ctx.argv.find((a) => a.startsWith("--recall-lengths="))?.slice("--recall-lengths=".length);
  const sizes = ctx.argv.find((a) => a.startsWith("--recall-cost-sizes="))?.slice("--recall-cost-sizes=".length);
  return runRecallBench({ lengths: list(flag, "recall-lengths", "50,200,500"), costSizes: list(sizes, "recall-cost-sizes", "10000"), outDir: ctx.outDir, log: ctx.log });
}

async function turnCpuLane(ctx: BenchContext): Promise<LaneResult> {
  const { runTurnCpuBench } = await import("./turnCpu.ts");
  const flag = (name: string) => ctx.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return runTurnCpuBench({
    sessions: num(flag("turn-cpu-sessions"), "turn-cpu-sessions", 10),
    turns: num(flag("turn-cpu-turns"), "turn-cpu-turns", 3),
    rounds: num(flag("turn-cpu-rounds"), "turn-cpu-rounds", 3),
  });
}

async function flowsLane(ctx: BenchContext): Promise<LaneResult> {
  const report = await runFlowBench({ ...ctx.flows, outDir: ctx.outDir });
  const summary = `${report.real ? "NOTE: these are REAL-MODEL numbers (not the simulator).\n" : ""}${formatReport(report)}`;
  return { ...report, summary };
}

/** Runs a micro-benchmark script of dev/bench as its own process (its memory figures are its own); its stdout is the summary. */
function processLane(name: "memory" | "extraction" | "hostile" | "soak"): Promise<LaneResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", path.join(HERE, `${name}.ts`)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve({ model: "none (engine code only)", machine: machineInfo(), date: new Date().toISOString(), summary: out.trim() } as LaneResult) : reject(new Error(`lib/dev/bench/${name}.ts exited with ${code}`))));
  });
}

const num = (value: string | boolean | undefined, name: string, fallback: number): number => {
  if (value === undefined || typeof value === "boolean") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number (got "${value}")`);
  return n;
};
const list = (value: string | boolean | undefined, name: string, fallback: string): number[] =>
  (typeof value === "string" ? value : fallback).split(",").filter(Boolean).map((s) => num(s, name, 0));

const STRING_FLAGS = ["ttft-ms", "per-token-ms", "prefill-ms-per-1k", "jitter", "seed", "turns", "memory-sizes", "overhead-turns", "sessions", "session-turns", "out"] as const;
const OPTIONS = {
  real: { type: "boolean" },
  heavy: { type: "boolean" },
  ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: "string" }])),
} as const satisfies Record<string, { type: "string" | "boolean" }>;

export interface ParsedArgs {
  lanes: LaneEntry[];
  ctx: BenchContext;
}

/** Parses the CLI (throws with a one-line reason on bad input). */
export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => undefined): ParsedArgs {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: OPTIONS });
  for (const name of positionals) if (name !== "all" && !LANES.some((l) => l.name === name)) throw new Error(`unknown bench lane "${name}": use ${LANES.map((l) => l.name).join(", ")} or all`);
  const named = positionals.filter((n) => n !== "all");
  const all = positionals.includes("all") || values.heavy === true;
  const lanes = named.length > 0 && !all ? LANES.filter((l) => named.includes(l.name)) : LANES.filter((l) => all || !l.heavy || named.includes(l.name));
  let real: FlowBenchOptions["real"];
  if (values.real) {
    if (!env.OPENAI_BASE_URL && !env.OPENAI_API_KEY) throw new Error("--real needs OPENAI_BASE_URL and/or OPENAI_API_KEY");
    real = { baseURL: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1", apiKey: env.OPENAI_API_KEY ?? "not-needed", model: env.QS_MODEL ?? "gpt-4o-mini" };
  }
  const latency: LatencyOptions = {
    ttftMs: num(values["ttft-ms"], "ttft-ms", 800),
    perTokenMs: num(values["per-token-ms"], "per-token-ms", 25),
    prefillMsPer1kInputTokens: num(values["prefill-ms-per-1k"], "prefill-ms-per-1k", 150),
    jitter: num(values.jitter, "jitter", 0.1),
    seed: num(values.seed, "seed", 7),
  };
  const turns = num(values.turns, "turns", 6);
  const outDir = values.out === "none" ? null : path.resolve(typeof values.out === "string" ? values.out : RESULTS_DIR);
  return {
    lanes,
    ctx: {
      latency,
      flows: {
        latency,
        turnsPerScenario: turns,
        memorySizes: list(values["memory-sizes"], "memory-sizes", "0,1000,10000"),
        overheadTurns: num(values["overhead-turns"], "overhead-turns", Math.min(6, turns)),
        outDir,
        real,
        log,
      },
      concurrency: { levels: list(values.sessions, "sessions", "1,10,50"), turnsPerSession: num(values["session-turns"], "session-turns", 2) },
      outDir,
      argv,
      log,
    },
  };
}

/** results.json: one entry per lane, the newest run of each. */
export interface BenchResults {
  updated: string;
  lanes: Record<string, LaneResult & { lane: string; durationMs: number; command: string }>;
}

/** summary.md: every lane's table, newest run of each, with its stamp. */
export function summaryMarkdown(results: BenchResults): string {
  const parts = ["# Benchmark results", "", `Written by \`npm run bench\` (dev/bench/run.ts); last update ${results.updated}. Each lane keeps its newest run.`, ""];
  for (const [name, r] of Object.entries(results.lanes)) {
    parts.push(`## ${name}`, "", `Command: \`${r.command}\` — ${Math.round(r.durationMs / 1000)} s`, "");
    parts.push(r.summary ?? "```json\n" + JSON.stringify(r, null, 2).slice(0, 4000) + "\n```", "");
  }
  return parts.join("\n");
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const argv = process.argv.slice(2);
  const { lanes, ctx } = parseBenchArgs(argv, process.env, log);
  const started = performance.now();
  let results: BenchResults = { updated: "", lanes: {} };
  if (ctx.outDir) {
    await mkdir(ctx.outDir, { recursive: true });
    results = await readFile(path.join(ctx.outDir, "results.json"), "utf8").then((t) => JSON.parse(t) as BenchResults).catch(() => results);
  }
  log(`bench: lanes ${lanes.map((l) => l.name).join(", ")}; ${describeModel(ctx.flows)}`);
  for (const lane of lanes) {
    const t = performance.now();
    log(`bench: lane ${lane.name} — ${lane.about}`);
    const result = await lane.run(ctx);
    if (result.summary) process.stdout.write(`${result.summary}\n\n`);
    results.lanes[lane.name] = { ...result, lane: lane.name, durationMs: Math.round(performance.now() - t), command: `npm run bench -- ${[lane.name, ...argv.filter((a) => a.startsWith("-"))].join(" ")}` };
    results.updated = new Date().toISOString();
    if (ctx.outDir) {
      await writeFile(path.join(ctx.outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
      await writeFile(path.join(ctx.outDir, "summary.md"), summaryMarkdown(results));
    }
  }
  if (ctx.outDir) log(`bench: wrote ${path.join(ctx.outDir, "results.json")} and summary.md`);
  log(`bench: finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
