import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses read off blind82 (issue 15, the second round of 2026-12-03d: a hard-boiled story told in
// the first person by each memory's owner), probed with sentences written for these tests, not taken from the
// set. Each class's test failed on the code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("the first person's pair and deals", () => {
  it("'which makes us rivals', 'that makes us friends': 'us' is the speaker and the last other person named", () => {
    expect(edges("Pax and I go back. He wears a badge and I don't, which makes us rivals.")).toEqual(["pax>ren rivalry-", "ren>pax rivalry-"]);
    expect(edges("These days Pax buys the first round, and that makes us friends.")).toEqual(["pax>ren friendship+", "ren>pax friendship+"]);
  });

  it("'Odile and I have a deal', 'in business together'", () => {
    expect(edges("Odile and I have a deal.")).toEqual(["odile>ren alliance+", "ren>odile alliance+"]);
    expect(edges("Odile and Pax are in business together now.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile is in business with Pax.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("guard: 'a great deal' is no deal", () => {
    expect(edges("Odile and I have a great deal of work.")).toEqual([]);
  });
});

describe("what was bet, said or ended", () => {
  it("'I'd have bet my last coin that Odile hated Pax': a bet that would have been made states nothing", () => {
    expect(edges("I'd have bet my last coin that Odile hated Pax. Turns out they're cousins.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });

  it("'I said no, and I realized Pax suspects me': the one word said is over", () => {
    expect(edges("I said no, and I realized Pax suspects me now too.")).toEqual(["pax>ren distrust-"]);
  });

  it("guard: what someone says at length still holds what they say", () => {
    expect(edges("Odile said that Pax suspects Lady Ines, and I believe it.")).not.toContain("pax>ines distrust-");
  });

  it("'were engaged once. She broke it off.': the engagement is over", () => {
    expect(edges("Odile and Pax were engaged once. She broke it off.")).toEqual([]);
  });
});

describe("who is meant", () => {
  it("'Odile and Pax, the doctor and the priest, are friends': an aside that names them again", () => {
    expect(edges("Odile and Pax, the doctor and the priest, are friends.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'I watched her hands whenever she poured': watching someone's hands is suspicion", () => {
    expect(edges("Odile poured the wine, and I watched her hands whenever she poured.")).toEqual(["ren>odile distrust-"]);
  });

  it("'Pax and Lady Ines were lovers. Now Pax hates her, and she …': 'she' is the one known to be a woman", () => {
    expect(edges("Pax and Lady Ines were lovers once. Now Pax hates her, and she is still in love with him, I know.")).toEqual(["ines>pax love+", "pax>ines hostility-"]);
  });
});

describe("a kinship title after an adjective", () => {
  const brother = relationshipProbes([...PROBE_CAST, { id: "aldo", name: "Brother Aldo" }], "ren");
  it("'my suspicions about the good Brother': the one cast member called Brother", () => {
    expect(brother.edges("Aldo preaches against the club every Sunday. I have had my suspicions about the good Brother ever since.")).toEqual(["ren>aldo distrust-"]);
  });
});

describe("informal names for a person, and a pact one has got", () => {
  it("'I loathe the little sawbones', 'I still love the big dumb ox': a person named before", () => {
    expect(edges("Pax keeps filing reports against me. I loathe the little sawbones.")).toEqual(["ren>pax hostility-"]);
    expect(edges("Pax thinks I sold him out. I did, and I still love the big dumb ox.")).toEqual(["ren>pax love+"]);
  });

  it("guard: a person introduced by the epithet is not the one named before", () => {
    expect(edges("Pax came in late. I loathe the preacher who lives upstairs.")).toEqual([]);
  });

  it("guard: an animal word is a person only with a word of scorn or 'that' ('that snake', 'the old crow'), not 'the snake in the cellar'", () => {
    expect(edges("Pax came in late. Odile fears the snake in the cellar.")).toEqual([]);
    expect(edges("Pax came in late. Odile is fond of the bird.")).toEqual([]);
    expect(edges("Pax came in late. I despise that snake.")).toEqual(["ren>pax hostility-"]);
    expect(edges("Pax came in late. I despise the old crow.")).toEqual(["ren>pax hostility-"]);
  });

  it("'We've got a pact'", () => {
    expect(edges("Odile and I trade favours. We've got a pact.")).toEqual(["odile>ren alliance+", "ren>odile alliance+"]);
  });
});

describe("a possessive pronoun of the other gender (found by counting wrong edges per cue over the readable sets)", () => {
  it("'Lady Ines resents her father, but she is fond of his ward, Pax': 'his' is not Lady Ines", () => {
    expect(edges("Lady Ines resents her father, but she is fond of his ward, Pax.", "ines")).toEqual(["ines>pax friendship+"]);
  });

  it("guard: 'her ward' in her own memory is hers", () => {
    expect(edges("Lady Ines is fond of her ward, Pax.", "ines")).toEqual(["ines>pax family+", "ines>pax friendship+", "pax>ines family+"]);
  });
});
