import { BENCH_SERVER_ENV } from "./benchEnv.ts";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { StoryEngine } from "../../sessions/engine.ts";
import { startSimulatedModelServer, type LatencyOptions, type SimulatedModelServer } from "../simulator/openaiServer.ts";
import { streamTurn, type ReceivedEvent } from "../testing/sse.ts";
import { createBenchApp } from "./baseline/routes.ts";
import { preloadMemories } from "./preload.ts";
import { benchScript, flowOf } from "./scripts.ts";
import { STORY, type ScenarioName } from "./story.ts";
import type { TurnMetrics } from "../../metrics/turnMetrics.ts";

export type Flow = "hybrid" | "weak" | "strong";

/** Where a flow's turns are posted (the SSE client appends /sessions/:id/turns/stream). */
export const flowBase = (url: string, flow: Flow): string => (flow === "hybrid" ? url : `${url}/baseline/${flow}`);

/** One sequence of turns on one session: a flow, a scenario and the memories loaded beforehand. */
export interface LaneSpec {
  flow: Flow;
  scenario: ScenarioName;
  turns: number;
  preload: number;
  /** "flow": the hybrid-vs-baseline comparison; "overhead": an engine-overhead lane (own process, one at a time). */
  purpose: "flow" | "overhead";
}

/** Where the model lives: a simulated server per lane (own call index, so seeded delays stay reproducible), or a real endpoint. */
export type ModelTarget = { kind: "simulated"; latency: LatencyOptions } | { kind: "real"; baseURL: string; apiKey: string; model: string };

/** What the SSE client measured for one turn, plus the turn's own counters from its `done` event. */
export interface TurnSample {
  purpose: LaneSpec["purpose"];
  flow: Flow;
  scenario: ScenarioName;
  preload: number;
  turn: number;
  /** Request sent → first `token` event (client clock). */
  ttftMs: number;
  /** Request sent → `done` event (client clock). */
  totalMs: number;
  /** Model calls the turn counted itself (engine metrics / the baseline's AIMessages). */
  llmCalls: number;
  /** Chat requests the simulated model server received for the turn (enrichment excluded); null on a real endpoint. */
  modelRequests: number | null;
  /** Tool calls that ran (cache hits and calls skipped by the cap excluded). */
  toolCalls: number;
  /** Every tool call the turn attempted, as streamed: cache hits excluded, calls skipped by the engine's cap included. */
  toolCallsAttempted: number;
  /** Of those, refused by the engine's per-turn cap. */
  toolCallsSkipped: number;
  inputTokens: number;
  outputTokens: number;
  repaired: boolean;
  /** Hybrid on the simulator: the narrate call's own TTFT (first piece written − request received). */
  modelTtftMs: number | null;
  /** ttftMs − modelTtftMs: everything the engine (and HTTP) adds before the first token. */
  overheadMs: number | null;
  /** Background relationship-enrichment model calls seen on the simulator during the turn (not part of the turn's own counts). */
  backgroundCalls: number;
}

/** A lane ready to play: its own simulator (if any), engine, HTTP server and session. */
export interface OpenLane {
  spec: LaneSpec;
  /** Plays the lane's turns through the HTTP API, one sample per turn. */
  play(): Promise<TurnSample[]>;
  close(): Promise<void>;
}

/**
 * Starts a lane's simulator, engine and HTTP server, creates its session and preloads its
 * memories. Preloading happens here, before any lane plays, so it never overlaps a measured turn.
 * On the simulator, the lane then plays one unmeasured zero-latency turn on a throwaway session
 * (so its first measured turn is not a cold start) and resets the simulator's call index, so the
 * measured calls get the same seeded delays on every run.
 */
