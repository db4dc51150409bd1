import { describe, expect, it } from "vitest";
import { extractRelationships } from "./extract.ts";
import type { EntityRef } from "./types.ts";

const CAST: EntityRef[] = [
  { id: "ren", name: "Ren" },
  { id: "odile", name: "Odile" },
  { id: "pax", name: "Pax" },
  { id: "ines", name: "Lady Ines" },
];
const read = (content: string, owner = "ren") =>
  extractRelationships({ entity_id: owner, content }, CAST).map((r) => `${r.from}→${r.to} ${r.type} ${r.needsEnrichment ? "unsure" : "sure"}`);

describe("confidence calibration: doubtful readings go to enrichment, plain ones stay sure", () => {
  it("plain statements are unaffected", () => {
    expect(read("Ren trusts Odile.")).toEqual(["ren→odile trust sure"]);
    expect(read("Ren and Pax are sworn allies.").sort()).toEqual(["pax→ren alliance sure", "ren→pax alliance sure"]);
  });

  it("a cue inside a quotation is what someone said, not necessarily what is felt", () => {
    // The speaker's own feeling stays, unsure; what she says of two others is a claim, no edge (the brief).
    expect(read("“I hate you,” Odile told Ren.", "odile")).toEqual(["odile→ren hostility unsure"]);
    expect(read("“Pax hates you,” Odile told Ren.", "odile")).toEqual([]);
  });

  it("a conditional or counterfactual feeling is not current", () => {
    // The condition's consequence after a modal is no edge at all (calibration.blind29to30.test.ts), an
    // inverted condition after its consequence too (calibration.blind47to48.test.ts), and so is what
    // would have been (calibration.blind57to58.test.ts).
    for (const s of ["If Ren ever found out, he would despise Pax.", "Unless Pax pays, Ren will loathe him.", "Ren might have trusted Odile, had she stayed.", "Ren might have trusted Odile in another life."]) expect(read(s), s).toEqual([]);
    expect(read("Ren trusts Odile even if she is late.")).toEqual(["ren→odile trust sure"]);
  });

  it("the third segment of a long sentence with its holder named far back is a guess", () => {
    const edges = read("Ren paid the ferryman, waved at Odile on the quay, and quietly despised Pax for the rest of the crossing.");
    expect(edges.filter((e) => e.includes("hostility")).length).toBeGreaterThan(0);
    expect(edges.filter((e) => e.includes("hostility")).every((e) => e.endsWith("unsure"))).toBe(true);
  });

  it("an oath word in a sentence of harm is not an alliance", () => {
    expect(read("Ren pledged his sword to Pax, vowing to kill him at the end.")).toContain("ren→pax alliance unsure");
  });

  it("trust as property is no feeling", () => {
    expect(read("Ren holds a trust fund for Odile.")).toEqual([]);
    expect(read("Ren put his trust in Odile.")).toEqual(["ren→odile trust sure"]);
  });

  it("a kinship word that belongs to someone else gives no sure family edge", () => {
    expect(read("Ren is Odile's nephew's tutor.")).toEqual(["odile→ren family unsure", "ren→odile family unsure"]);
    const kin = read("Ren admires Pax but cannot stand his cousin Odile.").filter((e) => e.includes("family"));
    expect(kin.length).toBeGreaterThan(0);
    expect(kin.every((e) => e.endsWith("unsure"))).toBe(true);
  });

  it("a clause marked as earlier, turned by a later one, is not sure", () => {
    const edges = read("Pax was Ren's rival for years, but they shook hands at the harvest fair.");
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => e.endsWith("unsure"))).toBe(true);
  });

  it("affection is friendship or love: either reading is a guess", () => {
    expect(read("Ren is fond of Odile.")).toEqual(["ren→odile friendship unsure"]);
  });

  it("a bond seen by one side is sure only from the viewer", () => {
    expect(read("Ren regards Pax as his fiercest rival in the guild.").sort()).toEqual(["pax→ren rivalry unsure", "ren→pax rivalry sure"]);
    expect(read("Odile thinks of Ren as a friend.", "odile").sort()).toEqual(["odile→ren friendship sure", "ren→odile friendship unsure"]);
    expect(read("Ren looks on his cousin Pax as a rival for the farm.").filter((e) => e.includes("rivalry")).sort())
      .toEqual(["pax→ren rivalry unsure", "ren→pax rivalry sure"]);
    expect(read("Pax has always been a steadfast friend to Odile.", "pax").sort()).toEqual(["odile→pax friendship unsure", "pax→odile friendship sure"]);
    // Made together, or stated as shared: both sides stay sure.
    expect(read("Ren and Odile are rivals.").sort()).toEqual(["odile→ren rivalry sure", "ren→odile rivalry sure"]);
    expect(read("Ren made an enemy of Pax.").sort()).toEqual(["pax→ren hostility sure", "ren→pax hostility sure"]);
  });

  it("a question asks about a feeling, it does not state one; nor does a belief tag", () => {
    expect(read("Odile resents Pax, or so Ren believed.")).toEqual(["odile→pax hostility unsure"]);
    // A question is no edge at all (the labelling convention), unless its "?" belongs to a later part.
    expect(read("Does Odile still resent Pax?")).toEqual([]);
    expect(read("Odile resents Pax; why?")).toEqual(["odile→pax hostility unsure"]);
  });

  it("hearsay: someone else's feeling reported by a speaker is no edge; the speaker's own is", () => {
    expect(read("Lady Ines told the stewards that Odile loathed Pax.", "ines")).toEqual([]);
    expect(read("Ren heard that Pax distrusts Odile.")).toEqual([]);
    // Where the speaker's part ends ("; …", ", but …", ", and <name> …") the narrator speaks again.
    expect(read("Lady Ines told the stewards the news, and Odile loathed Pax for it.", "ines")).toEqual(["odile→pax hostility sure"]);
    expect(read("Ren told the boatman that he trusted Odile.")).toEqual(["ren→odile trust sure"]);
  });

  it("a 'less than' comparison: trust turns to distrust, other feelings become unsure", () => {
    expect(read("Ren trusts Pax less than he trusts a cracked oar.")).toEqual(["ren→pax distrust sure"]);
    expect(read("Ren fears Pax less than he fears the winter.")).toEqual(["ren→pax fear unsure"]);
    expect(read("Ren trusts Pax more than anyone.")).toEqual(["ren→pax trust sure"]);
  });

  it("a feeling wished for or pretended is not held", () => {
    // Pretended or wished for: no edge at all; worked towards ("tried to trust") stays a doubted reading.
    expect(read("Ren pretends to like Pax.")).toEqual([]);
    expect(read("Ren wants to trust Odile.")).toEqual([]);
    expect(read("Ren tried to trust Odile.")).toEqual(["ren→odile trust unsure"]);
    expect(read("Ren has long envied Pax.")).toEqual(["ren→pax rivalry sure"]);
  });

  it("a past feeling with an end ('until the war') is not current; 'until the day he dies' is", () => {
    expect(read("Ren loathed Pax until the flood.")).toEqual(["ren→pax hostility unsure"]);
    expect(read("Ren will trust Pax until the day he dies.")).toEqual(["ren→pax trust sure"]);
  });

  it("advice is a feeling recommended, not held", () => {
    expect(read("Odile says I should fear Pax.")).toEqual(["ren→pax fear unsure"]);
    expect(read("Ren ought to trust Odile.")).toEqual(["ren→odile trust unsure"]);
  });
});
