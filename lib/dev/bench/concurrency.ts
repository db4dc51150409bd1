/**
 * Concurrency lane: 1, 10 and 50 sessions playing at once on ONE server process (the product's app,
 * dev/bench/concurrencyServer.ts) against the simulated model server (in this process, with the
 * clients). Per level: engine overhead (client TTFT − the model's own TTFT for the turn's narrate
 * call) p50/p95, turns per second, the server's event-loop delay p99 (perf_hooks
 * monitorEventLoopDelay, 10 ms resolution) and its RSS.
 *
 * Sessions are created before each level's measuring window opens. Every session plays the same scripted story from its first step, so the narrate calls of one step
 * are identical across sessions; the simulator runs with jitter 0, so each such call has the same
 * planned TTFT, and a turn is paired with a narrate call of its input in arrival order.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { summarize, type SeriesSummary } from "../../metrics/stats.ts";
import { lastUserText } from "../simulator/scripts.ts";
import { startSimulatedModelServer, type LatencyOptions, type SimulatedModelServer } from "../simulator/openaiServer.ts";
import { streamTurn } from "../testing/sse.ts";
import type { ControlMessage, ServerMessage, ServerWindowStats } from "./concurrencyServer.ts";
import { machineInfo } from "./flows.ts";
import { benchScript, flowOf, playerAction } from "./scripts.ts";
import { SCENARIOS, STORY } from "./story.ts";
import { markdownTable } from "./table.ts";

export interface ConcurrencyOptions {
  latency: LatencyOptions;
  levels: number[];
  turnsPerSession: number;
  log: (line: string) => void;
}

export interface ConcurrencyRow extends ServerWindowStats {
  sessions: number;
  turns: number;
  failedTurns: number;
  wallMs: number;
  turnsPerSecond: number;
  /** The server's CPU time over the window divided by the turns played (all of a turn's work, enrichment included). */
  cpuMsPerTurn: number;
  overheadMs: SeriesSummary;
  ttftMs: SeriesSummary;
  modelTtftMs: SeriesSummary;
}

export interface ConcurrencyReport {
  lane: "concurrency";
  model: string;
  latency: LatencyOptions;
  machine: ReturnType<typeof machineInfo>;
  date: string;
  turnsPerSession: number;
  rows: ConcurrencyRow[];
  targets: Array<{ name: string; target: string; value: string; result: "PASS" | "MISS" }>;
  summary: string;
}

interface PlayedTurn {
  input: string;
  sentAt: number;
  firstTokenAt: number | null;
  ok: boolean;
}

const SERVER_SCRIPT = fileURLToPath(new URL("./concurrencyServer.ts", import.meta.url));

/** Starts the server process and resolves once it listens. */
function startServer(modelUrl: string): Promise<{ child: ChildProcess; url: string; stats(): Promise<ServerWindowStats>; reset(): void; stop(): Promise<void> }> {
  const child = fork(SERVER_SCRIPT, [modelUrl], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const control = (m: ControlMessage) => child.send(m);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the concurrency server exited with ${code} before listening`)));
    child.once("message", (m: ServerMessage) => {
      if (m.type !== "listening") return reject(new Error("unexpected first message from the concurrency server"));
      child.removeAllListeners("exit");
      resolve({
        child,
        url: `http://127.0.0.1:${m.port}`,
        reset: () => control({ type: "reset" }),
        stats: () =>
          new Promise((res) => {
            const on = (msg: ServerMessage) => {
              if (msg.type !== "stats") return;
              child.off("message", on);
              res(msg.stats);
            };
            child.on("message", on);
            control({ type: "stats" });
          }),
        stop: () =>
          new Promise((res) => {
            child.once("exit", () => res());
            control({ type: "stop" });
          }),
      });
    });
  });
}