export async function openLane(spec: LaneSpec, target: ModelTarget, log: (line: string) => void): Promise<OpenLane> {
  const sim: SimulatedModelServer | undefined =
    target.kind === "simulated" ? await startSimulatedModelServer({ latency: target.latency, script: benchScript }) : undefined;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-bench-"));
  const env = loadEnv({
    QS_DATA_DIR: dataDir,
    QS_MODEL_PROVIDER: "openai",
    OPENAI_BASE_URL: sim ? sim.baseURL : target.kind === "real" ? target.baseURL : "",
    OPENAI_API_KEY: target.kind === "real" ? target.apiKey : "sim",
    QS_MODEL: target.kind === "real" ? target.model : "sim-model",
    ...BENCH_SERVER_ENV,
  });
  const engine = await StoryEngine.open(env, silentLogger);
  await engine.warmUp();
  const server: Server = await new Promise((resolve) => {
    const s = createBenchApp(engine).listen(0, "127.0.0.1", () => resolve(s));
  });
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await engine.close(1000);
    await sim?.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const name = `${spec.purpose === "overhead" ? "overhead: " : ""}${spec.flow} ${spec.scenario}${spec.preload > 0 ? ` +${spec.preload} memories` : ""}`;
  let sessionId: string;
  try {
    const created = await fetch(`${url}/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: spec.scenario }) });
    sessionId = ((await created.json()) as { id: string }).id;
    if (spec.preload > 0) {
      const t = performance.now();
      const { state } = await engine.getSession(sessionId);
      await preloadMemories(engine.runtime.memory, sessionId, state.entities.map((e) => e.id), spec.preload);
      log(`[${name}] preloaded ${spec.preload} memories in ${Math.round(performance.now() - t)} ms`);
    }
    if (sim) {
      sim.setLatency({});
      const warm = await fetch(`${url}/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: spec.scenario }) });
      const warmId = ((await warm.json()) as { id: string }).id;
      const { status, events } = await streamTurn(flowBase(url, spec.flow), warmId, STORY[spec.scenario][0].input);
      if (status !== 200 || !events.some((e) => e.event === "done")) throw new Error(`[${name}] warm-up turn failed: ${JSON.stringify(events.at(-1)?.data)}`);
      sim.reset();
      sim.setLatency(target.kind === "simulated" ? target.latency : {});
    }
  } catch (error) {
    await close();
    throw error;
  }

  async function play(): Promise<TurnSample[]> {
    const base = flowBase(url, spec.flow);
    const samples: TurnSample[] = [];
    for (const [i, step] of STORY[spec.scenario].slice(0, spec.turns).entries()) {
      const firstCall = sim?.calls.length ?? 0;
      const { status, events, sentAt } = await streamTurn(base, sessionId, step.input);
      const sample = toSample(spec, i + 1, status, events, sentAt);
      if (sim && spec.flow === "hybrid") {
        const k = sim.requests.findIndex((req, j) => j >= firstCall && flowOf(req) === "narrate" && sim.calls[j].outcome === "ok");
        const call = k >= 0 ? sim.calls[k] : undefined;
        if (call?.firstPieceAt !== undefined) {
          sample.modelTtftMs = round(call.firstPieceAt - call.startedAt);
          sample.overheadMs = round(sample.ttftMs - sample.modelTtftMs);
        }
      }
      if (sim) {
        const during = sim.requests.slice(firstCall);
        sample.backgroundCalls = during.filter((req) => flowOf(req) === "enrich").length;
        sample.modelRequests = during.length - sample.backgroundCalls;
      }
      samples.push(sample);
      log(`[${name}] turn ${i + 1}/${spec.turns}: ttft ${Math.round(sample.ttftMs)} ms, total ${Math.round(sample.totalMs)} ms, ` +
        `${sample.llmCalls} model / ${sample.toolCalls} tool calls${sample.overheadMs !== null ? `, overhead ${sample.overheadMs} ms` : ""}`);
    }
    return samples;
  }
  return { spec, play, close };
}

function toSample(spec: LaneSpec, turn: number, status: number, events: ReceivedEvent[], sentAt: number): TurnSample {
  const done = events.find((e) => e.event === "done");
  const firstToken = events.find((e) => e.event === "token");
  if (status !== 200 || !done || !firstToken) {
    const error = events.find((e) => e.event === "error")?.data as { message?: string } | undefined;
    throw new Error(`${spec.flow} ${spec.scenario} turn ${turn} failed (HTTP ${status}): ${error?.message ?? "no done event"}`);
  }
  const metrics = (done.data as { metrics: TurnMetrics }).metrics;
  const tools = events.filter((e) => e.event === "tool").map((e) => e.data as { cached?: boolean; ok: boolean; error?: string });
  const attempted = tools.filter((t) => !t.cached);
  return {
    purpose: spec.purpose,
    flow: spec.flow,
    scenario: spec.scenario,
    preload: spec.preload,
    turn,
    ttftMs: round(firstToken.at - sentAt),
    totalMs: round(done.at - sentAt),
    llmCalls: metrics.llm_calls,
    modelRequests: null,
    toolCalls: metrics.tool_calls,
    toolCallsAttempted: attempted.length,
    toolCallsSkipped: attempted.filter((t) => !t.ok && t.error === SKIPPED_ERROR).length,
    inputTokens: metrics.input_tokens,
    outputTokens: metrics.output_tokens,
    repaired: metrics.repaired,
    modelTtftMs: null,
    overheadMs: null,
    backgroundCalls: 0,
  };
}

/** The error runWrites records for a call refused by the per-turn cap (lib/tools/runWrites.ts). */
const SKIPPED_ERROR = "tool-call cap for this turn reached; not run";

const round = (ms: number): number => Math.round(ms * 10) / 10;
