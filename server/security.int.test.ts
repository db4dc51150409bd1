import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";
import { createApp } from "./app.ts";

const ALICE = "alice-key-0123456789abcdef";
const BOB = "bob-key-0123456789abcdef";
const ADMIN = "admin-key-0123456789abcdef";
const KEYS = { QS_API_KEYS: `alice:${ALICE}, bob:${BOB}`, QS_ADMIN_KEY: ADMIN };
const NEVER_CREATED = "ses_aaaaaaaaaaaaaaaaaaaa";

/** Every API route under /sessions/:id, read from the app itself, so routes added later are covered too. */
function sessionRoutes(app: Express): Array<{ method: string; path: string }> {
  type Layer = { route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const found: Array<{ method: string; path: string }> = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      const p = layer.route?.path;
      if (typeof p === "string" && p.startsWith("/sessions/:id") && !p.includes("*")) {
        for (const method of Object.keys(layer.route!.methods)) found.push({ method: method.toUpperCase(), path: p });
      }
      if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

/** A request with any Host header (fetch does not let a caller set Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
  });
}

describe("API keys and ownership", () => {
  let server: TestServer;
  let aliceSession = "";
  let bobSession = "";

  beforeAll(async () => {
    server = await startTestServer({ ...KEYS, QS_CORS_ORIGINS: "https://game.example" });
    aliceSession = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" }, ALICE)).body.id;
    bobSession = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" }, BOB)).body.id;
    expect((await api(server.url, "POST", `/sessions/${aliceSession}/turns`, { input: "I share my water with Tomas Reed." }, ALICE)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 401 with a clear code without a valid key, except /health", async () => {
    for (const [method, route] of [["GET", "/sessions"], ["POST", "/sessions"], ["GET", "/scenarios"], ["GET", `/sessions/${aliceSession}`], ["GET", "/metrics"]]) {
      const res = await api(server.url, method, route, method === "POST" ? { scenario: "frontier-caravan" } : undefined);
      expect(res.status, route).toBe(401);
      expect(res.body.error.code).toBe("missing_api_key");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect((await api(server.url, "GET", "/sessions", undefined, "not-a-key-of-this-server")).body.error.code).toBe("invalid_api_key");
    const basic = await fetch(`${server.url}/sessions`, { headers: { authorization: "Basic YWxpY2U6eA==" } });
    expect(basic.status).toBe(401);
    expect(((await basic.json()) as { error: { code: string } }).error.code).toBe("malformed_authorization");
    const health = await api(server.url, "GET", "/health");
    expect(health.status).toBe(200);
    expect(health.body).not.toHaveProperty("data_dir"); // the server's paths are for the admin only
    expect((await api(server.url, "GET", "/health", undefined, ADMIN)).body).not.toHaveProperty("data_dir"); // no local paths, even for the admin
    // The page's own files are public: a browser must load them before it can ask for a key.
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect(await server.engine.sessions.count()).toBe(2); // the keyless POST created nothing
  });

  it("lists only the caller's sessions; the admin key lists all", async () => {
    const ids = async (key: string) => (await api(server.url, "GET", "/sessions", undefined, key)).body.items.map((s: { id: string }) => s.id);
    expect(await ids(ALICE)).toEqual([aliceSession]);
    expect(await ids(BOB)).toEqual([bobSession]);
    expect((await ids(ADMIN)).sort()).toEqual([aliceSession, bobSession].sort());
    const bobList = (await api(server.url, "GET", "/sessions", undefined, BOB)).body;
    expect(bobList.total).toBe(1);
    expect(JSON.stringify(bobList)).not.toContain(aliceSession);
  });

  it("answers 404 to another key on every /sessions/:id route, exactly as for an id that never existed", async () => {
    const routes = sessionRoutes(createApp(server.engine));
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        "GET /sessions/:id",
        "DELETE /sessions/:id",
        "POST /sessions/:id/turns",
        "POST /sessions/:id/turns/stream",
        "GET /sessions/:id/memories",
        "GET /sessions/:id/relationships",
        "GET /sessions/:id/relationships/graph",
        "GET /sessions/:id/enrichment",
        "GET /sessions/:id/metrics",
      ]),
    );
    const cases = routes.map((r) => ({ method: r.method, route: r.path }));
    cases.push({ method: "GET", route: "/sessions/:id/memories?query=water&k=3" }, { method: "GET", route: "/sessions/:id/memories?query=water&include_relationships=true" });
    for (const { method, route } of cases) {
      for (const body of method === "POST" ? [{ input: "I take everything." }, {}, "not json"] : [undefined]) {
        const foreign = await api(server.url, method, route.replace(":id", aliceSession), body, BOB);
        const unknown = await api(server.url, method, route.replace(":id", NEVER_CREATED), body, BOB);
        expect(foreign.status, `${method} ${route}`).toBe(404);
        expect(foreign.body.error.code).toBe("not_found");
        // Same answer, id aside: nothing tells "someone else's" from "no such session".
        expect(JSON.stringify(foreign.body).replaceAll(aliceSession, "<id>")).toBe(JSON.stringify(unknown.body).replaceAll(NEVER_CREATED, "<id>"));
        expect(foreign.headers.get("content-type")).toBe(unknown.headers.get("content-type"));
      }
    }
    // Alice's story is untouched: not deleted, not played.
    const mine = await api(server.url, "GET", `/sessions/${aliceSession}`, undefined, ALICE);
    expect(mine.status).toBe(200);
    expect(mine.body.turn).toBe(1);
    expect(JSON.stringify(mine.body)).not.toContain("I take everything");
  });

  it("lets the owner and the admin key use the story, and keeps the owner out of the views", async () => {
    const search = await api(server.url, "GET", `/sessions/${aliceSession}/memories?query=water`, undefined, ALICE);
    expect(search.status).toBe(200);
    expect(search.body.items.length).toBeGreaterThan(0);
    const asAdmin = await api(server.url, "GET", `/sessions/${aliceSession}`, undefined, ADMIN);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).not.toHaveProperty("owner");
    expect((await api(server.url, "GET", "/metrics", undefined, ALICE)).status).toBe(403);
    expect((await api(server.url, "GET", "/metrics", undefined, ADMIN)).status).toBe(200);
    expect((await api(server.url, "DELETE", `/sessions/${bobSession}`, undefined, BOB)).status).toBe(204);
    expect((await api(server.url, "GET", `/sessions/${bobSession}`, undefined, BOB)).status).toBe(404);
  });

  it("answers CORS only for the configured origins, preflights included", async () => {
    const allowed = await fetch(`${server.url}/health`, { headers: { origin: "https://game.example" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://game.example");
    const other = await fetch(`${server.url}/health`, { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${server.url}/sessions`, {
      method: "OPTIONS",
      headers: { origin: "https://game.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });
});

describe("rate limits and quotas", () => {
  let keyed: TestServer;
  let keyless: TestServer;
  const windowMs = { requests: 60_000, turns: 1000, sessions: 1000 };

  beforeAll(async () => {
    keyed = await startTestServer(
      { ...KEYS, QS_RATE_REQUESTS_PER_MIN: "50", QS_RATE_TURNS_PER_MIN: "2", QS_RATE_SESSIONS_PER_HOUR: "2", QS_MAX_SESSIONS_PER_KEY: "3" },
      { security: { windowMs } },
    );
    keyless = await startTestServer({ QS_RATE_SESSIONS_PER_HOUR: "1", QS_MAX_MEMORIES_PER_SESSION: "1" }, { security: { windowMs } });
  });
  afterAll(async () => {
    await keyed?.close();
    await keyless?.close();
  });

  const create = (server: TestServer, key?: string) => api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" }, key);

  it("limits new stories per key with 429 + Retry-After, per key, and recovers when the window ends", async () => {
    expect((await create(keyed, ALICE)).status).toBe(201);
    expect((await create(keyed, ALICE)).status).toBe(201);
    const limited = await create(keyed, ALICE);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("ratelimit-policy")).toMatch(/q=2/);
    expect((await create(keyed, BOB)).status).toBe(201); // Bob has his own budget
    await expect.poll(async () => (await create(keyed, ALICE)).status, { timeout: 10_000, interval: 200 }).toBe(201);
    // Alice now keeps 3 stories, the quota: waiting does not help, so no Retry-After.
    let quota: Awaited<ReturnType<typeof create>> | undefined;
    await expect.poll(async () => (quota = await create(keyed, ALICE)).body.error?.code, { timeout: 10_000, interval: 200 }).toBe("session_quota");
    expect(quota!.status).toBe(429);
    expect(quota!.headers.get("retry-after")).toBeNull();
    expect(await keyed.engine.sessions.countOwnedBy("alice")).toBe(3);
  });

  it("limits story actions per key with 429 + Retry-After and recovers", async () => {
    const id = (await api(keyed.url, "GET", "/sessions", undefined, BOB)).body.items[0].id;
    expect((await api(keyed.url, "POST", `/sessions/${id}/turns`, { input: "I look around." }, BOB)).status).toBe(200);
    expect((await api(keyed.url, "POST", `/sessions/${id}/turns`, {}, BOB)).status).toBe(400); // refused requests count too
    const limited = await api(keyed.url, "POST", `/sessions/${id}/turns/stream`, { input: "I look again." }, BOB);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(limited.body.error.message).toMatch(/QS_RATE_TURNS_PER_MIN/);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await api(keyed.url, "POST", `/sessions/${id}/turns`, { input: "I wait." }, BOB)).status, { timeout: 10_000, interval: 200 }).toBe(200);
  });

  it("counts failed key attempts per client address, so keys cannot be tried at full speed", async () => {
    for (let i = 0; i < 50; i++) expect((await api(keyed.url, "GET", "/sessions", undefined, `guess-${i}`)).status).toBe(401);
    const limited = await api(keyed.url, "GET", "/sessions", undefined, "guess-50");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
    expect((await api(keyed.url, "GET", "/sessions", undefined, ALICE)).status).toBe(200); // a key has its own budget
  });

  it("counts per client address without keys", async () => {
    expect((await create(keyless)).status).toBe(201);
    const limited = await create(keyless);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
  });

  it("refuses a turn with 429 memory_quota once the story holds the most memories allowed, and writes nothing", async () => {
    const id = (await api(keyless.url, "GET", "/sessions")).body.items[0].id;
    expect((await api(keyless.url, "POST", `/sessions/${id}/turns`, { input: "I share my water with Tomas Reed." })).status).toBe(200);
    const before = await api(keyless.url, "GET", `/sessions/${id}`);
    expect((await api(keyless.url, "GET", `/sessions/${id}/memories`)).body.total).toBeGreaterThanOrEqual(1);
    const refused = await api(keyless.url, "POST", `/sessions/${id}/turns`, { input: "I ride on." });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("memory_quota");
    expect((await api(keyless.url, "GET", `/sessions/${id}`)).body.turn).toBe(before.body.turn);
  });
});

describe("headers and the Host check", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends a strict Content-Security-Policy and the other security headers; no CORS by default", async () => {
    const res = await fetch(`${server.url}/`, { headers: { origin: "https://game.example" } });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect((await fetch(`${server.url}/sessions`)).headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("answers only to the loopback names on its own port (DNS rebinding)", async () => {
    const port = new URL(server.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await rawGet(`${server.url}/sessions`, { host })).status, host).toBe(200);
    }
    for (const host of [`attacker.example:${port}`, "attacker.example", `localhost:${Number(port) + 1}`]) {
      const res = await rawGet(`${server.url}/health`, { host });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe("host_not_allowed");
    }
    expect((await rawGet(`${server.url}/`, { host: "attacker.example" })).status).toBe(403); // the page too
  });
});

describe("listening on a public address", () => {
  it("refuses to start without keys, saying why", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-bind-"));
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: root,
      env: { ...process.env, HOST: "0.0.0.0", PORT: "0", QS_DATA_DIR: dataDir, QS_API_KEYS: "", QS_API_KEYS_FILE: "", QS_ADMIN_KEY: "", QS_ALLOW_PUBLIC_WITHOUT_KEYS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(output).toMatch(/refusing to listen on HOST=0\.0\.0\.0 without API keys/);
    expect(output).toMatch(/QS_ALLOW_PUBLIC_WITHOUT_KEYS=1/);
    expect(output).not.toMatch(/is serving/);
  });
});