async function createSession(url: string, scenario: string): Promise<string> {
  const res = await fetch(`${url}/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario }) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST /sessions answered ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

async function playSession(url: string, id: string, scenario: (typeof SCENARIOS)[number], turns: number): Promise<PlayedTurn[]> {
  const played: PlayedTurn[] = [];
  for (const step of STORY[scenario].slice(0, turns)) {
    const { status, events, sentAt } = await streamTurn(url, id, step.input);
    const first = events.find((e) => e.event === "token");
    played.push({ input: step.input, sentAt, firstTokenAt: first?.at ?? null, ok: status === 200 && events.some((e) => e.event === "done") });
  }
  return played;
}

/** Pairs each turn with a narrate call of the same input, both in time order; returns the model TTFT per turn. */
function modelTtftPerTurn(sim: SimulatedModelServer, turns: PlayedTurn[]): Array<number | null> {
  const calls = new Map<string, number[]>();
  sim.requests.forEach((req, i) => {
    const call = sim.calls[i];
    if (flowOf(req) !== "narrate" || call?.outcome !== "ok" || call.firstPieceAt === undefined) return;
    const input = playerAction(lastUserText(req));
    calls.set(input, [...(calls.get(input) ?? []), i]);
  });
  for (const list of calls.values()) list.sort((a, b) => (sim.calls[a].firstPieceAt ?? 0) - (sim.calls[b].firstPieceAt ?? 0));
  const order = turns.map((t, i) => i).filter((i) => turns[i].firstTokenAt !== null).sort((a, b) => (turns[a].firstTokenAt ?? 0) - (turns[b].firstTokenAt ?? 0));
  const out: Array<number | null> = turns.map(() => null);
  for (const i of order) {
    const k = calls.get(turns[i].input)?.shift();
    if (k !== undefined) out[i] = (sim.calls[k].firstPieceAt ?? 0) - sim.calls[k].startedAt;
  }
  return out;
}

export async function runConcurrencyBench(opts: ConcurrencyOptions): Promise<ConcurrencyReport> {
  const latency: LatencyOptions = { ...opts.latency, jitter: 0 };
  const sim = await startSimulatedModelServer({ latency, script: benchScript });
  const server = await startServer(sim.baseURL);
  const rows: ConcurrencyRow[] = [];
  try {
    sim.setLatency({});
    await playSession(server.url, await createSession(server.url, SCENARIOS[0]), SCENARIOS[0], 1);
    sim.setLatency(latency);
    for (const sessions of opts.levels) {
      // Sessions are created before the window opens: the window measures turns only.
      const scenarioOf = (k: number) => SCENARIOS[k % SCENARIOS.length];
      const ids = await Promise.all(Array.from({ length: sessions }, (_, k) => createSession(server.url, scenarioOf(k))));
      sim.reset();
      server.reset();
      const started = performance.now();
      const played = (await Promise.all(ids.map((id, k) => playSession(server.url, id, scenarioOf(k), opts.turnsPerSession)))).flat();
      const wallMs = performance.now() - started;
      const stats = await server.stats();
      const model = modelTtftPerTurn(sim, played);
      const ttft = played.map((t) => (t.firstTokenAt === null ? null : t.firstTokenAt - t.sentAt));
      const ok = played.filter((t) => t.ok).length;
      const row: ConcurrencyRow = {
        sessions,
        turns: played.length,
        failedTurns: played.length - ok,
        wallMs: Math.round(wallMs),
        turnsPerSecond: Math.round((ok / (wallMs / 1000)) * 100) / 100,
        cpuMsPerTurn: Math.round((stats.cpuMs / Math.max(1, played.length)) * 10) / 10,
        overheadMs: summarize(ttft.map((t, i) => (t === null || model[i] === null ? null : t - (model[i] as number)))),
        ttftMs: summarize(ttft),
        modelTtftMs: summarize(model),
        ...stats,
      };
      rows.push(row);
      opts.log(`[concurrency] ${sessions} sessions: ${row.turns} turns (${row.failedTurns} failed), overhead p95 ${row.overheadMs.p95} ms, ` +
        `loop delay p99 ${row.loopDelayP99Ms} ms, CPU ${row.cpuMsPerTurn} ms/turn, ${row.turnsPerSecond} turns/s, RSS peak ${row.rssPeakMb} MB`);
    }
  } finally {
    await server.stop();
    await sim.close();
  }
  const model = `simulated model server: ttft ${latency.ttftMs ?? 0} ms, ${latency.perTokenMs ?? 0} ms/token, prefill ${latency.prefillMsPer1kInputTokens ?? 0} ms/1k, jitter 0`;
  const top = rows.find((r) => r.sessions === Math.max(...opts.levels));
  const targets: ConcurrencyReport["targets"] = top
    ? [
        { name: `engine overhead p95 at ${top.sessions} sessions`, target: "≤ 100 ms", value: `${top.overheadMs.p95} ms`, result: (top.overheadMs.p95 ?? Infinity) <= 100 ? "PASS" : "MISS" },
        { name: `event-loop delay p99 at ${top.sessions} sessions`, target: "≤ 50 ms", value: `${top.loopDelayP99Ms} ms`, result: top.loopDelayP99Ms <= 50 ? "PASS" : "MISS" },
        { name: `failed turns at ${top.sessions} sessions`, target: "0", value: String(top.failedTurns), result: top.failedTurns === 0 ? "PASS" : "MISS" },
      ]
    : [];
  const report: Omit<ConcurrencyReport, "summary"> = { lane: "concurrency", model, latency, machine: machineInfo(), date: new Date().toISOString(), turnsPerSession: opts.turnsPerSession, rows, targets };
  return { ...report, summary: formatConcurrency(report) };
}

const n = (v: number | null, d = 1): string => (v === null ? "–" : v.toFixed(d));

export function formatConcurrency(r: Omit<ConcurrencyReport, "summary">): string {
  return [
    `Concurrency — one server process, ${r.model}; ${r.turnsPerSession} turns per session; node ${r.machine.node}, ${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.date}`,
    "",
    markdownTable(
      ["sessions", "turns", "failed", "turns/s", "engine CPU ms/turn", "overhead p50 (ms)", "overhead p95 (ms)", "client TTFT p50 (ms)", "model TTFT p50 (ms)", "loop delay p99 (ms)", "loop delay max (ms)", "RSS peak (MB)"],
      r.rows.map((x) => [String(x.sessions), String(x.turns), String(x.failedTurns), n(x.turnsPerSecond, 2), n(x.cpuMsPerTurn), n(x.overheadMs.p50), n(x.overheadMs.p95), n(x.ttftMs.p50, 0), n(x.modelTtftMs.p50, 0), n(x.loopDelayP99Ms), n(x.loopDelayMaxMs), n(x.rssPeakMb)]),
    ),
    "",
    markdownTable(["target", "goal", "measured", "result"], r.targets.map((t) => [t.name, t.target, t.value, t.result])),
  ].join("\n");
}
