import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind42/43 (issue 15, the first round of 2026-12-03b),
// probed with sentences written for these tests, not taken from the sets. Each class's test failed on
// the code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("names, contractions and clefts (blind42/43 round)", () => {
  it("'Doc' is a doctor's title: 'Odile leans on Doc Hale'", () => {
    expect(edges("Odile leans on Doc Hale for every stitch and splint.")).toEqual(["odile>hale trust+"]);
  });

  it("'Pax's been sweet on Odile', 'Ines's got nothing but contempt for Pax': the 's is 'has'", () => {
    expect(edges("Pax's been sweet on Odile since the harvest fair.")).toEqual(["pax>odile love+"]);
    expect(edges("Lady Ines's got nothing but contempt for Pax.")).toEqual(["ines>pax hostility-"]);
  });

  it("guard: 'Pax's sister' stays a possessive", () => {
    expect(edges("Pax's sister fears Odile.")).toEqual([]);
  });

  it("a cleft without 'that': 'it's Pax she fears'", () => {
    expect(edges("Odile shrugs off the Lady; it's Pax she fears.", "odile")).toEqual(["odile>pax fear-"]);
  });

  it("'the only man in Harrow Vale she trusts': a place name is no extra noun", () => {
    expect(edges("Pax is the only man in Harrow Vale she trusts.", "odile")).toEqual(["odile>pax trust+"]);
  });
});

describe("exceptions and reports (blind42/43 round)", () => {
  it("'trusts nobody with the key but Pax': the exception after the cue's slot", () => {
    expect(edges("Odile trusts nobody with the cellar key but Pax.")).toEqual(["odile>pax trust+"]);
  });

  it("'respects nobody in the valley half so much as Pax', 'fears no one more than Odile'", () => {
    expect(edges("Ren respects nobody in the valley half so much as Pax.")).toEqual(["ren>pax respect+"]);
    expect(edges("Pax fears no one more than Odile.")).toEqual(["pax>odile fear-"]);
  });

  it("guard: 'trusts everyone with the key except Pax' is no trust in Pax", () => {
    expect(edges("Odile trusts everyone with the key except Pax.")).toEqual([]);
  });

  it("a speaker's report of their own bond counts: 'Pax wrote his aunt that he and Odile are the best of friends'", () => {
    expect(edges("Pax wrote his aunt that he and Odile are the best of friends.", "pax")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("guard: what a speaker says of two others is still a claim, and a belief is not a report", () => {
    expect(edges("Pax wrote that Odile and Lady Ines are the best of friends.")).toEqual([]);
    expect(edges("Pax thinks that he and Odile are friends.")).toEqual([]);
  });
});
