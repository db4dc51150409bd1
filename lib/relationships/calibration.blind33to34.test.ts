import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind33/34 (issue 15, the second round of 2026-12-02
// night), probed with sentences written for these tests, not taken from the sets. Each class's test
// failed on the code before the round; the guard tests pin what a new rule must not do.
const { edges, sure } = relationshipProbes(PROBE_CAST, "ren");

describe("relatives after a phrase or a preposition (blind33/34 round)", () => {
  it("', whom she hates' after 'Pax on the quay', and ', of whom I have grown fond' / ', in whom she confides'", () => {
    expect(edges("Odile did not look back at Pax on the quay, whom she hates.", "odile")).toEqual(["odile>pax hostility-"]);
    expect(edges("I wrote to my mother of whales, and of Pax, of whom I have grown very fond.")).toEqual(["ren>pax friendship+"]);
    expect(edges("She speaks of it only to Pax, in whom she confides everything.", "odile")).toEqual(["odile>pax trust+"]);
  });

  it("guard: a standalone 'relies' with no one to rely on is nothing", () => {
    expect(edges("Odile relies heavily on the harvest.")).toEqual([]);
  });
});

describe("voice, asides and refutation (blind33/34 round)", () => {
  it("'Pax is trusted by Odile with the key': a passive slot names the holder", () => {
    expect(sure("Pax is trusted by Odile with the key to the cellar.")).toEqual(["odile>pax trust"]);
  });

  it("', to everyone's surprise,' and ', of course,' are asides", () => {
    expect(edges("Odile is in love with Pax, and Pax, to everyone's surprise, loves her back.")).toContain("pax>odile love+");
  });

  it("'…; he doesn't believe a word of it' leaves nothing of the claim", () => {
    expect(edges("Ren heard the crew swear Odile and Pax are secret lovers; he doesn't believe a word of it.")).toEqual([]);
  });

  it("'X's friendship with Y is a fiction' is a pretence", () => {
    expect(edges("Odile's friendship with Pax is a fiction they keep up for the envoys.")).toEqual([]);
  });
});

describe("objects and idioms (blind33/34 round)", () => {
  it("'despises Pax's sermons but respects the man': the sermons are not the man", () => {
    expect(sure("Odile despises Pax's sermons but respects the man.")).not.toContain("odile>pax hostility");
  });

  it("'admires the cold way she handles …', 'finds her terrifying', 'wants Pax hurt'", () => {
    expect(edges("Pax fears Lady Ines, yet he admires the cold way she handles the guild.", "pax")).toEqual(["pax>ines fear-", "pax>ines respect+"]);
    expect(edges("Odile, for her part, finds Pax terrifying.")).toEqual(["odile>pax fear-"]);
    expect(edges("Odile wants Pax hurt for what he did.")).toEqual(["odile>pax hostility-"]);
  });

  it("'sealed their pact', 'pledged themselves to', 'swore an oath of common cause' are a group's alliance", () => {
    expect(edges("Odile and Pax sealed their pact with wax.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile and Pax pledged themselves to the same cause.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });
});

describe("time and contrast across clauses (blind33/34 round)", () => {
  it("'X now …, though he once …' / 'enemies now; once we were friends' keep only the present", () => {
    expect(edges("Odile confides in Pax now, though she once thought him a viper.", "odile")).toEqual(["odile>pax trust+"]);
    expect(edges("Pax and I are enemies now; once we were the dearest of friends.")).toEqual(["pax>ren hostility-", "ren>pax hostility-"]);
  });

  it("guard: 'once she learns' is 'as soon as', no earlier time", () => {
    expect(edges("Odile distrusts Pax now, and she fears what he will do once he learns the truth.", "odile")).toEqual(["odile>pax distrust-", "odile>pax fear-"]);
  });

  it("'hates Pax's new tax but reveres the man' gives the tax no edge; 'whatever the gossips say' is no rumour", () => {
    expect(edges("Odile hates Pax's new tax, but she reveres the man himself.")).toEqual(["odile>pax respect+"]);
    expect(edges("Odile does not fear Pax, whatever the court gossips say; she merely distrusts him.", "odile")).toEqual(["odile>pax distrust-"]);
  });
});

describe("quotations (blind33/34 round)", () => {
  it("'“Pax and I have sealed a pact”': an opening quotation mark is no content before a group", () => {
    expect(edges("Ren: \"Pax and I have sealed a pact: his ships, my gold.\"")).toEqual(["pax>ren alliance+", "ren>pax alliance+"]);
  });

  it("what a speaker says of two others is a claim, no edge ('“Odile hates Pax,” Lady Ines told me')", () => {
    expect(edges("\"Odile hates Pax,\" Lady Ines told me, but I have seen no sign of it.")).toEqual([]);
  });

  it("guard: the speaker's own feeling in a quotation stands", () => {
    expect(edges("\"I hate you, Pax,\" Odile said.")).toEqual(["odile>pax hostility-"]);
  });
});
