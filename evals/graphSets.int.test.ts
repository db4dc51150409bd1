import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../lib/config/env.ts";
import { startSimulatedModelServer, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { lastUserText } from "../lib/dev/simulator/scripts.ts";
import { isEnrichmentRequest } from "../lib/dev/testing/modelRequests.ts";
import { requestedPair } from "../lib/enrichment/request.ts";
import type { DatasetLine } from "../lib/relationships/score.ts";
import { graphFigures, modelClassifier } from "./graphSets.ts";

const CAST = [{ id: "ren", name: "Ren" }, { id: "odile", name: "Odile" }, { id: "pax", name: "Pax" }];
const line = (id: string, entity_id: string, content: string, expected: DatasetLine["expected"]): DatasetLine => ({ id, entity_id, content, expected });

/** The end-to-end graph eval through the real ChatOpenAI client and the simulated model server. */
describe("graph eval: rules, hint and the model's enrichment", () => {
  let sim: SimulatedModelServer;
  beforeAll(async () => {
    sim = await startSimulatedModelServer();
    // A model that reads the memory it is asked about: "glances" is love, a rumour is no feeling, "garbled" gets prose.
    sim.setScript((req) => {
      if (!isEnrichmentRequest(req)) return { fail: "http_500" };
      const text = lastUserText(req);
      if (text.includes("garbled")) return { content: "I think they like each other." };
      if (text.includes("rumour")) return { toolCalls: [{ name: "classify_relationship", args: { edges: [], confidence: 0.9, reason: "a rumour" } }] };
      const pair = requestedPair(text)!;
      return { toolCalls: [{ name: "classify_relationship", args: { edges: [{ ...pair, type: "love", sentiment: 0.6 }], confidence: 0.8, reason: "he keeps looking" } }] };
    });
  });
  afterAll(async () => sim?.close());

  it("admits the rules' sure edges, applies the model's answers to queued pairs, and counts none and failed answers", async () => {
    const env = loadEnv(sim.modelEnv);
    const { classify, model } = modelClassifier(env, CAST);
    expect(model).toBe(`sim-model via ${sim.baseURL}`);
    const lines = [
      line("a", "ren", "Ren trusts Odile.", [{ from: "ren", to: "odile", type: "trust", sign: 1 }]),
      line("b", "ren", "Ren keeps glancing at Odile whenever she speaks.", [{ from: "ren", to: "odile", type: "love", sign: 1 }]),
      line("c", "pax", "There is a rumour that Pax and Odile met at the mill.", []),
      line("d", "pax", "Pax and Ren walked the garbled road.", []),
      line("e", "ren", "Ren keeps glancing at Pax across the yard.", []),
    ];
    sim.reset();
    const rulesOnly = await graphFigures(lines, CAST, classify, "none", 2);
    // a: the rules alone; b: untyped pair → love; c: untyped → none; d: untyped → prose, nothing applied;
    // e: the model's love is wrong, and counted as the model's.
    expect(rulesOnly).toMatchObject({ lines: 5, exact: 4, wrong: 1, wrongFromModel: 1, calls: 4, none: 1, failed: 1, recall: 1 });
    expect(rulesOnly.precision).toBeCloseTo(2 / 3);
    expect(sim.requests.filter(isEnrichmentRequest)).toHaveLength(4);

    // With a correct hint on a and b, b's hint disagrees with the rules (they read nothing): the model decides.
    const hinted = await graphFigures(lines, CAST, classify, "correct", 2);
    expect(hinted).toMatchObject({ exact: 4, wrong: 1, wrongFromModel: 1, calls: 4, none: 1, failed: 1 });
  });
});
