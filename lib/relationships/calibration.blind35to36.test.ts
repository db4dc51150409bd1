import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind35/36 (issue 15, the round of 2026-12-03), probed
// with sentences written for these tests, not taken from the sets. Each class's test failed on the
// code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("names, pronouns and tellers (blind35/36 round)", () => {
  it("'the Lady I …': the pronoun I after a title is no unknown name, so the title still names her", () => {
    expect(edges("I waved at the Lady I had offended at supper. I fear her more than I fear the sea.")).toEqual(["ren>ines fear-"]);
  });

  it("'Pax told Odile he trusted her': the teller speaks of himself", () => {
    expect(edges("Pax told Odile he trusted her, and she smiled.")).toEqual(["pax>odile trust+"]);
  });

  it("'every word out of his mouth': a possessive pronoun in the slot is the person", () => {
    expect(edges("Pax lied to her twice; now Odile distrusts every word out of his mouth.", "odile")).toEqual(["odile>pax distrust-"]);
  });
});

describe("time and questions (blind35/36 round)", () => {
  it("'are allies until the river runs dry' is a tie for that long, not one that ended", () => {
    expect(edges("Pax and I signed the charter. We are allies until the river runs dry, and I admire his nerve.")).toEqual(["pax>ren alliance+", "ren>pax alliance+", "ren>pax respect+"]);
  });

  it("guard: 'trusted Pax until the envoy came' still ended", () => {
    expect(edges("Odile trusted Pax until the envoy came, and now she trusts no one.")).toEqual([]);
  });

  it("'I've distrusted Pax since he swapped the real coins for lead': 'the real' coins correct nothing", () => {
    expect(edges("I've distrusted Pax since he swapped the real coins for lead.")).toEqual(["ren>pax distrust-"]);
  });

  it("guard: 'the real thief was a novice' still corrects a suspicion", () => {
    expect(edges("I suspected Pax of the theft, but the real thief was a novice.")).toEqual([]);
  });

  it("a tag question asks nothing of the statement: ', who isn't?', ', doesn't she?'", () => {
    expect(edges("Odile is terrified of Pax, and honestly, who isn't?")).toEqual(["odile>pax fear-"]);
    expect(edges("Odile trusts Pax completely, doesn't she?")).toEqual(["odile>pax trust+"]);
  });

  it("guard: a real question still asserts nothing", () => {
    expect(edges("Does Odile trust Pax, do you think?")).toEqual([]);
  });
});

describe("objects and subjects past a gap (blind35/36 round)", () => {
  it("'distrusts every clerk on principle, and me most of all': the speaker singled out", () => {
    expect(edges("Odile distrusts every clerk on principle, and me most of all.")).toEqual(["odile>ren distrust-"]);
  });

  it("'relies on Odile for the ropes and on Pax for the boat': the preposition again after 'and' gaps the verb", () => {
    expect(edges("Ren relies on Odile for the ropes and on Pax for the boat.")).toEqual(["ren>odile trust+", "ren>pax trust+"]);
  });

  it("guard: 'and on the quay' names no one, so no second object", () => {
    expect(edges("Ren relies on Odile for the ropes and on the quay for shelter.")).toEqual(["ren>odile trust+"]);
  });

  it("'admires Pax and, in equal measure, is afraid of him': a short aside after the conjunction", () => {
    expect(edges("Odile admires Pax and, in equal measure, is afraid of him.", "odile")).toEqual(["odile>pax fear-", "odile>pax respect+"]);
  });

  it("'Odile is afraid of Pax, and, to my shame, so am I': the speaker shares it", () => {
    expect(edges("Odile is afraid of Pax, and, to my shame, so am I.")).toEqual(["odile>pax fear-", "ren>pax fear-"]);
  });
});

describe("short answers (blind35/36 round)", () => {
  it("a claim denied in the next sentence leaves nothing: 'Odile thinks I distrust her. I don't.'", () => {
    expect(edges("Odile thinks I distrust her. I don't; I distrust her ledgers.")).toEqual([]);
    expect(edges("The sailors think I am in love with Odile. I am not.")).toEqual([]);
    expect(edges("Pax greets me as if we were old friends. We are not, and we never were.")).toEqual([]);
  });

  it("a question answered yes is asserted: 'Pax asked whether I fear Odile. I told him the truth: I do.'", () => {
    expect(edges("Pax asked me whether I fear Odile. I told him the truth: I do, more than the storm.")).toEqual(["ren>odile fear-"]);
  });

  it("guard: 'fool that I am' answers nothing, and another's feeling is not denied by mine", () => {
    expect(edges("Did Odile ever love me? I still love her, fool that I am.")).toEqual(["ren>odile love+"]);
    expect(edges("Odile trusts Pax completely. I don't.")).toEqual(["odile>pax trust+"]);
  });
});

