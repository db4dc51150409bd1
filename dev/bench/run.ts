/**
 * `npm run bench [-- flows|memory|extraction|all] [flags]`
 *   flows (default): the hybrid turn against the ReAct baseline on the simulated model (bench/flows.ts)
 *   memory:          the memory micro-benchmark (bench/memory.ts)
 *   extraction:      the relationship-extraction micro-benchmark (bench/extraction.ts)
 *   long:            1,000 turns offline: checkpoint size, disk per turn, time per turn (bench/long.ts;
 *                    --long-turns 1000 --long-scenario frontier-caravan)
 *   hostile:         CPU bounds under hostile input (bench/hostile.ts)
 *   soak:            memory over 1,000 sessions (bench/soak.ts)
 *   all:             every default lane
 * Flags: --ttft-ms 800 --per-token-ms 25 --prefill-ms-per-1k 150 --jitter 0.1 --seed 7
 *        --turns 11 (per scenario) --memory-sizes 0,1000,10000 --overhead-turns 6 --out dev/bench/results (or "none")
 *        --real (use OPENAI_BASE_URL / OPENAI_API_KEY / QS_MODEL instead of the simulator)
 * Progress goes to stderr; the report tables to stdout.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { spawn } from "node:child_process";
import { runFlowBench, type FlowBenchOptions } from "./flows.ts";
import { formatReport } from "./report.ts";
import { formatLongReport, longScenario, runLongBench } from "./long.ts";
import type { ScenarioName } from "./story.ts";

export type BenchMode = "flows" | "memory" | "extraction" | "long" | "hostile" | "soak" | "all";

export interface ParsedArgs {
  mode: BenchMode;
  flows: FlowBenchOptions;
  longTurns: number;
  longScenario: ScenarioName;
}

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

const num = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number (got "${value}")`);
  return n;
};

/** Parses the CLI (throws with a one-line reason on bad input). */
export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => undefined): ParsedArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "ttft-ms": { type: "string" },
      "per-token-ms": { type: "string" },
      "prefill-ms-per-1k": { type: "string" },
      jitter: { type: "string" },
      seed: { type: "string" },
      turns: { type: "string" },
      "memory-sizes": { type: "string" },
      "overhead-turns": { type: "string" },
      out: { type: "string" },
      real: { type: "boolean", default: false },
      "long-turns": { type: "string" },
      "long-scenario": { type: "string" },
    },
  });
  const mode = (positionals[0] ?? "flows") as BenchMode;
  if (!["flows", "memory", "extraction", "long", "hostile", "soak", "all"].includes(mode)) throw new Error(`unknown bench "${mode}": use flows, memory, extraction, long, hostile, soak or all`);
  let real: FlowBenchOptions["real"];
  if (values.real) {
    if (!env.OPENAI_BASE_URL && !env.OPENAI_API_KEY) throw new Error("--real needs OPENAI_BASE_URL and/or OPENAI_API_KEY");
    real = {
      baseURL: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
      apiKey: env.OPENAI_API_KEY ?? "not-needed",
      model: env.QS_MODEL ?? "gpt-4o-mini",
    };
  }
  const sizes = (values["memory-sizes"] ?? "0,1000,10000").split(",").filter(Boolean).map((s) => num(s, "memory-sizes", 0));
  return {
    mode,
    longTurns: num(values["long-turns"], "long-turns", 1000),
    longScenario: longScenario(values["long-scenario"]),
    flows: {
      latency: {
        ttftMs: num(values["ttft-ms"], "ttft-ms", 800),
        perTokenMs: num(values["per-token-ms"], "per-token-ms", 25),
        prefillMsPer1kInputTokens: num(values["prefill-ms-per-1k"], "prefill-ms-per-1k", 150),
        jitter: num(values.jitter, "jitter", 0.1),
        seed: num(values.seed, "seed", 7),
      },
      turnsPerScenario: num(values.turns, "turns", 11),
      memorySizes: sizes,
      overheadTurns: num(values["overhead-turns"], "overhead-turns", Math.min(6, num(values.turns, "turns", 11))),
      outDir: values.out === "none" ? null : path.resolve(values.out ?? RESULTS_DIR),
      real,
      log,
    },
  };
}

/** Runs a micro-benchmark script of bench/ as its own process, so its memory figures are its own. */
function runBenchProcess(name: "memory" | "extraction" | "hostile" | "soak"): Promise<void> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.ts`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", script], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`dev/bench/${name}.ts exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const args = parseBenchArgs(process.argv.slice(2), process.env, log);
  const started = performance.now();
  if (args.mode === "flows" || args.mode === "all") {
    const report = await runFlowBench(args.flows);
    if (report.real) process.stdout.write("NOTE: these are REAL-MODEL numbers (not the simulator).\n");
    process.stdout.write(`${formatReport(report)}\n\n`);
  }
  if (args.mode === "memory" || args.mode === "all") {
    log("bench: memory micro-benchmark (bench/memory.ts, own process so its RSS figures are its own)");
    await runBenchProcess("memory");
  }
  if (args.mode === "extraction" || args.mode === "all") {
    log("bench: relationship-extraction micro-benchmark (bench/extraction.ts)");
    await runBenchProcess("extraction");
  }
  if (args.mode === "long") {
    const report = await runLongBench({ turns: args.longTurns, scenario: args.longScenario, outDir: args.flows.outDir, log });
    process.stdout.write(`${formatLongReport(report)}\n\n`);
  }
  if (args.mode === "hostile" || args.mode === "soak") await runBenchProcess(args.mode);
  log(`bench: finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
