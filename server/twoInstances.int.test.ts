import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../lib/dev/testing/childServer.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../lib/dev/testing/postgres.ts";
import { api } from "../lib/dev/testing/server.ts";
import { readSse } from "../lib/dev/testing/sse.ts";

/**
 * Two server processes on one PostgreSQL database (QS_DATABASE_URL), each with its own data folder,
 * as behind a load balancer without sticky sessions: any instance serves any session, and a
 * session plays one turn at a time whichever instance is asked.
 */
const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)("two instances on one PostgreSQL database", () => {
  let cluster: TestPostgres;
  let a: ChildServer;
  let b: ChildServer;
  const dirs: string[] = [];
  const instance = (database: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qs-two-"));
    dirs.push(dir);
    // Tokens come slowly enough that a turn is still running when the other instance is asked.
    return startChildServer({ QS_DATABASE_URL: database, QS_DATA_DIR: dir, QS_OFFLINE_TOKEN_DELAY_MS: "8" });
  };

  beforeAll(async () => {
    cluster = await startTestPostgres();
    const database = await cluster.createDatabase();
    [a, b] = await Promise.all([instance(database), instance(database)]);
  });
  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await cluster?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const turnOf = async (url: string, id: string) => (await api(url, "GET", `/sessions/${id}`)).body.turn as number;

  it("a session created on A is listed and played on B, and A sees B's turn", async () => {
    const created = await api(a.url, "POST", "/sessions", { scenario: "frontier-caravan" });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect((await api(b.url, "GET", "/sessions")).body.items.map((s: { id: string }) => s.id)).toContain(id);
    const played = await api(b.url, "POST", `/sessions/${id}/turns`, { input: "I share my water with Tomas Reed." });
    expect([played.status, played.body.turn]).toEqual([200, 1]);
    expect(await turnOf(a.url, id)).toBe(1);
    const next = await api(a.url, "POST", `/sessions/${id}/turns`, { input: "I ask Old Bess about the raiders." });
    expect([next.status, next.body.turn]).toEqual([200, 2]);
    expect(await turnOf(b.url, id)).toBe(2);
  });

  it("simultaneous turns on one session through A and B: exactly one turn and one 409 session_busy", async () => {
    const id: string = (await api(a.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const answers = await Promise.all([a, b].map((s) => api(s.url, "POST", `/sessions/${id}/turns`, { input: "I ride ahead to Greyfall." })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.error.code).toBe("session_busy");
    expect(await turnOf(a.url, id)).toBe(1);
    expect(await turnOf(b.url, id)).toBe(1);
  });

  it("a delete or a streamed turn on B while A plays a turn is refused with 409; the session is not half-deleted", async () => {
    const id: string = (await api(a.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const res = await fetch(`${a.url}/sessions/${id}/turns/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: "We rest until dusk." }) });
    // Read by hand: leaving a for-await loop would cancel the stream, and with it A's turn.
    const events = readSse(res.body!)[Symbol.asyncIterator]();
    const nextEvent = async () => (await events.next()).value?.event as string | undefined;
    for (let e = await nextEvent(); e !== "token"; e = await nextEvent()) expect(e).toBeDefined(); // A holds the session now
    const refused = await api(b.url, "DELETE", `/sessions/${id}`);
    expect([refused.status, refused.body.error?.code]).toEqual([409, "session_busy"]);
    // A stream on B is refused before it starts: a plain 409, not an error event.
    const stream = await fetch(`${b.url}/sessions/${id}/turns/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: "Me too." }) });
    expect(stream.status).toBe(409);
    let last: string | undefined;
    for (let e = await nextEvent(); e !== undefined; e = await nextEvent()) last = e;
    expect(last).toBe("done");
    expect(await turnOf(b.url, id)).toBe(1);
    expect((await api(b.url, "DELETE", `/sessions/${id}`)).status).toBe(204);
    expect((await api(a.url, "GET", `/sessions/${id}`)).status).toBe(404);
  });

  it("turns played on A are paged, rewound and regenerated on B; A plays on from the rewound story", async () => {
    const id: string = (await api(a.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    for (const input of ["I look around the camp.", "I ask Tomas about the road.", "I check the wagons."]) {
      expect((await api(a.url, "POST", `/sessions/${id}/turns`, { input })).status).toBe(200);
    }
    expect((await api(b.url, "GET", `/sessions/${id}/turns?limit=10`)).body.items.map((t: { input: string }) => t.input)).toEqual([
      "I check the wagons.",
      "I ask Tomas about the road.",
      "I look around the camp.",
    ]);
    expect((await api(b.url, "POST", `/sessions/${id}/rewind`, { turn: 1 })).body.turn).toBe(1);
    const again = await api(b.url, "POST", `/sessions/${id}/regenerate`, {});
    expect([again.status, again.body.turn, again.body.input]).toEqual([200, 1, "I look around the camp."]);
    const next = await api(a.url, "POST", `/sessions/${id}/turns`, { input: "We ride on." });
    expect([next.status, next.body.turn]).toEqual([200, 2]);
    expect((await api(b.url, "GET", `/sessions/${id}/turns?limit=10`)).body.items.map((t: { turn: number }) => t.turn)).toEqual([2, 1]);
  });

  it("memories written by a turn on A are listed and found by a search on B, and B's turn adds to what A sees", async () => {
    const id: string = (await api(a.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const memoriesOn = async (url: string) => (await api(url, "GET", `/sessions/${id}/memories?limit=200`)).body as { items: Array<{ id: string; content: string }>; total: number };
    // B opens the session's memory (and builds its indexes) before A writes, so B must catch up.
    expect((await memoriesOn(b.url)).total).toBe(0);
    expect((await api(a.url, "POST", `/sessions/${id}/turns`, { input: "I share my water with Tomas Reed." })).status).toBe(200);
    const onA = await memoriesOn(a.url);
    expect(onA.total).toBeGreaterThan(0);
    const onB = await memoriesOn(b.url);
    expect(onB.items.map((m) => m.id).sort()).toEqual(onA.items.map((m) => m.id).sort());
    const target = onA.items[0];
    const found = await api(b.url, "GET", `/sessions/${id}/memories?query=${encodeURIComponent(target.content)}&k=3`);
    expect(found.body.items.map((h: { memory: { id: string } }) => h.memory.id)).toContain(target.id);
    expect((await api(b.url, "POST", `/sessions/${id}/turns`, { input: "I ask Old Bess about the raiders." })).status).toBe(200);
    expect((await memoriesOn(a.url)).total).toBe((await memoriesOn(b.url)).total);
    expect((await memoriesOn(a.url)).total).toBeGreaterThan(onA.total);
  });

  it("kill -9 of A mid-turn leaves the session at its previous turn, and B serves and plays it", async () => {
    const id: string = (await api(a.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    expect((await api(a.url, "POST", `/sessions/${id}/turns`, { input: "I look around the camp." })).status).toBe(200);
    const res = await fetch(`${a.url}/sessions/${id}/turns/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: "I check the wagons." }) });
    const exited = new Promise((resolve) => a.child.once("exit", resolve));
    try {
      for await (const e of readSse(res.body!)) {
        if (e.event === "token") {
          a.child.kill("SIGKILL");
          break;
        }
      }
    } catch {
      // the stream broke with the process: expected
    }
    await exited;
    expect(await turnOf(b.url, id)).toBe(1);
    // A's lock died with its connection: B takes the session at once.
    const played = await api(b.url, "POST", `/sessions/${id}/turns`, { input: "I check the wagons." });
    expect([played.status, played.body.turn]).toEqual([200, 2]);
    expect((await api(b.url, "GET", `/sessions/${id}`)).body.turn).toBe(2);
  });
});
