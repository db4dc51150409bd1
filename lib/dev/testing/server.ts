import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import pg from "pg";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { createApp } from "../../../server/app.ts";
import type { SecurityOptions } from "../../../server/security/index.ts";
import { StoryEngine } from "../../sessions/engine.ts";

/** A real engine + HTTP server on a random port with its own temporary data folder. */
export interface TestServer {
  url: string;
  engine: StoryEngine;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * With QS_TEST_POSTGRES_URL (a cluster's admin connection string), every test server runs on the
 * PostgreSQL back end: one database per data folder, created on first use, so a server reopened on
 * the same folder finds its sessions again. This runs the existing suites against both back ends.
 */
async function testDatabaseFor(dataDir: string): Promise<{ QS_DATABASE_URL?: string }> {
  const admin = process.env.QS_TEST_POSTGRES_URL;
  if (!admin) return {};
  const name = `qs_${createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { QS_DATABASE_URL: url.toString() };
}

/**
 * Starts one; pass `dataDir` to reopen an existing data folder (it is then kept on close), and
 * `security` to shorten rate-limit windows.
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { dataDir?: string; security?: SecurityOptions } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "qs-test-"));
  const database = await testDatabaseFor(dataDir);
  const engine = await StoryEngine.open(loadEnv({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "1", ...database, ...env }), silentLogger);
  await engine.warmUp();
  const server: Server = await new Promise((resolve) => {
    const s = createApp(engine, { security: opts.security }).listen(0, "127.0.0.1", () => resolve(s));
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

/** JSON helper for tests: method, path, body (and an API key) → status, parsed body and headers. */
export async function api(
  base: string,
  method: string,
  route: string,
  body?: unknown,
  key?: string,
): Promise<{ status: number; body: TestJson; headers: Headers }> {
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${base}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text || undefined;
  return { status: res.status, body: json, headers: res.headers };
}

/** Parsed JSON in tests: loosely typed on purpose, each test asserts the shape it needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestJson = any;
