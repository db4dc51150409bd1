import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind78/79 (issue 15, the round of 2026-12-03d: a trial and
// a rowing club in modern slang), probed with sentences written for these tests, not taken from the sets.
// Each class's test failed on the code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("someone's people are not that someone", () => {
  it("'loathes Pax's boyfriend': a partner belongs to the possessor, no edge to Pax", () => {
    expect(edges("Odile loathes Pax's boyfriend.", "odile")).toEqual([]);
    expect(edges("Odile can't stand Pax's girlfriend.", "odile")).toEqual([]);
  });

  it("'once loved Lady Ines's maid; now she cannot abide the girl': the girl is the maid", () => {
    expect(edges("Odile once loved Lady Ines's maid; now she cannot abide the girl.", "odile")).toEqual([]);
  });

  it("guard: someone's household named before the person still leaves the epithet to that person", () => {
    expect(edges("Odile's apprentice quit in tears, and Odile blamed Lady Ines's meddling, one more reason to despise the woman.", "odile")).toEqual(["odile>ines hostility-"]);
    expect(edges("Odile trusts Pax over any apprentice, and she is fond of the boy.", "odile")).toEqual(["odile>pax friendship+", "odile>pax trust+"]);
  });
});

describe("words of the present day", () => {
  it("'mates', 'best mates', 'my mate' are friends; a ship's first mate is an officer", () => {
    expect(edges("Odile and Pax are best mates.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
    expect(edges("Pax is my mate.")).toEqual(["pax>ren friendship+", "ren>pax friendship+"]);
    expect(edges("Pax is Odile's first mate.")).toEqual([]);
    expect(edges("Pax is Odile's flat mate.")).toEqual([]);
  });

  it("'have been dating' is love both ways", () => {
    expect(edges("Odile and Pax have been dating since spring.")).toEqual(["odile>pax love+", "pax>odile love+"]);
    expect(edges("Odile is going out with Pax.")).toEqual(["odile>pax love+", "pax>odile love+"]);
  });

  it("'became step-siblings' is family", () => {
    expect(edges("Odile and Pax became step-siblings last year.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });

  it("'I think Pax is the most competent man in the county': praise is respect", () => {
    expect(edges("I think Pax is the most competent man in the county.")).toEqual(["ren>pax respect+"]);
    expect(edges("Odile reckons Pax is the sharpest clerk on the river.", "odile")).toEqual(["odile>pax respect+"]);
  });
});

describe("charges and what was said", () => {
  it("'accused Odile of hating Pax': a charge states no feeling", () => {
    expect(edges("The clerk accused Odile of hating Pax; Odile denied it.")).toEqual([]);
    expect(edges("Odile is accused of plotting against Pax.")).toEqual([]);
  });

  it("guard: an accusation names the accuser's distrust only where a cue says so", () => {
    expect(edges("Odile accused Pax of theft and has distrusted him ever since.", "odile")).toEqual(["odile>pax distrust-"]);
  });

  it("'Pax said the seat is \"open,\" and Odile believes her': the quotation closes what Pax said", () => {
    expect(edges("Odile trains hard because Pax said the seat is \"wide open,\" and Odile believes her.", "odile")).toEqual(["odile>pax trust+"]);
  });
});

describe("the object of a preposition is no subject", () => {
  it("'listened to Pax and believed him': the coordinated verb keeps the sentence's subject", () => {
    expect(edges("Odile listened to Pax for an hour and believed him.", "odile")).toEqual(["odile>pax trust+"]);
    expect(edges("Odile sat with Pax and trusts him.", "odile")).toEqual(["odile>pax trust+"]);
  });

  it("guard: a new subject after 'and' is that subject", () => {
    expect(edges("Odile sat with Pax, and Lady Ines fears him.", "odile")).toEqual(["ines>pax fear-"]);
  });
});

describe("groups, shared feelings and ended ties", () => {
  it("'Odile and Pax, both clerks, have become fast friends': the group past a short aside", () => {
    expect(edges("Odile and Pax, both clerks, have become fast friends.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'share a grudging esteem': a feeling both hold", () => {
    expect(edges("Odile and Pax share a grudging esteem.")).toEqual(["odile>pax respect+", "pax>odile respect+"]);
    expect(edges("Odile and Pax share a deep loathing.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
  });

  it("guard: a feeling shared about something else is no tie between them", () => {
    expect(edges("Odile and Pax share a hatred of the guild.")).toEqual([]);
    expect(edges("Odile and Pax share a deep respect for the law.")).toEqual([]);
  });

  it("'the rivalry is long forgotten': the tie is over", () => {
    expect(edges("Odile and Pax were rivals long ago; the rivalry is long forgotten.", "odile")).toEqual([]);
  });
});

describe("contractions and what someone says or does", () => {
  it("'Pax's my mate': the 's before a determiner is 'is'", () => {
    expect(edges("\"Pax's my mate,\" Odile said.", "odile")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
    expect(edges("Pax's no friend of mine.")).toEqual([]);
  });

  it("'distrusts every syllable he utters', 'suspicious of everything he signs': the one who says or does it", () => {
    expect(edges("Pax lied once; now Odile distrusts every syllable he utters.", "odile")).toEqual(["odile>pax distrust-"]);
    expect(edges("Pax lied once; now Odile is suspicious of everything he signs.", "odile")).toEqual(["odile>pax distrust-"]);
  });

  it("guard: a pronoun that could only be the owner, never named, is no one we can tell", () => {
    expect(edges("Since the fire Odile has watched Pax warily and suspects every order she signs.", "ines")).toEqual(["odile>pax distrust-"]);
  });
});

describe("the only one, a prize two are after, and 'them'", () => {
  it("'named Pax as the one man in the witness room she trusts'", () => {
    expect(edges("Odile named Pax as the one man in the witness room she trusts.", "odile")).toEqual(["odile>pax trust+"]);
  });

  it("'are both gunning for the top job': two after one prize are rivals", () => {
    expect(edges("Odile and Pax are both gunning for the top job.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
    expect(edges("Odile and Pax are after the same post.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
  });

  it("'would rely on them again': 'them' is never one person", () => {
    expect(edges("Pax admitted he had relied on Odile's charts for years and would rely on them again.", "ines")).toEqual(["pax>odile trust+"]);
  });
});

describe("time: what is still true, what began in the past, and a count of nights", () => {
  it("'are still rivals, but … they are friends as well': both hold now", () => {
    expect(edges("Odile and Pax are still rivals, but since the flood they are friends as well.", "odile")).toEqual(["odile>pax friendship+", "odile>pax rivalry-", "pax>odile friendship+", "pax>odile rivalry-"]);
  });

  it("guard: a past rivalry that a present friendship replaces is over", () => {
    expect(edges("Odile and Pax were rivals, but since the flood they are friends.", "odile")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'was terrified of Pax when he first arrived; these days …': the fear is over", () => {
    expect(edges("Odile was terrified of Pax when he first arrived; these days she just finds him dull.", "odile")).toEqual([]);
  });

  it("'kept at the inn for a fourth night': a count of nights bounds no tie", () => {
    expect(edges("Lady Ines and the clerks were kept at the inn for a fourth night, and Odile spent it writing to Pax, whom she adores.", "odile")).toEqual(["odile>pax love+"]);
  });

  it("'runs the bar, can't be bothered …, and is the only person Odile trusts': the subject goes on", () => {
    expect(edges("Pax runs the bar, can't be bothered with the committee, and is the only person Odile trusts.")).toEqual(["odile>pax trust+"]);
  });
});

describe("praise in a quotation is its speaker's", () => {
  it("'\"Pax is the finest surgeon in the city,\" Odile said': Odile respects Pax", () => {
    expect(edges("\"Pax is the finest surgeon in the city,\" Odile said.")).toEqual(["odile>pax respect+"]);
    expect(edges("\"Pax's the best pilot in the fleet,\" Odile told me.")).toEqual(["odile>pax respect+"]);
  });

  it("guard: no speaker, a thing, or a pronoun we cannot tell gives no edge", () => {
    expect(edges("Pax is the finest surgeon in the city.")).toEqual([]);
    expect(edges("\"The rye is the best in Tarrow,\" Odile said.")).toEqual([]);
    expect(edges("\"She is the finest surgeon in the city,\" Odile said.")).toEqual([]);
  });
});

describe("kinship inside a cue's object", () => {
  it("'suspects her brother Pax of lying': the brother is read too (and the distrust breaks the tie)", () => {
    expect(edges("Odile suspects her brother Pax of lying.", "odile")).toEqual(["odile>pax distrust-", "odile>pax family-", "pax>odile family-"]);
  });

  it("guard: someone else's kin inside the slot links no one", () => {
    expect(edges("Odile suspects Lady Ines's brother of lying.", "odile")).toEqual([]);
  });
});
