import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind57/58 (issue 15, the fourth round of 2026-12-03b),
// probed with sentences written for these tests, not taken from the sets. Each class's test failed on
// the code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("a family saga's constructions (blind57/58 round)", () => {
  it("'never told Pax, who still distrusts her': a relative clause about the one told is no report", () => {
    expect(edges("Odile sold the ponies and never told Pax, who still distrusts her.", "odile")).toEqual(["pax>odile distrust-"]);
  });

  it("'Ren married Odile and Pax in the chapel': whoever marries a couple weds them to each other", () => {
    expect(edges("Ren married Odile and Pax in the hill chapel.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });

  it("'who has always admired her grit': grit is a quality that stands for its owner", () => {
    expect(edges("Odile carried the water, and Pax, who has always admired her grit, carried the rest.", "ren")).toEqual(["pax>odile respect+"]);
  });

  it("'has loved her every single day': a span of time after the pronoun", () => {
    expect(edges("Forty years on, Pax still brings Odile primroses; he has loved her every single day of it.", "pax")).toEqual(["pax>odile love+"]);
  });

  it("'he was already promised to Odile': a betrothal binds both ways", () => {
    expect(edges("Pax was already promised to Odile.")).toEqual(["odile>pax love+", "pax>odile love+"]);
  });

  it("'a soft spot for Odile's youngest': someone's youngest is not them", () => {
    expect(edges("Ren has a soft spot for Odile's youngest.")).toEqual([]);
  });

  it("'with a large pinch of salt', 'of one mind', 'take her word over any judge's', 'proved her wrong'", () => {
    expect(edges("Ren took Odile's promise with a large pinch of salt.")).toEqual(["ren>odile distrust-"]);
    expect(edges("Odile and Pax are of one mind on the new mill.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("I take Odile's word over any judge's.")).toEqual(["ren>odile trust+"]);
    expect(edges("Ren suspected Pax of selling the timber until the ledgers proved him wrong.")).toEqual([]);
  });
});

describe("ties over and ties denied (blind57/58 round)", () => {
  it("'were engaged for a season before he chose the chapel': a tie with a bounded past span is over", () => {
    expect(edges("Odile and Pax were engaged for a season before he chose the sea over her.")).toEqual([]);
  });

  it("guard: 'had suspected him for a month, and she suspected him still'", () => {
    expect(edges("Odile had suspected Pax for a month, and she suspected Pax still.")).toEqual(["odile>pax distrust-"]);
  });

  it("'before either of them married': each married someone else", () => {
    expect(edges("Odile and Pax met at the fair, before either of them married.")).toEqual([]);
  });

  it("'cousins on the Ines side': right after a kinship word, a side is the lineage", () => {
    expect(edges("Odile and Pax are cousins on the Ines side.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });

  it("guard: '\"Sister,\" … We are not sisters.': a denied kinship takes back one said only in address", () => {
    expect(edges("\"Sister,\" Odile called me at the feast. We are not sisters.")).toEqual([]);
  });

  it("'swore to be friends': what they swore to be is the tie", () => {
    expect(edges("As girls, Odile and Lady Ines swore to be friends until the hills fell.")).toEqual(["ines>odile friendship+", "odile>ines friendship+"]);
  });
});

describe("an inquest's statements (blind57/58 round)", () => {
  it("'confides in her every Sunday': a weekday after 'every' is a span of time", () => {
    expect(edges("Ren looks up to Odile and confides in her every Sunday after mass.")).toEqual(["ren>odile respect+", "ren>odile trust+"]);
  });

  it("'wants him at the bottom of the millrace': a harm wished", () => {
    expect(edges("Odile wants Pax at the bottom of the millrace.")).toEqual(["odile>pax hostility-"]);
  });

  it("'distrusts her every answer': the quality after 'every' stands for its owner", () => {
    expect(edges("Ren admires Odile's nerve and distrusts her every answer.")).toEqual(["ren>odile distrust-", "ren>odile respect+"]);
  });

  it("'the drowning has made them uneasy allies'", () => {
    expect(edges("Odile and Pax were enemies at court, but the drowning has made them uneasy allies.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'meanwhile she and Pax stand together': a sentence adverb before a group subject", () => {
    expect(edges("Meanwhile Odile and Pax stand together against the guild.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'trading bread and village gossip': gossip as a thing exchanged passes nothing on", () => {
    expect(edges("Odile and Pax became friends over the long afternoons, trading bread and village gossip.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'hates Lady Ines's courier, respects Lady Ines': someone's courier is not them, and a name after a comma and a verb is no apposition", () => {
    expect(edges("Odile hates Lady Ines's courier, respects Lady Ines, and cannot decide about Pax.")).toEqual(["odile>ines respect+"]);
  });

  it("'a year ago she would have married him': what would have been, and was not", () => {
    expect(edges("Odile and Pax are sworn enemies now, though a year ago she would have married him.", "odile")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
  });

  it("'I now doubt both their accounts' after their statements", () => {
    expect(edges("Odile's statement contradicts Pax's by an hour. I now doubt both their accounts.")).toEqual(["ren>odile distrust-", "ren>pax distrust-"]);
  });

  it("'will respect Pax again only when he admits it': a condition, like 'if'", () => {
    expect(edges("Odile will respect Pax again only when he admits the truth.")).toEqual([]);
  });
});

describe("names given (blind57/58 round)", () => {
  it("'called Pax \"my son\", as he called every farmer': a kinship word quoted as a name is no tie", () => {
    expect(edges("Ren called Pax 'my son' at every confession, as he called every farmer on the ridge.")).toEqual([]);
    expect(edges("Ren called Pax \"my son\" at every confession.")).toEqual([]);
  });

  it("guard: 'Pax is my son' is kinship", () => {
    expect(edges("Pax is my son, and I am proud of him.")).toContain("pax>ren family+");
  });
});
