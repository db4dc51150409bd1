import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSse, type ReceivedEvent } from "../lib/dev/testing/sse.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

describe("bad input gets a clear 4xx and writes nothing", () => {
  let server: TestServer;
  let id: string;
  const sessionsDir = () => path.join(server.dataDir, "sessions");

  beforeAll(async () => {
    server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "15" });
    id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
  });
  afterAll(async () => server?.close());

  const unchanged = async () => {
    const s = await api(server.url, "GET", `/sessions/${id}`);
    expect(s.body.turn).toBe(0);
    expect(s.body.history).toEqual([]);
    expect(readdirSync(sessionsDir()).filter((f) => f !== id)).toEqual([]);
  };

  it("malformed JSON → 400 malformed_json", async () => {
    const r = await api(server.url, "POST", `/sessions/${id}/turns`, "{not json");
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("malformed_json");
    await unchanged();
  });

  it("schema violations → 400 listing every problem", async () => {
    const r = await api(server.url, "POST", `/sessions/${id}/turns`, { input: 42, mood: "x" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.details.join("\n")).toMatch(/input/);
    expect(r.body.error.details.join("\n")).toMatch(/mood/);
    const empty = await api(server.url, "POST", `/sessions/${id}/turns/stream`, { input: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toContain("input: input must not be empty");
    await unchanged();
  });

  it("input over 2000 characters → 400; body over 64 KB → 413", async () => {
    const long = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "a".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.error.details).toContain("input: input is longer than 2000 characters");
    const huge = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "a", pad: "x".repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("body_too_large");
    await unchanged();
  });

  it("ids that are not the server's format → 400 before any file access", async () => {
    for (const bad of ["..%2F..%2Fetc", "ses_short", "SES_AAAAAAAAAAAAAAAAAAAA", "ses_aaaaaaaaaaaaaaaaaaa1"]) {
      for (const [method, route] of [
        ["GET", `/sessions/${bad}`],
        ["DELETE", `/sessions/${bad}`],
        ["POST", `/sessions/${bad}/turns`],
        ["GET", `/sessions/${bad}/memories?query=x`],
      ] as const) {
        const r = await api(server.url, method, route, method === "POST" ? { input: "hi" } : undefined);
        expect(r.status, `${method} ${route}`).toBe(400);
        expect(r.body.error.code).toBe("invalid_session_id");
      }
    }
    await unchanged();
  });

  it("unknown sessions → 404, unknown scenarios and bad inline scenarios → 400", async () => {
    const unknown = "ses_aaaaaaaaaaaaaaaaaaaa";
    expect((await api(server.url, "POST", `/sessions/${unknown}/turns`, { input: "hi" })).status).toBe(404);
    expect((await api(server.url, "POST", `/sessions/${unknown}/turns/stream`, { input: "hi" })).status).toBe(404);
    expect((await api(server.url, "GET", `/sessions/${unknown}/relationships`)).status).toBe(404);
    expect(existsSync(path.join(sessionsDir(), unknown))).toBe(false);

    const scenario = await api(server.url, "POST", "/sessions", { scenario: "../../etc/passwd" });
    expect(scenario.status).toBe(400);
    expect(scenario.body.error.code).toBe("unknown_scenario");
    const inline = await api(server.url, "POST", "/sessions", { scenario: { title: "x", entities: [] } });
    expect(inline.status).toBe(400);
    expect(inline.body.error.details.some((d: string) => d.startsWith("scenario.premise"))).toBe(true);
    const list = await api(server.url, "GET", "/sessions");
    expect(list.body.total).toBe(1);
    await unchanged();
  });

  it("a second turn on a busy session → 409; other sessions still play", async () => {
    const other = (await api(server.url, "POST", "/sessions", { scenario: "harbour-intrigue" })).body.id;
    const res = await fetch(`${server.url}/sessions/${id}/turns/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "I ride ahead to scout the dust on the horizon." }),
    });
    expect(res.status).toBe(200);
    const stream = readSse(res.body!);
    const events: ReceivedEvent[] = [];
    // The first turn is running once its `start` event has arrived.
    for (let next = await stream.next(); !next.done; next = await stream.next()) {
      events.push(next.value);
      if (next.value.event === "start") break;
    }
    expect(events.map((e) => e.event)).toEqual(["start"]);

    const second = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I wait." });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("session_busy");
    const secondStream = await api(server.url, "POST", `/sessions/${id}/turns/stream`, { input: "I wait." });
    expect(secondStream.status).toBe(409);
    expect(secondStream.body.error.code).toBe("session_busy");
    const concurrent = await api(server.url, "POST", `/sessions/${other}/turns`, { input: "I watch the fog roll in." });
    expect(concurrent.status).toBe(200);

    for await (const e of stream) events.push(e);
    expect(events.at(-1)?.event).toBe("done");
    expect(events.map((e) => e.event)).not.toContain("error");
    const s = await api(server.url, "GET", `/sessions/${id}`);
    expect(s.body.turn).toBe(1);
    expect(s.body.history).toHaveLength(1);
  });
});
