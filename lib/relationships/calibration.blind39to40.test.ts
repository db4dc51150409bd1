import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind39/40 (issue 15, the third round of 2026-12-03),
// probed with sentences written for these tests, not taken from the sets. Each class's test failed on
// the code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("denials, offers, wagers and private truths (blind39/40 round)", () => {
  it("a plain denial of a cold feeling is no edge either: 'Odile did not suspect Pax'", () => {
    expect(edges("Odile did not suspect Pax; she did not suspect anyone.")).toEqual([]);
  });

  it("guard: 'does not doubt Pax for a moment' is still trust", () => {
    expect(edges("Odile does not doubt Pax for a moment.")).toEqual(["odile>pax trust+"]);
  });

  it("'proposed an alliance with Pax' is an offer, no tie yet; 'the clerks bet that Odile would marry Pax' a wager", () => {
    expect(edges("Odile proposed an alliance with Pax; he has not yet answered.")).toEqual([]);
    expect(edges("The clerks bet that Odile would marry Pax by spring.")).toEqual([]);
  });

  it("'praised Pax in public, though privately she holds him in contempt': the private reading stands", () => {
    expect(edges("Odile praised Pax's wisdom in her speech, though privately she holds Pax in contempt.", "odile")).toEqual(["odile>pax hostility-"]);
  });

  it("guard: 'privately distrusts Pax, although she respects him' keeps both", () => {
    expect(edges("Odile privately distrusts Pax, although she respects his devotion.", "odile")).toEqual(["odile>pax distrust-", "odile>pax respect+"]);
  });

  it("'despised Pax for a year; they reconciled long ago' drops the grudge", () => {
    expect(edges("Odile despised Pax for a year after the vote; they reconciled long ago.")).toEqual([]);
  });

  it("a name we do not know after the preposition fills the slot: 'signed the pact with Lusk on Pax's counsel'", () => {
    expect(edges("Odile signed the trade pact with Lusk on Pax's counsel.")).toEqual([]);
  });
});

describe("tails and asides (blind39/40 round)", () => {
  it("'trusts Pax with the key, and no one else — not since the fire': the tail qualifies 'no one else'", () => {
    expect(edges("Odile trusts Pax with the key, and no one else — not since the fire.")).toEqual(["odile>pax trust+"]);
  });

  it("guard: 'once feared Pax, but not anymore' is still over", () => {
    expect(edges("Odile once feared Pax, but not anymore.")).toEqual([]);
  });

  it("', more than she liked,' is an aside: 'came to rely, more than she liked, on Pax's memory'", () => {
    expect(edges("Odile had come to rely, more than she liked, on Pax's memory of the house.")).toEqual(["odile>pax trust+"]);
  });
});
