import { describe, expect, it } from "vitest";
import { extractRelationships } from "./extract.ts";
import type { EntityRef } from "./types.ts";

// Who speaks a quotation and to whom (speech.ts), seen through what the rules read.
const CAST: EntityRef[] = [
  { id: "ren", name: "Ren" },
  { id: "odile", name: "Odile" },
  { id: "pax", name: "Pax" },
];
const edges = (content: string, owner = "ren"): string[] =>
  extractRelationships({ entity_id: owner, content }, CAST).map((r) => `${r.from}>${r.to} ${r.type}${r.needsEnrichment ? " (unsure)" : ""}`).sort();

describe("a quotation's speaker and addressee", () => {
  it("'I … you' in a quotation tagged 'X told Y' is X's feeling for Y, whoever owns the memory; still unsure (said, not narrated)", () => {
    expect(edges("\"I trust you,\" Pax told Odile.")).toEqual(["pax>odile trust (unsure)"]);
    expect(edges("\"I trust you,\" Pax told Odile.", "odile")).toEqual(["pax>odile trust (unsure)"]);
    expect(edges("Pax told Odile: \"I have always admired you.\"")).toEqual(["pax>odile respect (unsure)"]);
  });

  it("a vocative names the addressee, and an inverted tag the speaker", () => {
    expect(edges("\"I fear you, Odile,\" said Pax.")).toEqual(["pax>odile fear (unsure)"]);
    expect(edges("\"I trust you more than anyone, Pax,\" Ren told him.")).toEqual(["ren>pax trust (unsure)"]);
  });

  it("with no one named to speak to, 'you' is no one, and 'I' stays the owner", () => {
    expect(edges("\"I trust you,\" Pax said.")).toEqual([]);
    expect(edges("\"I trust Pax,\" she said.")).toEqual(["ren>pax trust (unsure)"]);
  });
});
