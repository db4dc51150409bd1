import { describe, expect, it } from "vitest";
import { mulberry32 } from "../common/seededRandom.ts";
import { analyzeOrDefer } from "./analyzeOrDefer.ts";
import { analyzeRelationshipMemory, extractRelationships } from "./extract.ts";
import type { EntityRef } from "./types.ts";

// A memory is model output: untrusted text. The rules must read any text without throwing and
// return only edges between distinct cast members, whatever the word order.
const CAST: EntityRef[] = [
  { id: "ren", name: "Ren" },
  { id: "odile", name: "Odile Marsh" },
  { id: "pax", name: "Captain Pax" },
  { id: "ines", name: "Lady Ines" },
];
const WORDS = (
  "Both both Ren Odile Marsh Captain Pax Lady Ines Ren's Odile's the Captain her his their they them she he I me my we each other " +
  "one another neither nor either and or but , ; : . ? ! \" “ ” ' ( ) - — once now never not no longer used to had been was were would if " +
  "trusts distrusts fears loves hates respects rivals allies enemies friends sister cousin father betrothed to engaged fond of a soft spot for " +
  "wary of relies on suspects admires despises the day since the heard that wishes could pretends claims who whom which that of with for " +
  "at court like as a child has become ended in all but blood the two the pair both of them all three himself herself man woman " +
  "said told asked to you your yet sooner rather than"
).split(" ");

function sentences(count: number, seed: number): string[] {
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 18);
    return Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" ");
  });
}

describe("the rules read any text", () => {
  it("never throw on generated word salad, and return only edges between distinct cast members", () => {
    const ids = new Set(CAST.map((c) => c.id));
    for (const content of sentences(4000, 15)) {
      for (const owner of ["ren", "pax"]) {
        let found: ReturnType<typeof extractRelationships> = [];
        expect(() => (found = extractRelationships({ entity_id: owner, content }, CAST)), content).not.toThrow();
        for (const r of found) {
          expect(ids.has(r.from) && ids.has(r.to) && r.from !== r.to, content).toBe(true);
          expect(r.confidence >= 0 && r.confidence <= 1, content).toBe(true);
        }
      }
    }
  });

  it("a memory opening with 'Both X and Y' reads both holders (it once threw)", () => {
    expect(extractRelationships({ entity_id: "ren", content: "Both Odile and Captain Pax distrust Ren." }, CAST).map((r) => `${r.from}>${r.to} ${r.type}`).sort())
      .toEqual(["odile>ren distrust", "pax>ren distrust"]);
  });

  it("on the write path a reading that throws keeps the memory's pairs for enrichment and says why", () => {
    const broken = (): never => {
      throw new TypeError("rule bug");
    };
    const memory = { entity_id: "ren", content: "Odile Marsh and Lady Ines argued while Ren watched." };
    expect(analyzeOrDefer(memory, CAST, broken)).toEqual({
      relationships: [],
      unclassifiedPairs: [{ from: "odile", to: "ines" }, { from: "odile", to: "ren" }, { from: "ines", to: "ren" }],
      error: "rule bug",
    });
    expect(analyzeOrDefer(memory, CAST)).toEqual(analyzeRelationshipMemory(memory, CAST));
  });
});