describe("conditions, idioms and links (blind35/36 round)", () => {
  it("'If …, I will never forgive her': a modal that opens the cue is still the consequence of the condition", () => {
    expect(edges("If Odile ever sells the boat, I will never forgive her.")).toEqual([]);
  });

  it("guard: without a condition, 'will never forgive' stands", () => {
    expect(edges("Odile sold the boat, and I will never forgive her.")).toEqual(["ren>odile hostility-"]);
  });

  it("'shook on it' strikes a bargain", () => {
    expect(edges("Odile and Pax shook on it at the pier: half the catch each.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'Pax sends his love' is a letter's greeting, no feeling", () => {
    expect(edges("Pax sends his love and asks for the loan of my coat.")).toEqual([]);
  });

  it("'went from strangers to sworn enemies' links the pair to the noun", () => {
    expect(edges("Odile and Pax went from strangers to sworn enemies in one evening.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
  });

  it("'likes him to know it': a wish about what someone does, not a liking", () => {
    expect(edges("They have been rivals for years, and Odile likes him to know it.", "odile")).not.toContain("odile>pax friendship+");
    expect(edges("Pax and Odile have been rivals for years, and Odile likes him to know it.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
  });

  it("guard: 'loves him to distraction' is a degree", () => {
    expect(edges("Odile loves Pax to distraction.")).toEqual(["odile>pax love+"]);
  });
});

describe("plain denials follow the blind-set brief (blind35/36 round, from the labels of blind11–36)", () => {
  it("'does not trust', 'no longer trusts', 'has never liked' assert no edge at all", () => {
    expect(edges("Odile does not trust Pax.")).toEqual([]);
    expect(edges("Odile no longer trusts Pax, and she has said as much.")).toEqual([]);
    expect(edges("Odile respects Pax but has never liked him.")).toEqual(["odile>pax respect+"]);
  });

  it("a stance against or an idiom of none still reads distrust: 'can't trust', 'not an inch', 'doesn't believe a word', 'lost faith'", () => {
    expect(edges("Odile can't trust Pax after the fire.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile doesn't trust Pax an inch.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile doesn't believe a word Pax says.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile has lost all faith in Pax.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile refuses to trust Pax.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile has no faith in Pax.")).toEqual(["odile>pax distrust-"]);
  });
});

describe("pairs across clauses (blind35/36 round)", () => {
  it("'we' after one person named only as a possessor is the owner and that person", () => {
    expect(edges("I pledged my nets to Odile's cause, and she pledged her boat to mine; we stand together now.")).toContain("odile>ren alliance+");
  });

  it("'I loathe her, and she returns the favour': the pronoun is whom the feeling was for", () => {
    expect(edges("Odile keeps the inn by the weir. I loathe her, and she returns the favour with interest.")).toEqual(["odile>ren hostility-", "ren>odile hostility-"]);
  });

  it("'close as sisters' is a likeness, and 'before the war' an earlier time the later clause replaces", () => {
    expect(edges("Before the war Odile and I were close as sisters; now I despise her.")).toEqual(["ren>odile hostility-"]);
    expect(edges("At the start of the voyage Odile couldn't stand Pax; by the end they were friends.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("guard: 'Odile is my sister' is still kinship", () => {
    expect(edges("Odile is my sister.")).toEqual(["odile>ren family+", "ren>odile family+"]);
  });

  it("', however,' is an aside: 'I do not, however, fear him'", () => {
    expect(edges("I respect Pax; I do not, however, fear him.")).toEqual(["ren>pax respect+"]);
  });

  it("'…; in truth she suspects him': the earlier words were false", () => {
    expect(edges("\"I trust Pax completely,\" Odile said with a smirk; in truth she suspects him of theft.", "odile")).toEqual(["odile>pax distrust-"]);
  });

  it("a returned feeling that conflicts with an earlier reading has no clause of its own, and reads without throwing", () => {
    expect(edges("Pax hates Odile. Odile loves Pax, and Pax, to everyone's surprise, returns the feeling.")).toEqual(["odile>pax love+", "pax>odile hostility-", "pax>odile love+"]);
  });

  it("'my trust in Pax has worn thin' is distrust", () => {
    expect(edges("My trust in Pax has worn thin since the storm.")).toEqual(["ren>pax distrust-"]);
  });
});

describe("notes and forms of address outside quotation marks (blind35/36 round)", () => {
  it("a heading before ':' names whom 'you' is: 'Note left on Pax's table: I despise you'", () => {
    expect(edges("Note left on Pax's table: I despise you, and the whole harbour knows why.")).toEqual(["ren>pax hostility-"]);
  });

  it("a name set off by commas is spoken to: 'I know what you did, Pax, and I despise you'", () => {
    expect(edges("I know what you did at the mill, Pax, and I despise you for it.")).toEqual(["ren>pax hostility-"]);
  });

  it("guard: a name in a list is no form of address, and single quotation marks are dialogue", () => {
    expect(edges("I met Odile, Pax, and the miller; you would have laughed.")).toEqual([]);
    expect(edges("'I love you, Pax,' Odile said, 'but I will never forgive you for the boat.'", "odile")).not.toContain("odile>pax hostility-");
  });
});

describe("a relative set off by commas (blind35/36 round)", () => {
  it("'Odile, who rarely praised anyone, held Pax's seamanship in high esteem': the subject goes on past the relative", () => {
    expect(edges("Odile, who rarely praised anyone, held Pax's seamanship in high esteem.")).toEqual(["odile>pax respect+"]);
  });

  it("an indefinite object ('praised anyone') fills its slot: a name two phrases on is not it", () => {
    expect(edges("Odile, who rarely praised anyone, sat apart, and Pax, who admired her, said nothing.")).toEqual(["pax>odile respect+"]);
  });

  it("guard: 'trusted by everyone in the ward, Pax most of all' keeps the passive", () => {
    expect(edges("Odile is trusted by everyone in the ward, Pax most of all.")).toEqual(["pax>odile trust+"]);
  });
});
