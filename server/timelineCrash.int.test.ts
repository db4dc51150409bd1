import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../lib/dev/testing/childServer.ts";
import { api } from "../lib/dev/testing/server.ts";

const INPUTS = [
  "I ride ahead to scout the dust on the horizon.",
  "I share my water with Tomas Reed.",
  "I ask Old Bess who sold the route.",
  "I warn Captain Ilse Dorn that Okoro knows the raiders.",
];

/** Sends a request the server dies in (it SIGKILLs itself at the crash point) and waits for the exit. */
async function crashDuring(child: ChildServer, route: string, body: unknown): Promise<void> {
  const exited = new Promise((resolve) => child.child.once("exit", (_code, signal) => resolve(signal)));
  await expect(api(child.url, "POST", route, body)).rejects.toThrow();
  expect(await exited).toBe("SIGKILL");
}

const turnsOf = async (url: string, id: string) => (await api(url, "GET", `/sessions/${id}/turns?limit=100`)).body.items.map((t: { turn: number }) => t.turn);

/** Memory turns straight from the session's doc table (the server is stopped when this reads). */
function memoryTurns(dataDir: string, id: string): number[] {
  const file = path.join(dataDir, "sessions", id, "memory", "docs.sqlite");
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT DISTINCT turn FROM memories ORDER BY turn").pluck().all() as number[];
  } finally {
    db.close();
  }
}

/** The real server killed with SIGKILL in the middle of a rewind and of a fork, then started again. */
describe("crash consistency of rewind and fork", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-crash-"));
  let child: ChildServer | undefined;
  afterAll(async () => {
    await child?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("leaves the session after the rewind, and no trace of an unfinished fork", async () => {
    child = await startChildServer({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "0", QS_TEST_CRASH_POINT: "rewind:committed" });
    const id: string = (await api(child.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    for (const input of INPUTS) expect((await api(child.url, "POST", `/sessions/${id}/turns`, { input })).status).toBe(200);
    // Killed once the rewind's checkpoint is written, before the transcript, memories and tasks follow it.
    await crashDuring(child, `/sessions/${id}/rewind`, { turn: 2 });
    expect(memoryTurns(dataDir, id)).toContain(4);

    child = await startChildServer({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "0", QS_TEST_CRASH_POINT: "fork:copied" });
    expect((await api(child.url, "GET", `/sessions/${id}`)).body.turn).toBe(2);
    expect(await turnsOf(child.url, id)).toEqual([2, 1]);
    const third = await api(child.url, "POST", `/sessions/${id}/turns`, { input: "We rest at the well until the heat breaks." });
    expect(third.body.turn).toBe(3);
    expect(await turnsOf(child.url, id)).toEqual([3, 2, 1]);
    // Killed after the fork's memories, transcript and checkpoint are written, before its index row.
    await crashDuring(child, `/sessions/${id}/fork`, { turn: 2 });
    expect(readdirSync(path.join(dataDir, "sessions"))).toHaveLength(2);
    expect(memoryTurns(dataDir, id).every((t) => t <= 3)).toBe(true);

    child = await startChildServer({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "0" });
    expect(readdirSync(path.join(dataDir, "sessions"))).toEqual([id]);
    const list = (await api(child.url, "GET", "/sessions")).body;
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(await turnsOf(child.url, id)).toEqual([3, 2, 1]);
    const fork = await api(child.url, "POST", `/sessions/${id}/fork`, { turn: 2 });
    expect(fork.status).toBe(201);
    expect(await turnsOf(child.url, fork.body.id)).toEqual([2, 1]);
    expect(existsSync(path.join(dataDir, "sessions", fork.body.id, "fork.pending"))).toBe(false);
  });
});
