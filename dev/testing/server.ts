import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { loadEnv } from "../../lib/config/env.ts";
import { silentLogger } from "../../lib/config/logger.ts";
import { createApp } from "../../server/app.ts";
import { StoryEngine } from "../../lib/sessions/engine.ts";

/** A real engine + HTTP server on a random port with its own temporary data folder. */
export interface TestServer {
  url: string;
  engine: StoryEngine;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts one; pass `dataDir` to reopen an existing data folder (it is then kept on close). */
export async function startTestServer(env: Record<string, string> = {}, opts: { dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "qs-test-"));
  const engine = StoryEngine.open(loadEnv({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "1", ...env }), silentLogger);
  await engine.warmUp();
  const server: Server = await new Promise((resolve) => {
    const s = createApp(engine).listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    dataDir,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await engine.close(1000);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON helper for tests: method, path, body → status and parsed body. */
export async function api(base: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: TestJson }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Parsed JSON in tests: loosely typed on purpose, each test asserts the shape it needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestJson = any;
