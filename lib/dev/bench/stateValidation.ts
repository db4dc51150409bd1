/**
 * Lane `state-validation`: what LangGraph's check of each node's update costs, with the turn state as
 * a Zod object (the Studio graph, `graph` in graph/turn.ts: LangGraph 1.7.3 builds two partials of the
 * whole schema per node return) and as a StateSchema (the server's `builder`: one schema per returned
 * key). Same nodes, same state; offline storyteller (deterministic, not an LLM), no token delay,
 * in-memory checkpoints, rounds alternating between the two graphs so that drift hits both.
 *   - per node update: CPU µs of `updateState` with the node returns captured from real turns
 *     (the check plus LangGraph's checkpoint write; the difference between the graphs is the check);
 *   - per turn: CPU ms of whole offline turns (`invoke`).
 * Flags: --state-rounds=12 --state-sessions=8.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { initialStateFor } from "../../../graph/initialState.ts";
import { createRuntime } from "../../../graph/runtime.ts";
import type { TurnStateUpdate } from "../../../graph/state.ts";
import { builder, graph } from "../../../graph/turn.ts";
import { newSessionId } from "../../common/sessionIds.ts";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { loadBundledScenario } from "../../scenarios/catalog.ts";
import { machineInfo } from "./flows.ts";
import { STORY } from "./story.ts";
import { markdownTable } from "./table.ts";

const GRAPHS = { "Zod state (Studio graph)": graph.builder, "StateSchema (server graph)": builder } as const;
type GraphName = keyof typeof GRAPHS;
const SCENARIO = "frontier-caravan";

export async function runStateValidationBench(opts: { rounds: number; sessions: number }) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-bench-state-"));
  const runtime = createRuntime(loadEnv({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "0" }), silentLogger);
  const scenario = loadBundledScenario(SCENARIO);
  const steps = STORY[SCENARIO].slice(0, 3);
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };
  const newSession = async (name: GraphName) => {
    const app = GRAPHS[name].compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: newSessionId(), runtime } };
    await app.updateState(config, initialStateFor(SCENARIO, scenario), "confirm");
    return { app, config };
  };
  // What the four nodes return in 3 turns, as the server's graph saw them.
  const captured: Array<[string, TurnStateUpdate]> = [];
  const probe = await newSession("StateSchema (server graph)");
  for (const step of steps) {
    for await (const chunk of await probe.app.stream({ input: step.input }, { ...probe.config, streamMode: "updates" })) {
      captured.push(...(Object.entries(chunk) as Array<[string, TurnStateUpdate]>));
    }
  }
  const updateRound = async (name: GraphName) => {
    const { app, config } = await newSession(name);
    const since = process.cpuUsage();
    for (let i = 0; i < 20; i++) for (const [node, update] of captured) await app.updateState(config, update, node);
    return (cpuMs(since) * 1000) / (20 * captured.length);
  };
  const turnRound = async (name: GraphName) => {
    const sessions = await Promise.all(Array.from({ length: opts.sessions }, () => newSession(name)));
    const since = process.cpuUsage();
    for (const step of steps) for (const { app, config } of sessions) await app.invoke({ input: step.input }, config);
    return cpuMs(since) / (opts.sessions * steps.length);
  };
  const names = Object.keys(GRAPHS) as GraphName[];
  const perUpdateUs = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<GraphName, number[]>;
  const perTurnMs = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<GraphName, number[]>;
  try {
    for (const n of names) await turnRound(n); // first-use compilation stays out of the figures
    for (let r = 0; r < opts.rounds; r++) {
      const order = r % 2 === 0 ? names : [...names].reverse();
      for (const n of order) perUpdateUs[n].push(await updateRound(n));
      for (const n of order) perTurnMs[n].push(await turnRound(n));
    }
  } finally {
    await runtime.memory.closeAll();
    runtime.enrichment?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const model = "offline storyteller (deterministic, not an LLM), QS_OFFLINE_TOKEN_DELAY_MS=0, in-memory checkpoints";
  const report = {
    lane: "state-validation" as const, model, machine: machineInfo(), date: new Date().toISOString(), rounds: opts.rounds,
    sessionsPerRound: opts.sessions, turnsPerSession: steps.length, capturedUpdates: captured.length, perUpdateUs, perTurnMs,
  };
  const summary = [
    `LangGraph's check of node updates — ${model}; ${opts.rounds} alternating rounds, ${captured.length} captured node returns × 20 per update round, ${opts.sessions} sessions × ${steps.length} turns per turn round; node ${report.machine.node}, ${report.machine.cpus} CPUs (${report.machine.cpuModel}), ${report.date}`,
    "",
    markdownTable(
      ["state given to StateGraph", "CPU µs per updateState (median)", "CPU ms per turn (median)", "CPU ms per turn (all rounds)"],
      names.map((n) => [n, median(perUpdateUs[n]).toFixed(0), median(perTurnMs[n]).toFixed(1), perTurnMs[n].map((x) => x.toFixed(0)).join(" ")]),
    ),
  ].join("\n");
  return { ...report, summary };
}
