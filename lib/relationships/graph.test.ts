import { describe, expect, it } from "vitest";
import {
  byType, edgesOf, effectiveStrength, emptyGraph, incoming, observationsFromExtraction, outgoing, queryRelationships, reduceRelationships,
  summarizeRelationships, toGraphView,
} from "./graph.ts";
import { edgeKey, EVIDENCE_CAP, type RelationshipGraph, type RelationshipObservation } from "./types.ts";

const AT = "2025-01-01T00:00:00.000Z";

function obs(partial: Partial<RelationshipObservation> & Pick<RelationshipObservation, "from" | "to" | "type">): RelationshipObservation {
  return { sentiment: 0.6, strength: 0.6, confidence: 0.8, memoryId: "m1", turn: 1, at: AT, ...partial };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const sample = (): RelationshipGraph =>
  reduceRelationships(undefined, [
    obs({ from: "tomas", to: "sera", type: "trust", strength: 0.8, memoryId: "a", turn: 1 }),
    obs({ from: "sera", to: "hale", type: "hostility", sentiment: -0.7, strength: 0.5, memoryId: "b", turn: 2 }),
    obs({ from: "hale", to: "sera", type: "fear", sentiment: -0.5, strength: 0.3, memoryId: "c", turn: 3 }),
    obs({ from: "sera", to: "hale", type: "respect", sentiment: 0.4, strength: 0.4, memoryId: "d", turn: 3 }),
  ]);

describe("reduceRelationships", () => {
  it("starts from an empty graph and creates one edge per (from, to, type)", () => {
    const g = sample();
    expect(Object.keys(g.edges).sort()).toEqual(
      [edgeKey("hale", "sera", "fear"), edgeKey("sera", "hale", "hostility"), edgeKey("sera", "hale", "respect"), edgeKey("tomas", "sera", "trust")].sort(),
    );
    expect(g.edges["tomas|sera|trust"]).toMatchObject({ observations: 1, evidence: ["a"], first_seen: { turn: 1, at: AT }, last_updated: { turn: 1, at: AT } });
    expect(reduceRelationships(undefined, [])).toEqual(emptyGraph());
  });

  it("is pure: frozen inputs are not mutated and results are deterministic", () => {
    const current = deepFreeze(sample());
    const update = deepFreeze([obs({ from: "tomas", to: "sera", type: "trust", memoryId: "z", turn: 4 })]);
    const before = JSON.stringify(current);
    const a = reduceRelationships(current, update);
    const b = reduceRelationships(current, update);
    expect(JSON.stringify(current)).toBe(before);
    expect(a).toEqual(b);
    expect(a).not.toBe(current);
  });

  it("averages sentiment 0.7 old + 0.3 new and grows strength with evidence", () => {
    const g1 = reduceRelationships(undefined, [obs({ from: "a", to: "b", type: "trust", sentiment: 1, strength: 0.5, confidence: 1, memoryId: "1", turn: 5 })]);
    const g2 = reduceRelationships(g1, [obs({ from: "a", to: "b", type: "trust", sentiment: 0, strength: 1, confidence: 1, memoryId: "2", turn: 5 })]);
    const e = g2.edges["a|b|trust"];
    expect(e.sentiment).toBeCloseTo(0.7, 3);
    expect(e.strength).toBeCloseTo(0.5 + 0.5 * 0.35, 3);
    expect(e.observations).toBe(2);
    expect(e.evidence).toEqual(["1", "2"]);
    // Strength approaches 1 but never exceeds it.
    let g = g2;
    for (let i = 3; i < 60; i++) g = reduceRelationships(g, [obs({ from: "a", to: "b", type: "trust", strength: 1, confidence: 1, memoryId: String(i), turn: 5 })]);
    expect(g.edges["a|b|trust"].strength).toBeLessThanOrEqual(1);
    expect(g.edges["a|b|trust"].strength).toBeGreaterThan(0.99);
  });

  it("keeps the highest confidence, updates last_updated and ignores a replayed memory", () => {
    const g1 = reduceRelationships(undefined, [obs({ from: "a", to: "b", type: "fear", confidence: 0.9, memoryId: "x", turn: 1 })]);
    const g2 = reduceRelationships(g1, [obs({ from: "a", to: "b", type: "fear", confidence: 0.5, memoryId: "y", turn: 7, at: "later" })]);
    expect(g2.edges["a|b|fear"]).toMatchObject({ confidence: 0.9, last_updated: { turn: 7, at: "later" }, first_seen: { turn: 1 } });
    expect(reduceRelationships(g2, [obs({ from: "a", to: "b", type: "fear", memoryId: "y", turn: 8 })])).toEqual(g2);
  });

  it("caps evidence, newest last", () => {
    let g = emptyGraph();
    for (let i = 0; i < EVIDENCE_CAP + 5; i++) g = reduceRelationships(g, [obs({ from: "a", to: "b", type: "love", memoryId: `m${i}`, turn: i })]);
    const e = g.edges["a|b|love"];
    expect(e.evidence).toHaveLength(EVIDENCE_CAP);
    expect(e.evidence[EVIDENCE_CAP - 1]).toBe(`m${EVIDENCE_CAP + 4}`);
    expect(e.evidence[0]).toBe("m5");
    expect(e.observations).toBe(EVIDENCE_CAP + 5);
  });

  it("replaces the whole graph with a copy on { replace }", () => {
    const replacement = sample();
    const g = reduceRelationships(reduceRelationships(undefined, [obs({ from: "x", to: "y", type: "love" })]), { replace: replacement });
    expect(g).toEqual(replacement);
    expect(g.edges["tomas|sera|trust"]).not.toBe(replacement.edges["tomas|sera|trust"]);
  });

  it("builds observations from extractor output", () => {
    const o = observationsFromExtraction(
      [{ from: "a", to: "b", type: "trust", sentiment: 0.7, strength: 0.6, confidence: 0.8, needsEnrichment: false, cue: "trusts" }],
      "mem-1", 3, AT,
    );
    expect(o).toEqual([{ from: "a", to: "b", type: "trust", sentiment: 0.7, strength: 0.6, confidence: 0.8, memoryId: "mem-1", turn: 3, at: AT }]);
  });
});

describe("decay", () => {
  it("multiplies strength by 0.97 per turn since the last update", () => {
    const e = { strength: 0.8, last_updated: { turn: 10, at: AT } };
    expect(effectiveStrength(e)).toBe(0.8);
    expect(effectiveStrength(e, 10)).toBe(0.8);
    expect(effectiveStrength(e, 11)).toBeCloseTo(0.776, 6);
    expect(effectiveStrength(e, 33)).toBeCloseTo(0.8 * 0.97 ** 23, 6);
    expect(effectiveStrength(e, 5)).toBe(0.8);
  });

  it("decays stored strength to the new turn before adding evidence", () => {
    const g1 = reduceRelationships(undefined, [obs({ from: "a", to: "b", type: "trust", strength: 0.8, confidence: 1, memoryId: "1", turn: 0 })]);
    const g2 = reduceRelationships(g1, [obs({ from: "a", to: "b", type: "trust", strength: 0, confidence: 1, memoryId: "2", turn: 50 })]);
    expect(g2.edges["a|b|trust"].strength).toBeCloseTo(0.8 * 0.97 ** 50, 3);
  });
});

describe("queries", () => {
  const g = sample();

  it("lists outgoing, incoming, both directions and by type, strongest first", () => {
    expect(outgoing(g, "sera").map((e) => e.type)).toEqual(["hostility", "respect"]);
    expect(incoming(g, "sera").map((e) => e.from)).toEqual(["tomas", "hale"]);
    expect(edgesOf(g, "hale")).toHaveLength(3);
    expect(byType(g, "fear").map((e) => e.from)).toEqual(["hale"]);
  });

  it("filters by entity, type and decayed strength, with a limit", () => {
    expect(queryRelationships(g, { entity_id: "sera" }).map((e) => e.type)).toEqual(["trust", "hostility", "respect", "fear"]);
    expect(queryRelationships(g, { type: "trust" })).toHaveLength(1);
    expect(queryRelationships(g, { min_strength: 0.45 }).map((e) => e.type)).toEqual(["trust", "hostility"]);
    expect(queryRelationships(g, { limit: 2 })).toHaveLength(2);
    // 30 turns later the trust edge (0.8) has decayed under 0.45.
    const late = queryRelationships(g, { min_strength: 0.3, currentTurn: 31 });
    expect(late.every((e) => e.effective_strength >= 0.3)).toBe(true);
    expect(late[0].effective_strength).toBeCloseTo(0.8 * 0.97 ** 30, 2);
  });

  it("summarises edges as compact lines for prompts", () => {
    const text = summarizeRelationships(g, { maxEdges: 2 });
    expect(text.split("\n")).toEqual(["tomas→sera trust +0.6 (0.80)", "sera→hale hostility -0.7 (0.50)"]);
    expect(summarizeRelationships(g, { entityIds: ["tomas"], names: { tomas: "Tomas", sera: "Sera" } })).toBe("Tomas→Sera trust +0.6 (0.80)");
    expect(summarizeRelationships(emptyGraph())).toBe("");
  });

  it("builds a graph view with degrees and decayed strengths", () => {
    const view = toGraphView(g, [{ id: "sera", name: "Sera", type: "character" }, { id: "tomas", name: "Tomas" }, { id: "nobody", name: "Nobody" }], 3);
    expect(view.nodes).toEqual([
      { id: "sera", name: "Sera", type: "character", degree: 4 },
      { id: "tomas", name: "Tomas", type: "unknown", degree: 1 },
      { id: "nobody", name: "Nobody", type: "unknown", degree: 0 },
      { id: "hale", name: "hale", type: "unknown", degree: 3 },
    ]);
    expect(view.edges).toHaveLength(4);
    expect(view.edges.find((e) => e.type === "trust")?.effective_strength).toBeCloseTo(0.8 * 0.97 ** 2, 3);
  });
});
