import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulatedModelServer, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { isConfirmRequest } from "../lib/dev/testing/modelRequests.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

/** The per-turn caps are enforced in code, whatever the model asks for. */
describe("tool-call and model-call caps", () => {
  let sim: SimulatedModelServer;
  let server: TestServer;
  beforeAll(async () => {
    sim = await startSimulatedModelServer();
    server = await startTestServer(sim.modelEnv);
    // A greedy model: eight separate writes, and a confirm step that asks for more.
    sim.setScript((req) =>
      isConfirmRequest(req)
        ? { content: "More!", toolCalls: [{ name: "update_world", args: { weather: "storm" } }] }
        : {
            content: "You walk the line of wagons and count what is left.",
            toolCalls: Array.from({ length: 8 }, (_, i) => ({ name: "update_state", args: { ops: [{ op: "inc", path: "player.coins", value: i + 1 }] } })),
          },
    );
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });

  it("runs at most 6 tool calls per turn (reads included) and skips the rest", async () => {
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const record = await server.engine.runTurn(id, "I count the coins.", () => undefined);
    expect(record.metrics.tool_calls).toBe(6);
    const reads = record.tool_calls.filter((c) => c.phase === "read" && !c.cached).length;
    const ran = record.tool_calls.filter((c) => c.phase === "write" && !c.skipped);
    const skipped = record.tool_calls.filter((c) => c.skipped);
    expect(ran).toHaveLength(6 - reads);
    expect(skipped.length).toBe(8 - ran.length);
    expect(skipped.every((c) => c.error?.includes("cap"))).toBe(true);
    const session = await api(server.url, "GET", `/sessions/${id}`);
    const expectedCoins = 12 + ran.reduce((n, _c, i) => n + i + 1, 0);
    expect(session.body.state.player.coins).toBe(expectedCoins);
    expect(record.metrics.llm_calls).toBe(2);
    expect(record.metrics.repaired).toBe(false); // nothing failed, so the confirm step's extra call is ignored
    expect(session.body.world.weather).not.toBe("storm");
  });

  it("honours a lower model-call cap: the confirm step then makes no call", async () => {
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const before = sim.requests.length;
    const record = await server.engine.runTurn(id, "I count the coins.", () => undefined, { configuration: { maxLlmCalls: 1, maxToolCalls: 4 } });
    expect(sim.requests.length - before).toBe(1);
    expect(record.metrics.llm_calls).toBe(1);
    expect(record.metrics.tool_calls).toBe(4);
    expect(record.confirmation).toBe("");
  });
});
