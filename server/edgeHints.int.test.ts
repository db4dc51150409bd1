import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulatedModelServer, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { memoryWritingModel } from "../lib/dev/testing/modelRequests.ts";
import { streamTurn } from "../lib/dev/testing/sse.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

/**
 * The narrator's `edge` hints through a real turn (ChatOpenAI against the simulated model server,
 * HTTP + SSE): what enters the relationship graph at once and what waits for background enrichment.
 * The enrichment model is made to fail, so the graph holds only what the turn admitted.
 */
const MEMORIES = [
  // Agreement: the rules read the hinted edge.
  { entity_id: "tomas", content: "Tomas now counts on Mara Venn.", scope: "relationship", edge: { about: "mara", type: "trust" } },
  // Disagreement: the rules read fear, the hint says love.
  { entity_id: "okoro", content: "Okoro fears Old Bess Harrow.", scope: "relationship", edge: { about: "bess", type: "love" } },
  // A feeling held by someone else than the memory's owner, named by `holder`.
  { entity_id: "bess", content: "Okoro distrusts Tomas.", scope: "relationship", edge: { about: "tomas", type: "distrust", holder: "okoro" } },
  // No hint in a call that hints the others: the narrator was not sure of an edge here.
  { entity_id: "ilse", content: "Captain Ilse Dorn resents Okoro.", scope: "relationship" },
];

const script = memoryWritingModel(
  "Night falls over the camp. Tomas sits close to you by the fire while Okoro watches the old cook from the shadows.",
  MEMORIES,
);

describe("the narrator's edge hints in a real turn", () => {
  let sim: SimulatedModelServer;
  let server: TestServer;
  beforeAll(async () => {
    sim = await startSimulatedModelServer({ script });
    server = await startTestServer(sim.modelEnv);
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });

  it("admits confirmed hints to the graph and sends a disagreeing or missing hint to enrichment", async () => {
    const id: string = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const { status, events } = await streamTurn(server.url, id, "I sit by the fire and watch the others.");
    expect(status).toBe(200);
    expect(events.at(-1)?.event).toBe("done");
    expect((await api(server.url, "GET", `/sessions/${id}/memories?scope=relationship`)).body.total).toBe(MEMORIES.length);

    const graph = await api(server.url, "GET", `/sessions/${id}/relationships/graph`);
    const edges = (graph.body.edges as Array<{ from: string; to: string; type: string }>).map((e) => `${e.from}→${e.to} ${e.type}`).sort();
    expect(edges).toEqual(["okoro→tomas distrust", "tomas→mara trust"]);

    const enrichment = await api(server.url, "GET", `/sessions/${id}/enrichment`);
    const tasks = (enrichment.body.tasks as Array<{ from: string; to: string; reason: string; guess_type: string | null }>)
      .map((t) => `${t.from}→${t.to} ${t.reason} ${t.guess_type ?? "-"}`)
      .sort();
    expect(tasks).toEqual(["ilse→okoro unhinted hostility", "okoro→bess hint_disagrees fear"]);
  });
});
