import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ExtractionScore, parseDataset, scoreExtraction } from "./score.ts";
import { type EntityRef, EntityRefSchema } from "./types.ts";
import { LABELLED_SETS } from "../../evals/extractionSets.ts";

const DIR = new URL("../../evals/datasets/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, DIR), "utf8");
const CAST: EntityRef[] = EntityRefSchema.array().parse(JSON.parse(read("relationships.entities.json")));

/** The score with every miss, shown only when an assertion fails (`npm run eval -- relationships` reports it always). */
function report(name: string, s: ExtractionScore): string {
  const rows = Object.entries(s.perType).map(([t, v]) => `  ${t.padEnd(11)} P ${v.precision.toFixed(2)}  R ${v.recall.toFixed(2)}  (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})`);
  const misses = s.failures.map((f) => `  miss ${f.id} ${f.content}`);
  return [`${name}: exact-match accuracy ${s.accuracy.toFixed(3)} (${s.correct}/${s.total})`, ...rows, ...misses].join("\n");
}

describe("relationship extraction accuracy", () => {
  // Which sets were tuned on and which are first contact: evals/extractionSets.ts (reconstructed from
  // the git history; docs/relationships.md shows the table). Tuned sets are regression guards that sit
  // a few lines under today's count; first-contact sets are reported, never gated, never tuned to.
  const tuned = LABELLED_SETS.filter((s) => s.status === "tuned");

  it("labelled set covers every type and keeps lines without a relationship", () => {
    const data = parseDataset(read("relationships.jsonl"));
    const s = scoreExtraction(data, CAST);
    for (const v of Object.values(s.perType)) expect(v.tp + v.fn).toBeGreaterThanOrEqual(10);
    expect(data.filter((l) => l.expected.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(tuned.map((s) => [s.file, s] as const))("tuned set %s: a regression of a few lines fails", (file, set) => {
    const s = scoreExtraction(parseDataset(read(file)), CAST);
    expect(s.total).toBe(set.lines);
    expect(s.correct, report(file, s)).toBeGreaterThanOrEqual(set.minCorrect ?? set.lines);
  });

  it("first-contact sets are reported only (their size is fixed so they cannot be trimmed to fit)", () => {
    const first = LABELLED_SETS.filter((s) => s.status === "first-contact");
    expect(first.length).toBeGreaterThanOrEqual(1);
    for (const set of first) {
      expect(set.minCorrect).toBeNull();
      expect(scoreExtraction(parseDataset(read(set.file)), CAST).total).toBe(set.lines);
    }
  });

  it("every labelled file in evals/datasets is in the table", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".jsonl")).sort();
    expect(LABELLED_SETS.map((s) => s.file).sort()).toEqual(files);
  });

  it("scores exact sets: a missing or extra edge, or a wrong sign, fails the line", () => {
    const line = { id: "t1", entity_id: "sera", content: "Sera trusts Tomas.", expected: [{ from: "sera", to: "tomas", type: "trust" as const, sign: 1 as const }] };
    expect(scoreExtraction([line], CAST).accuracy).toBe(1);
    expect(scoreExtraction([{ ...line, expected: [{ ...line.expected[0], sign: -1 as const }] }], CAST).accuracy).toBe(0);
    expect(scoreExtraction([{ ...line, expected: [] }], CAST)).toMatchObject({ accuracy: 0, perType: { trust: { fp: 1, tp: 0 } } });
    expect(() => parseDataset('{"id": "x"}')).toThrow(/dataset line 1/);
  });
});
