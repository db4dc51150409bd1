import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of wrong edges and misses read off blind29/30 (issue 15, the round of 2026-12-02 evening),
// probed with sentences written for these tests, not taken from the sets. Each class's test failed on
// the code before the round; the guard tests ("no referent …") pin what a new rule must not do.
const { edges, sure } = relationshipProbes(PROBE_CAST, "ren");

describe("feelings that had an end (blind29/30 round)", () => {
  it("'Until …, X trusted Y' is over; with a later 'now' it is dropped", () => {
    expect(sure("Until the flood, Odile trusted Pax.")).toEqual([]);
    expect(edges("Until the flood, Odile trusted Pax; now she fears Lady Ines.")).not.toContain("odile>pax trust+");
    expect(sure("Until now, Odile trusted Pax.")).toEqual(["odile>pax trust"]);
  });

  it("the feeling between 'turned' and 'into' is the old one", () => {
    expect(sure("The lawsuit turned Odile's warm regard for Pax into scorn.")).toEqual([]);
  });

  it("a feeling that cooled into, or gave way to, another is replaced by the new one, under the threshold", () => {
    expect(edges("Odile's love for Pax has cooled into something like fear.")).toEqual(["odile>pax fear-"]);
    expect(edges("Odile's hostility toward Pax gave way to a grudging respect.")).toEqual(["odile>pax respect+"]);
    expect(sure("Odile's hostility toward Pax gave way to a grudging respect.")).toEqual([]);
  });

  it("a feeling dated to childhood ('when she was ten') and then looked back on 'now' is over", () => {
    expect(sure("Odile was in love with Pax when she was ten, which she now finds silly.")).toEqual([]);
    expect(sure("Odile was in love with Pax, which she now finds silly.")).toEqual(["odile>pax love"]);
  });
});

describe("what a feeling is about (blind29/30 round)", () => {
  it("a feeling about an activity ('hates losing at dice, especially to Odile') is not about the person after it", () => {
    expect(sure("Pax hates losing at dice, especially to Odile.")).toEqual([]);
    expect(sure("Pax hates Odile.")).toEqual(["pax>odile hostility"]);
  });

  it("doting is affection (friendship, left to enrichment), not love", () => {
    expect(edges("Odile dotes on Pax.")).toEqual(["odile>pax friendship+"]);
    expect(sure("Odile dotes on Pax.")).toEqual([]);
  });

  it("'and respects him' after a named object is that object, not the memory's unnamed owner", () => {
    expect(edges("Odile fears Pax and respects him.")).toEqual(["odile>pax fear-", "odile>pax respect+"]);
  });

  it("after 'admires Pax's nerve and', the admirer goes on as the subject of the next verb", () => {
    expect(edges("Odile admires Pax's nerve and trusts him.")).toEqual(["odile>pax respect+", "odile>pax trust+"]);
  });

  it("respecting someone's aim or devotion is respecting them", () => {
    expect(edges("Odile fears Pax, and she respects his aim with a sling.", "odile")).toEqual(["odile>pax fear-", "odile>pax respect+"]);
  });
});

describe("negation (blind29/30 round, from the labels of blind15–30)", () => {
  it("a plain negation is no edge (the blind-set brief; see the blind35/36 round); an idiom of the opposite stays sure", () => {
    expect(edges("Odile no longer trusts Pax.")).toEqual([]);
    expect(sure("Odile no longer trusts Pax.")).toEqual([]);
    expect(sure("Odile doesn't like Pax.")).toEqual([]);
    expect(sure("Odile would sooner drown than trust Pax.")).toEqual(["odile>pax distrust"]);
    expect(sure("Odile trusts Pax less than she trusts a cracked oar.")).toEqual(["odile>pax distrust"]);
  });
});

describe("feelings named once for two people (blind29/30 round)", () => {
  it("'X, to everyone's surprise, returns the feeling' is the reverse of the feeling read towards X; 'doesn't return it' is nothing", () => {
    expect(sure("Odile is in love with Pax, and Pax, against all advice, returns the feeling.")).toEqual(["odile>pax love", "pax>odile love"]);
    expect(sure("Odile trusts Pax; Pax doesn't return it.")).toEqual(["odile>pax trust"]);
  });

  it("a group verb followed by a time or manner word ('compete every spring') binds the group", () => {
    expect(sure("Odile and Pax compete every spring at the fair.")).toEqual(["odile>pax rivalry", "pax>odile rivalry"]);
  });

  it("an adjective inside 'a hopeless crush on' keeps the idiom", () => {
    expect(sure("Pax has a hopeless crush on Odile.")).toEqual(["pax>odile love"]);
  });
});

describe("who a pronoun is (blind29/30 round)", () => {
  it("a subject pronoun whose object is the memory's owner is someone else, the last person named", () => {
    expect(edges("Lady Ines bows to no one. She esteems Ren.")).toEqual(["ines>ren respect+"]);
  });

  it("'Odile, watching, decided she could rely on him': the pronoun after 'decided' is the one who decided", () => {
    expect(edges("Pax mended the roof for nothing; Odile, watching, decided she could rely on him.", "pax")).toEqual(["odile>pax trust+"]);
    expect(edges("Lady Ines fed Pax, sent Odile for water, and admitted that she had always feared Dr. Hale.", "ines")).toEqual(["ines>hale fear-"]);
  });
});

