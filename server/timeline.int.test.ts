import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TurnStateType } from "../graph/state.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

/** Inputs the offline storyteller answers with memories and relationship lines (turns 2-4). */
const INPUTS = [
  "I ride ahead to scout the dust on the horizon.",
  "I share my water with Tomas Reed.",
  "I ask Old Bess who sold the route.",
  "I warn Captain Ilse Dorn that Okoro knows the raiders.",
  "We rest at the well until the heat breaks.",
];

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const play = async (id: string, input: string) => {
  const res = await api(server!.url, "POST", `/sessions/${id}/turns`, { input });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const create = async () => (await api(server!.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id as string;
const state = async (id: string) => (await server!.engine.getSession(id)).state as TurnStateType;
const memories = (id: string) => server!.engine.runtime.memory.use(id, async (s) => (await s.list({ limit: 1000 })).items);
const allTurns = async (id: string) => (await api(server!.url, "GET", `/sessions/${id}/turns?limit=100`)).body.items.map((t: { turn: number }) => t.turn);
/** Every memory id the graph cites, so a test can check they all exist in the session's own store. */
const evidence = (s: TurnStateType) => Object.values(s.relationships.edges).flatMap((e) => e.evidence);

describe("long stories: transcript, rewind, regenerate, fork", () => {
  it("keeps the checkpoint's history to a window, pages the transcript and answers single turns", async () => {
    server = await startTestServer();
    const id = await create();
    for (const input of INPUTS) await play(id, input);
    expect((await state(id)).history.map((h) => h.turn)).toEqual([3, 4, 5]);

    const view = (await api(server.url, "GET", `/sessions/${id}`)).body;
    expect(view.history.map((h: { turn: number }) => h.turn)).toEqual([1, 2, 3, 4, 5]);
    expect(view.older_turns).toBe(false);

    const first = (await api(server.url, "GET", `/sessions/${id}/turns?limit=2`)).body;
    expect(first.items.map((t: { turn: number }) => t.turn)).toEqual([5, 4]);
    const second = (await api(server.url, "GET", `/sessions/${id}/turns?limit=2&before=${first.next_before}`)).body;
    expect(second.items.map((t: { turn: number }) => t.turn)).toEqual([3, 2]);
    const last = (await api(server.url, "GET", `/sessions/${id}/turns?limit=2&before=${second.next_before}`)).body;
    expect(last).toMatchObject({ items: [expect.objectContaining({ turn: 1, input: INPUTS[0] })], next_before: null });

    expect((await api(server.url, "GET", `/sessions/${id}/turns/3`)).body).toMatchObject({ turn: 3, input: INPUTS[2] });
    expect((await api(server.url, "GET", `/sessions/${id}/turns/9`)).status).toBe(404);
    expect((await api(server.url, "GET", `/sessions/${id}/turns?limit=0`)).status).toBe(400);
    expect((await api(server.url, "GET", `/sessions/${id}/metrics`)).body.turns).toHaveLength(5);

    // As after a crash between turn 5's checkpoint and its transcript row: the row comes back from the
    // checkpoint's window; a row beyond the checkpoint (an uncommitted turn) is dropped on the next change.
    server.engine.transcript.deleteAfter(id, 4);
    server.engine.transcript.append(id, { ...(await state(id)).history[2], turn: 6 }, null);
    expect(await allTurns(id)).toEqual([5, 4, 3, 2, 1]);
    expect((await play(id, INPUTS[0])).turn).toBe(6);
    expect((await api(server.url, "GET", `/sessions/${id}/turns/6`)).body.input).toBe(INPUTS[0]);
  });

  it("rewinds every part of the story, then plays on from there", async () => {
    server = await startTestServer();
    const id = await create();
    for (const input of INPUTS.slice(0, 2)) await play(id, input);
    const atTwo = await state(id);
    const memoriesAtTwo = await memories(id);
    for (const input of INPUTS.slice(2, 4)) await play(id, input);
    expect((await memories(id)).length).toBeGreaterThan(memoriesAtTwo.length);

    const rewound = await api(server.url, "POST", `/sessions/${id}/rewind`, { turn: 2 });
    expect(rewound.status).toBe(200);
    expect(rewound.body.turn).toBe(2);
    const after = await state(id);
    expect(after.relationships).toEqual(atTwo.relationships);
    expect(after.world).toEqual(atTwo.world);
    expect(after.story).toEqual(atTwo.story);
    expect(after.entities).toEqual(atTwo.entities);
    expect((await memories(id)).map((m) => m.id).sort()).toEqual(memoriesAtTwo.map((m) => m.id).sort());
    expect(await allTurns(id)).toEqual([2, 1]);
    expect((await api(server.url, "GET", "/sessions")).body.items[0].turn).toBe(2);

    const next = await play(id, "We rest at the well until the heat breaks.");
    expect(next.turn).toBe(3);
    expect(await allTurns(id)).toEqual([3, 2, 1]);
    expect((await api(server.url, "GET", `/sessions/${id}/turns/3`)).body.input).toBe("We rest at the well until the heat breaks.");
    const ids = new Set((await memories(id)).map((m) => m.id));
    expect(evidence(await state(id)).every((m) => ids.has(m))).toBe(true);

    expect((await api(server.url, "POST", `/sessions/${id}/rewind`, { turn: 7 })).status).toBe(400);
    expect((await api(server.url, "POST", `/sessions/${id}/rewind`, { turn: "two" })).status).toBe(400);
  });

  it("regenerates the last turn twice without duplicating memories or graph evidence", async () => {
    server = await startTestServer();
    const id = await create();
    for (const input of INPUTS.slice(0, 3)) await play(id, input);
    const once = await memories(id);
    const graphOnce = await state(id);
    for (let i = 0; i < 2; i++) {
      const res = await api(server.url, "POST", `/sessions/${id}/regenerate`, {});
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ turn: 3, input: INPUTS[2] });
    }
    const twice = await memories(id);
    expect(twice).toHaveLength(once.length);
    expect(new Set(twice.map((m) => `${m.turn}|${m.entity_id}|${m.content}`)).size).toBe(twice.length);
    const s = await state(id);
    expect(s.turn).toBe(3);
    const edges = Object.values(s.relationships.edges);
    expect(edges.map((e) => [e.from, e.to, e.type, e.observations])).toEqual(Object.values(graphOnce.relationships.edges).map((e) => [e.from, e.to, e.type, e.observations]));
    const ids = new Set(twice.map((m) => m.id));
    expect(evidence(s).every((m) => ids.has(m))).toBe(true);
    expect(await allTurns(id)).toEqual([3, 2, 1]);

    const fresh = await create();
    expect((await api(server.url, "POST", `/sessions/${fresh}/regenerate`, {})).body.error.code).toBe("nothing_to_regenerate");
  });

  it("forks at a turn into an isolated session; both branches play on", async () => {
    server = await startTestServer();
    const id = await create();
    for (const input of INPUTS.slice(0, 3)) await play(id, input);
    const atTwo = (await memories(id)).filter((m) => m.turn <= 2);
    const res = await api(server.url, "POST", `/sessions/${id}/fork`, { turn: 2 });
    expect(res.status).toBe(201);
    const forkId: string = res.body.id;
    expect(forkId).not.toBe(id);
    expect(res.body).toMatchObject({ turn: 2, title: expect.any(String) });
    expect(res.body.history.map((h: { turn: number }) => h.turn)).toEqual([1, 2]);
    expect((await memories(forkId)).map((m) => m.id).sort()).toEqual(atTwo.map((m) => m.id).sort());

    await play(forkId, INPUTS[3]);
    await play(id, INPUTS[4]);
    const [original, forked] = [await state(id), await state(forkId)];
    expect([original.turn, forked.turn]).toEqual([4, 3]);
    const [mine, theirs] = [await memories(id), await memories(forkId)];
    const mineIds = new Set(mine.map((m) => m.id));
    const theirIds = new Set(theirs.map((m) => m.id));
    expect(theirs.filter((m) => m.turn === 3).every((m) => !mineIds.has(m.id))).toBe(true);
    expect(mine.filter((m) => m.turn >= 3).every((m) => !theirIds.has(m.id))).toBe(true);
    expect(evidence(original).every((m) => mineIds.has(m))).toBe(true);
    expect(evidence(forked).every((m) => theirIds.has(m))).toBe(true);
    expect((await api(server.url, "GET", `/sessions/${forkId}/turns/3`)).body.input).toBe(INPUTS[3]);
    expect((await api(server.url, "GET", `/sessions/${id}/turns/3`)).body.input).toBe(INPUTS[2]);

    // Deleting the fork leaves the original whole.
    expect((await api(server.url, "DELETE", `/sessions/${forkId}`)).status).toBe(204);
    expect(await allTurns(id)).toEqual([4, 3, 2, 1]);
  });

  it("answers 409 outside the retention and while a turn holds the session", async () => {
    server = await startTestServer({ QS_CHECKPOINT_RETENTION: "2" });
    const id = await create();
    for (const input of INPUTS) await play(id, input);
    const old = await api(server.url, "POST", `/sessions/${id}/rewind`, { turn: 1 });
    expect(old.status).toBe(409);
    expect(old.body.error.code).toBe("outside_retention");
    expect((await api(server.url, "POST", `/sessions/${id}/fork`, { turn: 1 })).body.error.code).toBe("outside_retention");
    expect((await api(server.url, "GET", `/sessions/${id}/turns/1`)).status).toBe(200);

    const { release } = await server.engine.locks.reserve(id);
    try {
      for (const [route, body] of [["rewind", { turn: 4 }], ["fork", { turn: 4 }], ["regenerate", {}]] as const) {
        const busy = await api(server.url, "POST", `/sessions/${id}/${route}`, body);
        expect([busy.status, busy.body.error.code]).toEqual([409, "session_busy"]);
      }
    } finally {
      release();
    }
    expect((await api(server.url, "POST", `/sessions/${id}/rewind`, { turn: 3 })).body.turn).toBe(3);
  });

  it("opens a data folder written before the transcript store and plays on", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-old-"));
    try {
      cpSync(path.join(import.meta.dirname, "../lib/dev/testing/fixtures/pre-transcript-data"), dataDir, { recursive: true });
      server = await startTestServer({}, { dataDir });
      const [session] = (await api(server.url, "GET", "/sessions")).body.items;
      expect(session.turn).toBe(4);
      const view = (await api(server.url, "GET", `/sessions/${session.id}`)).body;
      expect(view.history.map((h: { turn: number }) => h.turn)).toEqual([1, 2, 3, 4]);
      expect((await api(server.url, "GET", `/sessions/${session.id}/metrics`)).body.turns).toHaveLength(4);
      const before = (await memories(session.id)).length;
      const next = await play(session.id, INPUTS[4]);
      expect(next.turn).toBe(5);
      expect(await allTurns(session.id)).toEqual([5, 4, 3, 2, 1]);
      expect((await api(server.url, "GET", `/sessions/${session.id}/turns/2`)).body.input).toBe("I share my water with Tomas Reed.");
      expect((await state(session.id)).history.map((h) => h.turn)).toEqual([3, 4, 5]);
      expect((await memories(session.id)).length).toBeGreaterThanOrEqual(before);
      expect((await api(server.url, "POST", `/sessions/${session.id}/rewind`, { turn: 4 })).body.turn).toBe(4);
      expect((await api(server.url, "GET", `/sessions/${session.id}/metrics`)).body.turns).toHaveLength(4);
    } finally {
      await server?.close();
      server = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
