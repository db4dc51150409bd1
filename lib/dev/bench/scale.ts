/**
 * `npm run bench -- scale`: the same load on SQLite × 1 instance, PostgreSQL × 1 and PostgreSQL × 2
 * (client-side spread: each turn goes to the next instance, so a session's turns alternate). The
 * simulated model answers with no latency (TTFT 0, 0 ms/token), so the engine is the bottleneck:
 * turn time here is engine overhead plus the simulator's own cost. Instances are server child
 * processes; PostgreSQL is a throwaway cluster from Debian's package.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { summarize, type SeriesSummary } from "../../metrics/stats.ts";
import { simulatedModelEnv, startSimulatedModelServer } from "../simulator/openaiServer.ts";
import { startChildServer, type ChildServer } from "../testing/childServer.ts";
import { startTestPostgres } from "../testing/postgres.ts";
import { BENCH_SERVER_ENV } from "./benchEnv.ts";
import { machineInfo } from "./flows.ts";
import { benchScript } from "./scripts.ts";
import { SCENARIOS, STORY } from "./story.ts";
import { markdownTable } from "./table.ts";

export interface ScaleRow {
  setup: string;
  instances: number;
  sessions: number;
  turns: number;
  failed: number;
  turnsPerSecond: number;
  turnMs: SeriesSummary;
}

const SETUPS = [
  { setup: "SQLite × 1", instances: 1, postgres: false },
  { setup: "PostgreSQL × 1", instances: 1, postgres: true },
  { setup: "PostgreSQL × 2", instances: 2, postgres: true },
];

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export async function runScaleBench(opts: { sessions?: number; turnsPerSession?: number; log: (line: string) => void }) {
  const sessions = opts.sessions ?? 50;
  const turnsPerSession = opts.turnsPerSession ?? 3;
  const sim = await startSimulatedModelServer({ latency: { ttftMs: 0, perTokenMs: 0, prefillMsPer1kInputTokens: 0, jitter: 0 }, script: benchScript });
  const cluster = await startTestPostgres();
  const rows: ScaleRow[] = [];
  try {
    for (const { setup, instances, postgres } of SETUPS) {
      const database = postgres ? await cluster.createDatabase() : undefined;
      const dirs = await Promise.all(Array.from({ length: instances }, () => mkdtemp(path.join(os.tmpdir(), "qs-bench-scale-"))));
      const servers: ChildServer[] = await Promise.all(
        dirs.map((dir) =>
          startChildServer({
            QS_DATA_DIR: dir,
            ...(database ? { QS_DATABASE_URL: database } : {}),
            ...simulatedModelEnv(sim.baseURL),
            ...BENCH_SERVER_ENV,
          }),
        ),
      );
      try {
        const scenarioOf = (k: number) => SCENARIOS[k % SCENARIOS.length];
        const ids: string[] = [];
        for (let k = 0; k < sessions; k++) {
          const res = await post(`${servers[k % instances].url}/sessions`, { scenario: scenarioOf(k) });
          ids.push(((await res.json()) as { id: string }).id);
        }
        // One warm-up turn per instance (first-turn costs: encoder, lexicon, connections).
        await Promise.all(servers.map((s, i) => post(`${s.url}/sessions/${ids[i]}/turns`, { input: "I look around." })));
        const times: number[] = [];
        let failed = 0;
        const started = performance.now();
        await Promise.all(
          ids.map(async (id, k) => {
            const steps = STORY[scenarioOf(k)].slice(1, 1 + turnsPerSession);
            for (const [t, step] of steps.entries()) {
              const sent = performance.now();
              const res = await post(`${servers[(k + t) % instances].url}/sessions/${id}/turns`, { input: step.input });
              await res.arrayBuffer();
              if (res.status === 200) times.push(performance.now() - sent);
              else failed++;
            }
          }),
        );
        const wallS = (performance.now() - started) / 1000;
        const row: ScaleRow = { setup, instances, sessions, turns: times.length, failed, turnsPerSecond: Math.round((times.length / wallS) * 100) / 100, turnMs: summarize(times) };
        rows.push(row);
        opts.log(`[scale] ${setup}: ${row.turnsPerSecond} turns/s, turn p50 ${row.turnMs.p50} ms, p95 ${row.turnMs.p95} ms, ${failed} failed`);
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
        await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
      }
    }
  } finally {
    await cluster.stop();
    await sim.close();
  }
  const pg1 = rows.find((r) => r.setup === "PostgreSQL × 1")?.turnsPerSecond ?? 0;
  const pg2 = rows.find((r) => r.setup === "PostgreSQL × 2")?.turnsPerSecond ?? 0;
  const table = markdownTable(
    ["setup", "turns", "failed", "turns/s", "turn p50 ms", "turn p95 ms"],
    rows.map((r) => [r.setup, String(r.turns), String(r.failed), String(r.turnsPerSecond), String(r.turnMs.p50), String(r.turnMs.p95)]),
  );
  const summary = [
    `Model: simulated OpenAI-compatible server, TTFT 0 ms, 0 ms/token, no jitter (the engine is the bottleneck); ${sessions} concurrent sessions × ${turnsPerSession} turns, JSON turn route; instances are child processes on this machine; PostgreSQL × 2 / × 1 = ${pg1 ? (pg2 / pg1).toFixed(2) : "n/a"}.`,
    "",
    table,
  ].join("\n");
  return { model: "simulated (0 ms TTFT, 0 ms/token)", machine: machineInfo(), rows, ratioPg2OverPg1: pg1 ? pg2 / pg1 : null, summary };
}
