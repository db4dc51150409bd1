import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulatedModelServer, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { memoryWritingModel } from "../lib/dev/testing/modelRequests.ts";
import { streamTurn } from "../lib/dev/testing/sse.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

/**
 * Open loop: relationship memories in phrasing written for this test (not taken from the extractor's
 * lexicon, nor from the offline storyteller's templates, which are built from it), stored by a model
 * through a real turn (ChatOpenAI against the simulated model server, HTTP + SSE), must show up in the
 * session's relationship graph. The background enrichment model is made to fail, so every edge here
 * comes from the rule-based extractor, and an extraction regression on ordinary phrasing fails this test.
 *
 * Written together with four more that the extractor does not understand today (not asserted, listed so
 * nobody mistakes this list for everything it should read): "Tomas would hand Mara Venn the last cup of
 * water without a second thought" (trust), "Okoro keeps one hand on his knife whenever Mara Venn is near"
 * (fear), "Old Bess Harrow speaks of Mara Venn as the daughter she never had" (family), "Okoro can no
 * longer look Mara Venn in the eye".
 */
const PHRASINGS: Array<{ holder: string; content: string; edge: [from: string, to: string, type: string] }> = [
  { holder: "ilse", content: "Captain Ilse Dorn has begun to rely on Mara Venn's judgement.", edge: ["ilse", "mara", "trust"] },
  { holder: "tomas", content: "Tomas thinks Okoro is lying about the southern route.", edge: ["tomas", "okoro", "distrust"] },
  { holder: "ilse", content: "Captain Ilse Dorn thinks highly of Old Bess Harrow.", edge: ["ilse", "bess", "respect"] },
  { holder: "bess", content: "Old Bess Harrow cannot abide Okoro.", edge: ["bess", "okoro", "hostility"] },
  { holder: "tomas", content: "Tomas and Mara Venn have become inseparable friends on the crossing.", edge: ["tomas", "mara", "friendship"] },
  { holder: "okoro", content: "Okoro is envious of Mara Venn's standing with the captain.", edge: ["okoro", "mara", "rivalry"] },
  { holder: "ilse", content: "Captain Ilse Dorn is grateful to Mara Venn for the warning.", edge: ["ilse", "mara", "respect"] },
  { holder: "bess", content: "Old Bess Harrow is suspicious of Okoro's new boots.", edge: ["bess", "okoro", "distrust"] },
];

/** The model: a short narrative with every memory above in one add_memories call; confirm; enrichment fails. */
const script = memoryWritingModel(
  "The caravan camps by the dry well. Voices drop as you pass, and every face turns toward the fire and away again.",
  PHRASINGS.map((p) => ({ entity_id: p.holder, content: p.content, scope: "relationship" })),
);

describe("relationship graph from phrasing the extractor was not built from (open loop)", () => {
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

  it("a real turn stores the memories and the graph has every expected edge", async () => {
    const created = await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" });
    const { status, events } = await streamTurn(server.url, created.body.id, "I walk through the camp at dusk and listen.");
    expect(status).toBe(200);
    expect(events.at(-1)?.event).toBe("done");
    const memories = await api(server.url, "GET", `/sessions/${created.body.id}/memories?scope=relationship`);
    expect(memories.body.total).toBe(PHRASINGS.length);
    const graph = await api(server.url, "GET", `/sessions/${created.body.id}/relationships/graph`);
    const edges = (graph.body.edges as Array<{ from: string; to: string; type: string }>).map((e) => `${e.from}→${e.to} ${e.type}`);
    const missing = PHRASINGS.filter((p) => !edges.includes(`${p.edge[0]}→${p.edge[1]} ${p.edge[2]}`)).map((p) => `${p.edge.join(" ")}: "${p.content}"`);
    expect(missing).toEqual([]);
  });
});
