import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSimulatedModelServer, type Reply, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { isConfirmRequest as isConfirm } from "../lib/dev/testing/modelRequests.ts";
import { streamTurn } from "../lib/dev/testing/sse.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

const NARRATIVE =
  "Dust lifts from the flats as you lead your horse to the wagon where Tomas Reed counts barrels. " +
  "He watches your canteen tilt toward his cup, and for the first time since the crossing began his shoulders loosen. " +
  "Somewhere behind the wagons, Captain Ilse Dorn calls the halt, and the wind carries the smell of salt and old smoke.";

/** The ChatOpenAI path end to end: real client, real HTTP, a scripted OpenAI-compatible server. */
describe("ChatOpenAI through the turn graph (simulated model server)", () => {
  let sim: SimulatedModelServer;
  let server: TestServer;
  let id: string;

  beforeAll(async () => {
    sim = await startSimulatedModelServer({ latency: { ttftMs: 120, perTokenMs: 15 } });
    server = await startTestServer({
      ...sim.modelEnv,
      // The first test's narrate streams for ~3 s by design; room for a loaded CI machine.
      QS_TURN_TIMEOUT_MS: "6000",
    });
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    sim.reset();
    sim.setLatency({ ttftMs: 120, perTokenMs: 15 });
    id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
  });

  const writes: Reply = {
    content: NARRATIVE,
    toolCalls: [
      { name: "update_state", args: { ops: [{ op: "dec", path: "player.water", value: 1 }] } },
      {
        name: "add_memories",
        args: {
          memories: [
            { entity_id: "tomas", scope: "relationship", visibility: "private", content: "Tomas now counts on Mara after she shared her water." },
            { entity_id: "tomas", scope: "event", visibility: "public", content: "Mara shared her water with Tomas at the wagons." },
          ],
        },
      },
    ],
  };

  it("streams tokens before the model has finished and runs the requested writes", async () => {
    sim.setScript((req) => (isConfirm(req) ? { content: "Confirmed: 2 writes applied." } : writes));
    const { events } = await streamTurn(server.url, id, "I share my water with Tomas.");
    const done = events.at(-1)!;
    expect(done.event).toBe("done");
    const firstToken = events.find((e) => e.event === "token")!;
    const narrateCall = sim.calls[0];
    expect(narrateCall.stream).toBe(true);
    // The first token reached the client while the model was still streaming the rest.
    expect(firstToken.at).toBeLessThan(narrateCall.endedAt!);
    expect(events.filter((e) => e.event === "token").length).toBeGreaterThan(10);

    const tools = events.filter((e) => e.event === "tool").map((e) => e.data as { phase: string; name: string; ok: boolean });
    expect(tools.filter((t) => t.phase === "write")).toEqual([
      expect.objectContaining({ name: "update_state", ok: true }),
      expect.objectContaining({ name: "add_memories", ok: true }),
    ]);
    const metrics = (done.data as { metrics: Record<string, number> }).metrics;
    expect(metrics.llm_calls).toBe(2);
    expect(metrics.input_tokens).toBeGreaterThan(200);
    expect(metrics.output_tokens).toBeGreaterThan(40);
    // The confirm call sees only the write results and one instruction line.
    expect(sim.requests[1].messages).toHaveLength(2);
    expect(sim.requests[1].tools ?? []).toEqual([]);

    const session = await api(server.url, "GET", `/sessions/${id}`);
    expect(session.body.state.player.water).toBe(2);
    const edges = await api(server.url, "GET", `/sessions/${id}/relationships?entity_id=tomas`);
    expect(edges.body.edges).toEqual([expect.objectContaining({ from: "tomas", to: "mara", type: "trust" })]);
  });

  it("repairs a failed write with one round of corrected calls from the confirm step", async () => {
    sim.setScript((req) => {
      if (!isConfirm(req)) return { content: NARRATIVE, toolCalls: [{ name: "update_state", args: { ops: [{ op: "dec", path: "player.waterskin", value: 1 }, { op: "inc", path: "inventory" }] } }] };
      return { content: "Fixed the path.", toolCalls: [{ name: "update_state", args: { ops: [{ op: "dec", path: "player.water", value: 1 }] } }] };
    });
    const { events } = await streamTurn(server.url, id, "I share my water with Tomas.");
    const tools = events.filter((e) => e.event === "tool").map((e) => e.data as { phase: string; ok: boolean; error?: string });
    expect(tools.filter((t) => t.phase === "write")).toEqual([expect.objectContaining({ ok: false, error: expect.stringContaining("inventory: target is not a number") })]);
    expect(tools.filter((t) => t.phase === "repair")).toEqual([expect.objectContaining({ ok: true })]);
    const done = events.at(-1)!.data as { metrics: { llm_calls: number; repaired: boolean } };
    expect(done.metrics).toMatchObject({ llm_calls: 2, repaired: true });
    expect(sim.requests[1].tools?.length).toBeGreaterThan(0);
    const session = await api(server.url, "GET", `/sessions/${id}`);
    expect(session.body.state.player.water).toBe(2);
  });

  it("answers the JSON route with 502 and the error code when the model fails", async () => {
    sim.setScript(() => ({ fail: "http_500" }));
    const failed = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I share my water with Tomas." });
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe("model_unavailable");
    expect((await api(server.url, "GET", `/sessions/${id}`)).body.turn).toBe(0);
  });

  it("cancels the turn when the client disconnects mid-stream, and saves nothing", async () => {
    sim.setLatency({ ttftMs: 50, perTokenMs: 60 });
    sim.setScript((req) => (isConfirm(req) ? { content: "Noted." } : writes));
    const controller = new AbortController();
    const res = await fetch(`${server.url}/sessions/${id}/turns/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "I share my water with Tomas." }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let seen = "";
    while (!seen.includes("event: token")) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await vi.waitFor(() => expect(server.engine.isBusy(id)).toBe(false), { timeout: 5_000, interval: 20 });
    const session = await api(server.url, "GET", `/sessions/${id}`);
    expect(session.body).toMatchObject({ turn: 0, history: [] });
    expect(session.body.state.player.water).toBe(3);
    expect((await api(server.url, "GET", `/sessions/${id}/memories`)).body.total).toBe(0);
    // The narrate call was cut off: no confirm call followed.
    expect(sim.requests.filter(isConfirm)).toHaveLength(0);
  });

  for (const [label, failure, code] of [
    ["a 5xx", { fail: "http_500" }, "model_unavailable"],
    ["a broken stream", { fail: "broken_stream", afterTokens: 5 }, "model_unavailable"],
    ["a stalled stream", { fail: "timeout", afterTokens: 3 }, "model_timeout"],
  ] as const) {
    it(`ends with an error event on ${label}, saves nothing, and the next turn works`, async () => {
      sim.setScript((req) => (isConfirm(req) ? { content: "ok" } : (failure as Reply)));
      const failed = await streamTurn(server.url, id, "I share my water with Tomas.");
      const last = failed.events.at(-1)!;
      expect(last.event).toBe("error");
      expect((last.data as { code: string }).code).toBe(code);
      let session = await api(server.url, "GET", `/sessions/${id}`);
      expect(session.body.turn).toBe(0);
      expect(session.body.state.player.water).toBe(3);
      expect((await api(server.url, "GET", `/sessions/${id}/memories`)).body.total).toBe(0);

      sim.setScript((req) => (isConfirm(req) ? { content: "Confirmed." } : writes));
      const ok = await streamTurn(server.url, id, "I share my water with Tomas.");
      expect(ok.events.at(-1)!.event).toBe("done");
      session = await api(server.url, "GET", `/sessions/${id}`);
      expect(session.body.turn).toBe(1);
      expect(session.body.state.player.water).toBe(2);
      expect(session.body.history).toHaveLength(1);
    });
  }
});
