import { describe, expect, it } from "vitest";
import type { NewEnrichmentTask } from "../lib/enrichment/queue.ts";
import type { DatasetLine } from "../lib/relationships/score.ts";
import { graphEdgesOf } from "./graphSets.ts";
import { draw, oracleClassifier } from "./oracleClassifier.ts";

const CAST = [
  { id: "sera", name: "Sera" },
  { id: "tomas", name: "Tomas" },
  { id: "hale", name: "Dr. Yuen Hale" },
];
const line = (id: string, content: string, expected: DatasetLine["expected"]): DatasetLine => ({ id, entity_id: "sera", content, expected });
const ALLIES = line("t1", "Tomas and Hale traded a look across the ledger and said nothing more that night.", [
  { from: "tomas", to: "hale", type: "alliance", sign: 1 },
  { from: "hale", to: "tomas", type: "alliance", sign: 1 },
]);
const task = (l: DatasetLine, from: string, to: string): NewEnrichmentTask => ({
  session_id: "eval", memory_id: l.id, entity_id: l.entity_id, content: l.content, from, to, reason: "untyped", turn: 1,
});

describe("oracleClassifier: the labels as a ceiling for enrichment", () => {
  it("at accuracy 1 answers every labelled edge of the pair, both ways", async () => {
    const classify = oracleClassifier([ALLIES], { edges: 1, none: 1 });
    expect(await classify(task(ALLIES, "tomas", "hale"))).toMatchObject({
      edges: [{ from: "tomas", to: "hale", type: "alliance" }, { from: "hale", to: "tomas", type: "alliance" }],
      reason: expect.stringMatching(/not a model/),
    });
    const kin = line("t4", "Sera and her brother Tomas have not spoken since the funeral.", [
      { from: "sera", to: "tomas", type: "family", sign: -1 },
      { from: "tomas", to: "sera", type: "family", sign: -1 },
      { from: "sera", to: "tomas", type: "hostility", sign: -1 },
    ]);
    const answer = await oracleClassifier([kin], { edges: 1, none: 1 })(task(kin, "sera", "tomas"));
    expect(answer.edges.map((e) => `${e.from}>${e.to}:${e.type}:${Math.sign(e.sentiment)}`)).toEqual(["sera>tomas:family:-1", "sera>tomas:hostility:-1", "tomas>sera:family:-1"]);
    const quiet = line("t2", "Sera and Tomas walked to the market.", []);
    expect(await oracleClassifier([quiet], { edges: 1, none: 1 })(task(quiet, "sera", "tomas"))).toMatchObject({ edges: [] });
  });

  it("at accuracy 0 is always wrong: a labelled feeling is missed or confused, an unlabelled one invented", async () => {
    const answer = await oracleClassifier([ALLIES], { edges: 0, none: 0 })(task(ALLIES, "tomas", "hale"));
    expect(answer.edges.some((e) => e.type === "alliance")).toBe(false);
    const quiet = line("t3", "Sera and Tomas walked to the market.", []);
    expect((await oracleClassifier([quiet], { edges: 1, none: 0 })(task(quiet, "sera", "tomas"))).edges.map((e) => e.type)).toEqual(["friendship", "friendship"]);
  });

  it("draws the same number for the same key, spread evenly over [0, 1)", () => {
    expect(draw("b83_001|sera|tomas")).toBe(draw("b83_001|sera|tomas"));
    const xs = Array.from({ length: 4000 }, (_, i) => draw(`line${i}|a|b`));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.filter((x) => x < 0.9).length / xs.length).toBeCloseTo(0.9, 1);
  });

  it("through the write path, an untyped pair answered both ways gives both edges of a mutual tie", async () => {
    const tally = { calls: 0, none: 0, failed: 0 };
    const edges = await graphEdgesOf(ALLIES, CAST, oracleClassifier([ALLIES], { edges: 1, none: 1 }), "none", tally);
    expect(tally.calls).toBe(1);
    expect(edges.map((e) => `${e.from}>${e.to}:${e.type}`).sort()).toEqual(["hale>tomas:alliance", "tomas>hale:alliance"]);
  });
});
