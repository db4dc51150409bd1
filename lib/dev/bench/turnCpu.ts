/**
 * Lane `turn-cpu`: CPU time per turn, the engine and the simulated model server in ONE process with
 * no model latency, N sessions playing the story's first turns at once (engine.runTurn, no HTTP
 * client). CPU time (process.cpuUsage, all threads) hardly moves when other jobs share the machine,
 * so this is the figure to compare before and after a change to the per-token path. The simulator's
 * own work is included (it is the same in both runs).
 * Flags: --turn-cpu-sessions=10 --turn-cpu-turns=3 --turn-cpu-rounds=3.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { StoryEngine } from "../../sessions/engine.ts";
import { startSimulatedModelServer } from "../simulator/openaiServer.ts";
import { machineInfo } from "./flows.ts";
import { benchScript } from "./scripts.ts";
import { STORY } from "./story.ts";
import { markdownTable } from "./table.ts";

export interface TurnCpuReport {
  lane: "turn-cpu";
  model: string;
  machine: ReturnType<typeof machineInfo>;
  date: string;
  sessions: number;
  turnsPerSession: number;
  rounds: Array<{ turns: number; cpuMsPerTurn: number; tokenEventsPerTurn: number }>;
  summary: string;
}

export async function runTurnCpuBench(opts: { sessions: number; turns: number; rounds: number }): Promise<TurnCpuReport> {
  const sim = await startSimulatedModelServer({ latency: { ttftMs: 0, perTokenMs: 0, prefillMsPer1kInputTokens: 0, jitter: 0 }, script: benchScript });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-bench-cpu-"));
  const engine = await StoryEngine.open(
    loadEnv({ QS_DATA_DIR: dataDir, ...sim.modelEnv }),
    silentLogger,
  );
  const steps = STORY["frontier-caravan"].slice(0, opts.turns);
  const round = async (sessions: number) => {
    const ids = await Promise.all(Array.from({ length: sessions }, () => engine.createSession("frontier-caravan").then((s) => s.id)));
    const before = process.cpuUsage();
    let tokens = 0;
    for (const step of steps) {
      await Promise.all(ids.map((id) => engine.runTurn(id, step.input, (e) => void (e.event === "token" && tokens++))));
    }
    const cpu = process.cpuUsage(before);
    const turns = sessions * steps.length;
    return { turns, cpuMsPerTurn: Math.round((cpu.user + cpu.system) / 100 / turns) / 10, tokenEventsPerTurn: Math.round(tokens / turns) };
  };
  const rounds: TurnCpuReport["rounds"] = [];
  try {
    await engine.warmUp();
    await round(4); // first-use compilation stays out of the figures
    for (let i = 0; i < opts.rounds; i++) rounds.push(await round(opts.sessions));
  } finally {
    await engine.close(1000);
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const model = "simulated model server in the same process: ttft 0, 0 ms/token, prefill 0, jitter 0 (its CPU included)";
  const report = { lane: "turn-cpu" as const, model, machine: machineInfo(), date: new Date().toISOString(), sessions: opts.sessions, turnsPerSession: steps.length, rounds };
  const summary = [
    `CPU per turn — ${model}; ${opts.sessions} sessions × ${steps.length} turns per round; node ${report.machine.node}, ${report.machine.cpus} CPUs (${report.machine.cpuModel}), ${report.date}`,
    "",
    markdownTable(["round", "turns", "CPU ms per turn", "token events per turn"], rounds.map((r, i) => [String(i + 1), String(r.turns), r.cpuMsPerTurn.toFixed(1), String(r.tokenEventsPerTurn)])),
  ].join("\n");
  return { ...report, summary };
}
