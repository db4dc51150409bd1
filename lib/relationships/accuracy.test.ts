import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ExtractionScore, parseDataset, scoreExtraction } from "./score.ts";
import { type EntityRef, EntityRefSchema } from "./types.ts";

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
  it("labelled set: ≥ 0.90 exact match, every type covered", () => {
    const data = parseDataset(read("relationships.jsonl"));
    expect(data.length).toBeGreaterThanOrEqual(170);
    const s = scoreExtraction(data, CAST);
    const summary = report("relationships.jsonl", s);
    for (const v of Object.values(s.perType)) expect(v.tp + v.fn).toBeGreaterThanOrEqual(10);
    expect(data.filter((l) => l.expected.length === 0).length).toBeGreaterThanOrEqual(20);
    expect(s.accuracy, summary).toBeGreaterThanOrEqual(0.9);
  });

  it("held-out sets: ≥ 0.85 exact match", () => {
    for (const file of ["relationships.holdout.jsonl", "relationships.holdout2.jsonl"]) {
      const data = parseDataset(read(file));
      const s = scoreExtraction(data, CAST);
      const summary = report(file, s);
      expect(s.accuracy, summary).toBeGreaterThanOrEqual(0.85);
    }
  });

  // Written blind, before reading the extractor. blind.jsonl drove the fixes after its first run
  // (0.758); blind2 (0.767 once) and blind3 (0.588 once) drove the next round, so all three are now
  // regression guards. blind4 was written after those fixes and measured once (0.767): it is only
  // reported, because tuning on it would make that number meaningless.
  it("blind set (dev since its first run): ≥ 0.90 exact match", () => {
    const s = scoreExtraction(parseDataset(read("relationships.blind.jsonl")), CAST);
    const summary = report("relationships.blind.jsonl", s);
    expect(s.total).toBe(120);
    expect(s.accuracy, summary).toBeGreaterThanOrEqual(0.9);
  });

  it("second and third blind sets (dev since their first runs): ≥ 0.90 exact match", () => {
    for (const [file, total] of [["relationships.blind2.jsonl", 60], ["relationships.blind3.jsonl", 80]] as const) {
      const s = scoreExtraction(parseDataset(read(file)), CAST);
      const summary = report(file, s);
      expect(s.total).toBe(total);
      expect(s.accuracy, summary).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("fourth blind set: reported, not asserted", () => {
    const s = scoreExtraction(parseDataset(read("relationships.blind4.jsonl")), CAST);
    const summary = report("relationships.blind4.jsonl (reported only)", s);
    expect(s.total, summary).toBe(60);
  });

  // blind5 and blind6 were written together, before reading the extractor. blind5 (0.770 on first run)
  // drove the fifth round of fixes, so it is a regression guard now. blind6 was run once, after those
  // fixes: 0.933. Its author also chose the cue families, so that figure may be somewhat optimistic
  // (see README, "Measured accuracy").
  it("fifth blind set (dev since its first run): ≥ 0.90 exact match", () => {
    const s = scoreExtraction(parseDataset(read("relationships.blind5.jsonl")), CAST);
    const summary = report("relationships.blind5.jsonl", s);
    expect(s.total).toBe(100);
    expect(s.accuracy, summary).toBeGreaterThanOrEqual(0.9);
  });

  it("sixth blind set (final, measured once at 0.933): ≥ 0.85 exact match", () => {
    const s = scoreExtraction(parseDataset(read("relationships.blind6.jsonl")), CAST);
    const summary = report("relationships.blind6.jsonl", s);
    expect(s.total).toBe(60);
    expect(s.accuracy, summary).toBeGreaterThanOrEqual(0.85);
  });

  it("scores exact sets: a missing or extra edge, or a wrong sign, fails the line", () => {
    const line = { id: "t1", entity_id: "sera", content: "Sera trusts Tomas.", expected: [{ from: "sera", to: "tomas", type: "trust" as const, sign: 1 as const }] };
    expect(scoreExtraction([line], CAST).accuracy).toBe(1);
    expect(scoreExtraction([{ ...line, expected: [{ ...line.expected[0], sign: -1 as const }] }], CAST).accuracy).toBe(0);
    expect(scoreExtraction([{ ...line, expected: [] }], CAST)).toMatchObject({ accuracy: 0, perType: { trust: { fp: 1, tp: 0 } } });
    expect(() => parseDataset('{"id": "x"}')).toThrow(/dataset line 1/);
  });
});