describe("objects and nouns (blind29/30 round)", () => {
  it("two possessors' qualities joined by 'and' are two objects", () => {
    expect(sure("Odile fears Pax's temper and Lady Ines's silence.")).toEqual(["odile>ines fear", "odile>pax fear"]);
    expect(sure("Odile fears Pax, Lady Ines's steward.")).toEqual(["odile>pax fear"]);
  });

  it("'them both' / 'both of them' as an object is the only two people named before it, other than the subject", () => {
    expect(edges("Pax dined with Lady Ines twice; Odile now distrusts them both.", "odile")).toEqual(["odile>ines distrust-", "odile>pax distrust-"]);
    expect(edges("Pax and Lady Ines mended my roof, and I am fond of both of them.")).toEqual(["ren>ines friendship+", "ren>pax friendship+"]);
  });

  it("a verb cue's word after an article is a noun ('half the court'); 'take a sudden dislike to' stays a cue", () => {
    expect(edges("Odile has lent coin to half the court and distrusts every debtor, Pax most of all.")).toEqual(["odile>pax distrust-"]);
    expect(sure("Odile has taken a sudden dislike to Pax.")).toEqual(["odile>pax hostility"]);
  });
});

describe("plain person nouns (blind29/30 round; the class recurs in blind12–30)", () => {
  it("'fond of the boy' is the last person named before it, not the memory's owner, under the threshold", () => {
    expect(edges("Pax stole the ledger. I forgave him, and I am fond of the boy still.")).toEqual(["ren>pax friendship+"]);
    expect(sure("Pax stole the ledger. I forgave him, and I am fond of the boy still.")).toEqual([]);
    expect(edges("Lady Ines watched Odile across the hall, convinced the girl was a spy; she distrusts the girl.", "ines")).toContain("ines>odile distrust-");
  });

  it("no referent after a relative of that gender, or in an apposition", () => {
    expect(edges("Lady Ines's nephew courts Odile, and Lady Ines, who dotes on the boy, frets.", "ines")).not.toContain("ines>odile friendship+");
    expect(sure("Odile saved her last dance for Pax, the man she loved.", "odile")).toEqual(["odile>pax love"]);
  });
});

describe("conditions (blind29/30 round; 'if' lines recur in every set)", () => {
  it("a feeling in the 'if' clause or after a modal in a sentence with one gives no edge at all", () => {
    expect(edges("If Pax lies to me again, I'll despise him.")).toEqual([]);
    expect(edges("Odile would trust Pax with the boat if he ever paid his debts.")).toEqual([]);
    expect(edges("If Odile ever trusted Pax, she hid it well.")).toEqual([]);
  });

  it("a rumour, a hedge, a question, a pretence or a wish gives no edge at all; a feeling worked towards stays doubted", () => {
    for (const s of ["Rumour has it Odile loves Pax.", "Perhaps Odile admires Pax.", "Does Odile suspect Pax?", "Odile pretended to admire Pax's boat.", "Odile wishes Pax would trust her."]) expect(edges(s, "odile"), s).toEqual([]);
    expect(edges("Odile suspects Pax — of what?", "odile")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile asked Lady Ines whether Pax still trusted her.", "odile")).toEqual([]);
    expect(edges("Odile has learned to rely on Pax.", "odile")).toEqual(["odile>pax trust+"]);
  });

  it("a plain feeling in a sentence that also has a condition stays (doubted, as before)", () => {
    expect(edges("Odile trusts Pax, and she will lend him the boat if he asks.")).toEqual(["odile>pax trust+"]);
  });
});

describe("shared objects and small words (blind29/30 round)", () => {
  it("two verbs joined by 'and' share the object after the second", () => {
    expect(sure("Odile fears and loathes Pax.")).toEqual(["odile>pax fear", "odile>pax hostility"]);
    expect(edges("Odile both respected and trusted Lady Ines.")).toEqual(["odile>ines respect+", "odile>ines trust+"]);
  });

  it("'her ever since' is an object; being dear to someone is affection", () => {
    expect(edges("Pax held the gate alone, and Odile has looked up to him ever since.")).toEqual(["odile>pax respect+"]);
    expect(edges("Odile says little, but Pax is dear to her.", "odile")).toEqual(["pax>odile friendship+"]);
  });
});

describe("who holds it (blind29/30 round)", () => {
  it("a pronoun opening a clause after a named subject in its sentence is that subject, when the owner is never named", () => {
    expect(edges("Odile won't meet Lady Ines's eye; she is terrified of her.")).toEqual(["odile>ines fear-"]);
    expect(edges("Pax is the only one she truly trusts.", "odile")).toEqual(["odile>pax trust+"]);
  });

  it("an aside ('for her part') between the subject and its verb is stepped over", () => {
    expect(sure("Odile distrusts Lady Ines, and Lady Ines, for her part, is terrified of Odile.")).toEqual(["ines>odile fear", "odile>ines distrust"]);
  });

  it("'X, whose judgment she trusts': the object is the quality's owner before 'whose'", () => {
    expect(edges("Odile thanked Pax, whose judgment she trusts.", "odile")).toEqual(["odile>pax trust+"]);
  });

  it("a debt of life is respect only when nothing else is said of the pair", () => {
    expect(edges("I owe Pax my life, and I trust him with the map.")).toEqual(["ren>pax trust+"]);
    expect(edges("I owe Pax my life.")).toEqual(["ren>pax respect+"]);
  });
});

describe("words that name Object.prototype members are plain words", () => {
  it("'the constructor' is no person and 'turned into constructor …' no feeling type", () => {
    expect(edges("Odile met Pax at the mill, and the constructor fears her.")).not.toContain("pax>odile fear-");
    for (const e of edges("Odile's love for Pax has turned into constructor dust.")) expect(e).toMatch(/^[a-z]+>[a-z]+ [a-z]+[+-]$/);
  });
});
