import { describe, expect, it } from "vitest";
import { dedupe, fuseRankings, type FusionCandidate } from "./hybrid.ts";
import { indexTerms, relatedTerms, stemTerm } from "./terms.ts";

const doc = (label: number, content: string, extra: Partial<FusionCandidate> = {}): FusionCandidate => ({
  label, content, entity_id: "tomas", importance: 0.5, turn: 1, related_entities: [], ...extra,
});
const docsOf = (...ds: FusionCandidate[]) => new Map(ds.map((d) => [d.label, d]));
const none = { focus: new Set<string>(), currentTurn: 10 };

describe("fuseRankings (reciprocal-rank fusion)", () => {
  it("ranks a memory both sides found above memories only one side found", () => {
    const docs = docsOf(doc(1, "the key under the wagon"), doc(2, "the horses at dawn"), doc(3, "the flour ration"));
    const fused = fuseRankings([2, 1], [3, 1], docs, 3, none);
    expect(fused[0].label).toBe(1);
    expect(fused[0].score).toBe(1);
    expect(fused.map((h) => h.label).sort()).toEqual([1, 2, 3]);
  });

  it("finds keyword-only hits the vector side missed, and keeps k", () => {
    const docs = docsOf(doc(1, "a"), doc(2, "b"), doc(3, "c"), doc(4, "d"));
    expect(fuseRankings([1, 2], [4], docs, 3, none).map((h) => h.label)).toContain(4);
    expect(fuseRankings([1, 2], [3, 4], docs, 2, none)).toHaveLength(2);
  });

  it("boosts memories held by a focus entity, then those naming it, and the player's in the first person", () => {
    const docs = docsOf(doc(1, "held by another", { entity_id: "okoro" }), doc(2, "held by ilse", { entity_id: "ilse" }), doc(3, "names ilse", { entity_id: "bess", related_entities: ["ilse"] }));
    // Equal ranks on one side each: only the boosts decide.
    const fused = fuseRankings([1, 2, 3], [1, 2, 3], docs, 3, { focus: new Set(["ilse"]), currentTurn: 1 });
    expect(fused.map((h) => h.label).slice(0, 2)).toEqual([2, 3]);
    const self = fuseRankings([1, 2], [1, 2], docsOf(doc(1, "okoro hid a locket", { entity_id: "okoro" }), doc(2, "mara hid the key", { entity_id: "okoro", related_entities: ["mara"] })), 2, { focus: new Set(), self: "mara", currentTurn: 1 });
    expect(self[0].label).toBe(2);
  });

  it("is deterministic on ties (older label first)", () => {
    const docs = docsOf(doc(5, "x"), doc(3, "y"));
    expect(fuseRankings([5], [3], docs, 2, none).map((h) => h.label)).toEqual([3, 5]);
  });
});

describe("dedupe", () => {
  it("drops a near-copy of a better-ranked memory of the same holder and keeps other holders' copies", () => {
    const docs = docsOf(doc(1, "Mara hid the brass key under the third wagon."), doc(2, "Mara hid the brass key under the third wagon!"), doc(3, "Mara hid the brass key under the third wagon.", { entity_id: "mara" }));
    const kept = dedupe([{ label: 1 }, { label: 2 }, { label: 3 }], docs).map((h) => h.label);
    expect(kept[0]).toBe(1);
    expect(kept).not.toContain(2);
    expect(kept).toContain(3);
  });

  it("moves repeats of one routine behind distinct memories", () => {
    const docs = docsOf(doc(1, "Mara and Tomas watched the horizon at the wagons."), doc(2, "Mara and Tomas watched the horizon at the salt pan."), doc(3, "Tomas owes Mara five coins for the waterskin."));
    expect(dedupe([{ label: 1 }, { label: 2 }, { label: 3 }], docs).map((h) => h.label)).toEqual([1, 3, 2]);
  });
});

describe("keyword terms", () => {
  it("brings irregular and regular forms to one stem", () => {
    expect(new Set(["hid", "hidden", "hide", "hiding", "hides"].map(stemTerm)).size).toBe(1);
    expect(new Set(["swore", "sworn", "swear", "swears"].map(stemTerm)).size).toBe(1);
    expect(stemTerm("promised")).toBe(stemTerm("promises"));
    expect(stemTerm("buried")).toBe(stemTerm("bury"));
  });

  it("drops stop words and keeps names, numbers and other scripts", () => {
    expect(indexTerms("I go back for what I hid")).toEqual([stemTerm("hid")]);
    expect(indexTerms("Pier 7, Tobin Marsh's 水 well")).toEqual(["pier", "7", "tobin", "marsh", "水", "well"]);
  });

  it("relates words a story uses for the same thing", () => {
    expect(relatedTerms(stemTerm("hid"))).toContain(stemTerm("buried"));
    expect(relatedTerms(stemTerm("owe"))).toContain(stemTerm("borrowed"));
    expect(relatedTerms(stemTerm("lantern"))).toEqual([]);
  });
});
