import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TurnStateType } from "../graph/state.ts";
import { startSimulatedModelServer, type Reply, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { isConfirmRequest, isEnrichmentRequest } from "../lib/dev/testing/modelRequests.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";
import { gate } from "../lib/dev/testing/gate.ts";

/** Every turn stores one relationship memory the rules cannot type: one enrichment task per turn. */
const narrate: Reply = {
  content: "Tomas says nothing while you talk, but his eyes keep finding you across the fire.",
  toolCalls: [{ name: "add_memories", args: { memories: [{ entity_id: "tomas", scope: "relationship", content: "Tomas keeps glancing at Mara whenever she speaks." }] } }],
};
const classification: Reply = {
  toolCalls: [{ name: "classify_relationship", args: { edges: [{ from: "tomas", to: "mara", type: "love", sentiment: 0.6 }], confidence: 0.8, reason: "he cannot stop looking at her" } }],
};

/** Rewinds while enrichment tasks are pending, running and done (real ChatOpenAI, simulated server). */
describe("rewind across enrichment tasks", () => {
  let sim: SimulatedModelServer;
  let server: TestServer | undefined;
  let held = gate();

  beforeAll(async () => {
    sim = await startSimulatedModelServer();
    sim.setScript(async (req) => {
      if (isEnrichmentRequest(req)) {
        await held.opened;
        return classification;
      }
      return isConfirmRequest(req) ? { content: "Noted." } : narrate;
    });
  });
  afterEach(async () => {
    held.open();
    await server?.close();
    server = undefined;
  });
  afterAll(async () => sim?.close());

  it("keeps results of kept turns, drops tasks and late results of undone turns", async () => {
    held = gate();
    server = await startTestServer(sim.modelEnv);
    const { url, engine } = server;
    const id: string = (await api(url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const tasks = async () => (await engine.enrichmentStatus(id)).tasks;
    const evidence = async () => Object.values(((await engine.getSession(id)).state as TurnStateType).relationships.edges).flatMap((e) => e.evidence);
    const play = async (input: string) => expect((await api(url, "POST", `/sessions/${id}/turns`, { input })).status).toBe(200);

    // Turn 1's task is classified while turn 2 plays; both results land after turn 2 committed.
    await play("I sit by the fire.");
    await play("I sit by Tomas.");
    held.open();
    await engine.enrichment!.idle();
    const [first, second] = await tasks();
    expect([first.status, second.status]).toEqual(["done", "done"]);
    expect((await evidence()).sort()).toEqual([first.memory_id, second.memory_id].sort());

    // Back to turn 1: turn 2's task goes; turn 1's result (applied after turn 2) is applied again.
    expect((await api(url, "POST", `/sessions/${id}/rewind`, { turn: 1 })).body.turn).toBe(1);
    expect((await tasks()).map((t) => t.turn)).toEqual([1]);
    expect(await evidence()).toEqual([first.memory_id]);

    // A task whose model call is in flight when its turn is undone: its late result is dropped.
    held = gate();
    await play("I watch Tomas across the fire.");
    await vi.waitFor(() => expect(sim.requests.filter(isEnrichmentRequest)).toHaveLength(3), { timeout: 10_000, interval: 20 });
    expect((await api(url, "POST", `/sessions/${id}/rewind`, { turn: 1 })).body.turn).toBe(1);
    held.open();
    await engine.enrichment!.idle();
    expect((await tasks()).map((t) => t.turn)).toEqual([1]);
    expect(await evidence()).toEqual([first.memory_id]);
    await play("I sit by Tomas again.");
    expect((await api(url, "GET", `/sessions/${id}`)).body.turn).toBe(2);
  });
});
