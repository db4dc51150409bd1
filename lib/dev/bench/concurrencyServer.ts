/**
 * The server process of the concurrency lane: the product's app and engine on a simulated model
 * endpoint, with its own event-loop delay monitor and RSS sampler. Started by dev/bench/concurrency.ts
 * with an IPC channel: it sends {port} when listening, answers "reset" (start a measuring window)
 * and "stats" (event-loop delay and RSS over the window), and exits on "stop".
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { StoryEngine } from "../../sessions/engine.ts";
import { createApp } from "../../../server/app.ts";
import { BENCH_SERVER_ENV } from "./benchEnv.ts";
import { simulatedModelEnv } from "../simulator/openaiServer.ts";

/** What the server process reports for one measuring window. */
export interface ServerWindowStats {
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** The server process's CPU time (user + system) over the window, in ms: less sensitive to a shared machine than wall time. */
  cpuMs: number;
}

export type ServerMessage = { type: "listening"; port: number } | { type: "stats"; stats: ServerWindowStats };
export type ControlMessage = { type: "reset" } | { type: "stats" } | { type: "stop" };

/**
 * With QS_BENCH_CPU_PROF=<folder>, a V8 CPU profile of each measuring window (reset → stats) is written
 * there as window-<n>.cpuprofile: start-up and session creation stay out of it.
 */
function windowProfiler(dir: string | undefined): { start(): Promise<void>; stop(): Promise<void> } {
  if (!dir) return { start: async () => {}, stop: async () => {} };
  const session = new Session();
  session.connect();
  let windows = 0;
  let running = false;
  return {
    async start() {
      if (running) await session.post("Profiler.stop");
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      const { profile } = await session.post("Profiler.stop");
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `window-${++windows}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (ns: number): number => Math.round((ns / 1e6) * 100) / 100;

async function main(modelUrl: string): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-bench-conc-"));
  const env = loadEnv({
    QS_DATA_DIR: dataDir,
    ...simulatedModelEnv(modelUrl),
    ...BENCH_SERVER_ENV,
  });
  const engine = await StoryEngine.open(env, silentLogger);
  await engine.warmUp();
  const server: Server = await new Promise((resolve) => {
    const s = createApp(engine).listen(0, "127.0.0.1", () => resolve(s));
  });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let rssPeak = process.memoryUsage.rss();
  let cpuAtReset = process.cpuUsage();
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 100);
  const send = (m: ServerMessage) => process.send?.(m);
  const profiler = windowProfiler(process.env.QS_BENCH_CPU_PROF);
  process.on("message", async (m: ControlMessage) => {
    if (m.type === "reset") {
      await profiler.start();
      histogram.reset();
      rssPeak = process.memoryUsage.rss();
      cpuAtReset = process.cpuUsage();
    } else if (m.type === "stats") {
      const cpu = process.cpuUsage(cpuAtReset);
      await profiler.stop();
      send({ type: "stats", stats: { loopDelayP50Ms: ms(histogram.percentile(50)), loopDelayP99Ms: ms(histogram.percentile(99)), loopDelayMaxMs: ms(histogram.max), rssPeakMb: mb(rssPeak), rssEndMb: mb(process.memoryUsage.rss()), cpuMs: Math.round((cpu.user + cpu.system) / 1000) } });
    } else if (m.type === "stop") {
      clearInterval(sampler);
      histogram.disable();
      server.closeAllConnections();
      server.close();
      void engine.close(1000).then(() => rm(dataDir, { recursive: true, force: true })).then(() => process.exit(0));
    }
  });
  const address = server.address();
  send({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
}

main(process.argv[2] ?? "").catch((error: unknown) => {
  process.stderr.write(`concurrency server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
