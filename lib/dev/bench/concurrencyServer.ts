/**
 * The server process of the concurrency lane: the product's app and engine on a simulated model
 * endpoint, with its own event-loop delay monitor and RSS sampler. Started by dev/bench/concurrency.ts
 * with an IPC channel: it sends {port} when listening, answers "reset" (start a measuring window)
 * and "stats" (event-loop delay and RSS over the window), and exits on "stop".
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { StoryEngine } from "../../sessions/engine.ts";
import { createApp } from "../../../server/app.ts";

/** What the server process reports for one measuring window. */
export interface ServerWindowStats {
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssPeakMb: number;
  rssEndMb: number;
}

export type ServerMessage = { type: "listening"; port: number } | { type: "stats"; stats: ServerWindowStats };
export type ControlMessage = { type: "reset" } | { type: "stats" } | { type: "stop" };

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (ns: number): number => Math.round((ns / 1e6) * 100) / 100;

async function main(modelUrl: string): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-bench-conc-"));
  const env = loadEnv({
    QS_DATA_DIR: dataDir,
    QS_MODEL_PROVIDER: "openai",
    OPENAI_BASE_URL: modelUrl,
    OPENAI_API_KEY: "sim",
    QS_MODEL: "sim-model",
    QS_TURN_TIMEOUT_MS: "600000",
    QS_MODEL_TIMEOUT_MS: "120000",
  });
  const engine = await StoryEngine.open(env, silentLogger);
  await engine.warmUp();
  const server: Server = await new Promise((resolve) => {
    const s = createApp(engine).listen(0, "127.0.0.1", () => resolve(s));
  });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let rssPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 100);
  const send = (m: ServerMessage) => process.send?.(m);
  process.on("message", (m: ControlMessage) => {
    if (m.type === "reset") {
      histogram.reset();
      rssPeak = process.memoryUsage.rss();
    } else if (m.type === "stats") {
      send({ type: "stats", stats: { loopDelayP50Ms: ms(histogram.percentile(50)), loopDelayP99Ms: ms(histogram.percentile(99)), loopDelayMaxMs: ms(histogram.max), rssPeakMb: mb(rssPeak), rssEndMb: mb(process.memoryUsage.rss()) } });
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
