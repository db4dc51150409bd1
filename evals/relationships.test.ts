import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RELATIONSHIP_TYPES } from "../lib/relationships/types.ts";
import { scoreExtraction, type ScoredEdge } from "../lib/relationships/score.ts";
import { edgeCounts, extractScored, loadDataset, loadDatasetEntities, relationshipDerivedMetrics, sameEdges } from "./extraction.ts";
import relationshipTests from "./relationshipTests.ts";
import { extractionMatches } from "./relationshipAssertions.ts";

describe("relationship extraction eval", () => {
  const entities = loadDatasetEntities();
  const lines = loadDataset("labelled");

  it("counts tp/fp/fn exactly like relationships/score.ts", () => {
    const totals: Record<string, number> = {};
    for (const line of lines) {
      for (const [k, v] of Object.entries(edgeCounts(line.expected, extractScored(line, entities)))) totals[k] = (totals[k] ?? 0) + v;
    }
    const score = scoreExtraction(lines, entities);
    for (const t of RELATIONSHIP_TYPES) {
      expect({ t, tp: totals[`tp_${t}`], fp: totals[`fp_${t}`], fn: totals[`fn_${t}`] }).toEqual({ t, tp: score.perType[t].tp, fp: score.perType[t].fp, fn: score.perType[t].fn });
    }
  });

  it("relationships.yaml lists exactly the derived metrics extraction.ts defines", () => {
    const yaml = readFileSync(new URL("./relationships.yaml", import.meta.url), "utf8");
    const listed = [...yaml.matchAll(/- name: (\S+)\n\s+value: "([^"]+)"/g)].map((m) => ({ name: m[1], value: m[2] }));
    expect(listed).toEqual(relationshipDerivedMetrics());
  });

  it("generates one test per labelled memory, with its expected edges", () => {
    const tests = relationshipTests({ splits: ["labelled"] });
    expect(tests).toHaveLength(lines.length);
    expect(tests[0].vars).toMatchObject({ id: lines[0].id, entity_id: lines[0].entity_id, expected: lines[0].expected });
  });

  it("the assertion passes on an exact match and reports counts", () => {
    const expected: ScoredEdge[] = [{ from: "sera", to: "tomas", type: "trust", sign: 1 }];
    const hit = extractionMatches(JSON.stringify(expected), { vars: { expected } });
    expect(hit.pass).toBe(true);
    expect(hit.namedScores).toMatchObject({ tp_trust: 1, tp_all: 1, fp_all: 0, fn_all: 0 });
    const miss = extractionMatches("[]", { vars: { expected } });
    expect(miss.pass).toBe(false);
    expect(miss.namedScores).toMatchObject({ fn_trust: 1, fn_all: 1 });
    expect(sameEdges(expected, [])).toBe(false);
    expect(sameEdges(expected, [...expected, ...expected])).toBe(true);
  });
});
