import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../lib/dev/testing/childServer.ts";
import { api } from "../lib/dev/testing/server.ts";
import { readSse } from "../lib/dev/testing/sse.ts";

/** When a round kills the server: on an event of session `session`'s turn, then after `delayMs`. */
interface KillPoint {
  session: number;
  event: "start" | "token" | "add_memories";
  delayMs: number;
}

// Each round is a burst: session i starts its turn STAGGER_MS after session i-1, so when the
// process dies the sessions are spread over every phase of a turn: committed, between the memory
// write and the checkpoint (where an orphan could appear), narrating, just started. A restart
// costs several seconds, so two rounds of many sessions cover the points instead of one kill each
// (the later-started sessions of each burst are still at their first tokens or earlier).
const KILL_POINTS: KillPoint[] = [
  { session: 3, event: "add_memories", delayMs: 0 },
  { session: 3, event: "add_memories", delayMs: 10 },
];
const SESSIONS = 8;
const STAGGER_MS = 30;
const INPUTS = ["I share my water with Tomas Reed.", "I ask Old Bess about the raiders.", "I ride ahead to Greyfall with Tomas.", "We rest until dusk."];

interface Snapshot {
  turn: number;
  memories: number;
}

async function snapshot(url: string, id: string): Promise<Snapshot> {
  const session = await api(url, "GET", `/sessions/${id}`);
  const memories = await api(url, "GET", `/sessions/${id}/memories?limit=200`);
  expect(session.status).toBe(200);
  expect(memories.status).toBe(200);
  return { turn: session.body.turn, memories: memories.body.total };
}

/** Plays a turn on the stream route and reports each event name (tool events by tool name) as it comes. */
async function playUntilKilled(url: string, id: string, input: string, onEvent: (name: string) => void): Promise<boolean> {
  let done = false;
  try {
    const res = await fetch(`${url}/sessions/${id}/turns/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input }) });
    if (!res.body) return false;
    for await (const e of readSse(res.body)) {
      const name = e.event === "tool" ? String((e.data as { name?: string }).name) : e.event;
      if (name === "done") done = true;
      onEvent(name);
    }
  } catch {
    // the server died under us: that is the point
  }
  return done;
}

describe("kill -9 at any instant leaves each session exactly at its last committed turn, memories included", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-crash-"));
  const env = { QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "2" };
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`kills the server ${KILL_POINTS.length} times during a burst of ${SESSIONS} staggered turns, then checks turns, memories and searches`, { timeout: 180_000 }, async () => {
    server = await startChildServer(env);
    const ids: string[] = [];
    for (let i = 0; i < SESSIONS; i++) ids.push((await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id);
    const orphanFree = new Map<string, Snapshot>();
    for (const id of ids) orphanFree.set(id, await snapshot(server.url, id));

    for (const [round, point] of KILL_POINTS.entries()) {
      const url = server.url;
      const child = server.child;
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        setTimeout(() => child.kill("SIGKILL"), point.delayMs);
      };
      // A burst: every session plays a turn; the first one's events decide when the process dies.
      const turns = ids.map(async (id, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * STAGGER_MS));
        return playUntilKilled(url, id, INPUTS[(round + i) % INPUTS.length], (name) => {
          if (i === point.session && name === point.event) kill();
        });
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const finished = await Promise.all(turns);
      kill(); // every turn ended before the chosen event (e.g. all committed): die now anyway
      await exited;

      server = await startChildServer(env);
      expect((await api(server.url, "GET", "/sessions")).body.total).toBe(SESSIONS);
      for (const [i, id] of ids.entries()) {
        const before = orphanFree.get(id) as Snapshot;
        const after = await snapshot(server.url, id);
        const where = `round ${round} (session ${point.session} ${point.event}+${point.delayMs} ms), session ${i}`;
        // Committed or not, never half: a turn whose done event arrived is there.
        expect([before.turn, before.turn + 1], where).toContain(after.turn);
        if (finished[i]) expect(after.turn, where).toBe(before.turn + 1);
        const session = (await api(server.url, "GET", `/sessions/${id}`)).body;
        expect(session.history.length, where).toBe(after.turn);
        // No memory of a turn that did not commit: in the listing, the count and in searches.
        const listed = (await api(server.url, "GET", `/sessions/${id}/memories?limit=200`)).body.items as Array<{ turn: number }>;
        expect(listed.filter((m) => m.turn > after.turn), where).toEqual([]);
        if (after.turn === before.turn) expect(after.memories, where).toBe(before.memories);
        else expect(after.memories, where).toBeGreaterThanOrEqual(before.memories);
        const found = (await api(server.url, "GET", `/sessions/${id}/memories?query=${encodeURIComponent(INPUTS[(round + i) % INPUTS.length])}&k=50`)).body.items as Array<{ memory: { turn: number } }>;
        expect(found.filter((h) => h.memory.turn > after.turn), where).toEqual([]);
        orphanFree.set(id, after);
      }
    }
    // The stories go on: every session plays its next turn normally.
    for (const id of ids) {
      const next = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "We rest until dusk." });
      expect(next.status).toBe(200);
      expect(next.body.turn).toBe((orphanFree.get(id) as Snapshot).turn + 1);
    }
  });
});
