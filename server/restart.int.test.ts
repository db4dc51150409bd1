import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../lib/dev/testing/childServer.ts";
import { api } from "../lib/dev/testing/server.ts";

describe("a story survives a server restart (real child process, SQLite checkpoints on disk)", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-restart-"));
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("plays 3 turns, stops, starts again and plays turn 4 with turns 1-3 intact", async () => {
    const env = { QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "0" };
    server = await startChildServer(env);
    const id: string = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const inputs = ["I share my water with Tomas Reed.", "I ride ahead to Greyfall.", "I ask Old Bess about the raiders."];
    for (const input of inputs) expect((await api(server.url, "POST", `/sessions/${id}/turns`, { input })).status).toBe(200);
    const before = (await api(server.url, "GET", `/sessions/${id}`)).body;
    const graphBefore = (await api(server.url, "GET", `/sessions/${id}/relationships/graph`)).body;
    const memoriesBefore = (await api(server.url, "GET", `/sessions/${id}/memories`)).body;
    expect(before.turn).toBe(3);

    expect(await server.stop()).toBe(0);
    server = await startChildServer(env);

    const after = (await api(server.url, "GET", `/sessions/${id}`)).body;
    expect(after.turn).toBe(3);
    expect(after.state).toEqual(before.state);
    expect(after.world).toEqual(before.world);
    expect(after.history).toEqual(before.history);
    expect((await api(server.url, "GET", `/sessions/${id}/relationships/graph`)).body).toEqual(graphBefore);
    expect((await api(server.url, "GET", `/sessions/${id}/memories`)).body.total).toBe(memoriesBefore.total);

    const turn4 = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "We rest until dusk." });
    expect(turn4.status).toBe(200);
    expect(turn4.body.turn).toBe(4);
    const final = (await api(server.url, "GET", `/sessions/${id}`)).body;
    expect(final.history.map((h: { input: string }) => h.input)).toEqual([...inputs, "We rest until dusk."]);
    expect(final.history.slice(0, 3)).toEqual(before.history);
  });
});
