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

describe("groups, gaps and pronouns (blind42/43 round)", () => {
  it("'Odile and Pax parted fast friends': 'parted' links a group to its noun", () => {
    expect(edges("After the long night Odile and Pax parted fast friends.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'…, and he on her': the feeling given back with its verb left out", () => {
    expect(edges("Odile has been sweet on Pax for years, and he on her.")).toEqual(["odile>pax love+", "pax>odile love+"]);
  });

  it("'scares the living daylights out of Pax': the idiom is fear, held by the one scared", () => {
    expect(edges("Lady Ines scares the living daylights out of Pax.")).toEqual(["pax>ines fear-"]);
  });

  it("'watched Odile and Pax, rivals at dice, quarrel': after a group and a comma, 'rivals' is a noun", () => {
    expect(edges("Ren watched Odile and Pax, rivals at dice since boyhood, quarrel over the last coin.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
  });

  it("'I fear her some', 'Pax hates her no less': 'some' and 'no' follow an object pronoun", () => {
    expect(edges("I respect Lady Ines, and I fear her some too.", "odile")).toEqual(["odile>ines fear-", "odile>ines respect+"]);
    expect(edges("Odile has hated Lady Ines for years, and Pax hates her no less.")).toEqual(["odile>ines hostility-", "pax>ines hostility-"]);
  });

  it("'calls Pax uncle, though they are not kin': a denied blood tie takes back the kinship word", () => {
    expect(edges("Odile calls Pax uncle, though they ain't kin.")).toEqual([]);
  });

  it("guard: 'is not Pax's sister' alone takes back nothing else said of the pair", () => {
    expect(edges("Odile is Pax's cousin, and she is not his enemy.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });

  it("'Pax's the one soul he trusts to keep the keys': 's before an article is 'is', and the relative's head is trusted", () => {
    expect(edges("Pax's the one soul he trusts to keep the keys.", "ren")).toEqual(["ren>pax trust+"]);
  });

  it("'Odile and Pax now share a room, and are allies against the guild': the noun goes on with the opening group", () => {
    expect(edges("Odile and Pax now share a room above the forge, and are allies against the guild.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("an object pronoun prefers a person named over one whose thing was named", () => {
    expect(edges("I showed Odile Pax's drawing of the mayor. She laughed, which is why I am fond of her.", "ren")).toEqual(["ren>odile friendship+"]);
  });

  it("'mocked Odile's hat, and Odile hates her': a possessive's object does not reach past 'and'", () => {
    expect(edges("Pax mocked Odile's hat, and Odile hates Lady Ines.")).toContain("odile>ines hostility-");
  });

  it("'hates Pax's new mistress': someone's mistress is not them", () => {
    expect(edges("Odile hates Pax's new mistress.")).toEqual([]);
  });

  it("'It is not that Odile dislikes Pax': a denial before the clause", () => {
    expect(edges("It is not that Odile dislikes Pax; she simply finds merchants tiring.")).toEqual([]);
  });

  it("'trusts Pax with her purse and Odile with her secrets': the frame again after 'and'", () => {
    expect(edges("Lady Ines trusts Pax with her purse and Odile with her secrets.")).toEqual(["ines>odile trust+", "ines>pax trust+"]);
    expect(edges("Lady Ines trusts Pax to mind the shop and Odile to keep the books.")).toEqual(["ines>odile trust+", "ines>pax trust+"]);
  });
});

describe("talk, notions and styles of address (blind42/43 round)", () => {
  it("'distrusts everything else about her': the person it is all about", () => {
    expect(edges("Pax admires Lady Ines's nerve and distrusts everything else about Lady Ines.")).toEqual(["pax>ines distrust-", "pax>ines respect+"]);
  });

  it("'word around the docks is …' passes on talk from there on; the clause before it stands", () => {
    expect(edges("Odile adores Pax, and word around the docks is they are betrothed.")).toEqual(["odile>pax love+"]);
  });

  it("guard: 'his word is law' is no talk", () => {
    expect(edges("Pax's word is law on the quay, and Odile trusts Pax completely.")).toEqual(["odile>pax trust+"]);
  });

  it("'laughed at the notion that she fears Pax': an idea named, not a feeling stated", () => {
    expect(edges("Odile laughed at the notion that she is afraid of Pax.")).toEqual([]);
  });

  it("'her ladyship despises Pax': a style of address names the one titled Lady", () => {
    expect(edges("Pax spilled wine on the carpet, and her ladyship despises Pax for it.")).toEqual(["ines>pax hostility-"]);
  });

  it("'\"I have always admired you,\" … and everyone knew she was lying': taken back, no edge", () => {
    expect(edges("\"Pax,\" Odile said sweetly, \"I have always admired you,\" and the whole hall knew she was lying.")).toEqual([]);
  });

  it("guard: a refutation takes back only what came before it", () => {
    expect(edges("Nobody believes Odile and Pax were ever friends, but everyone knows they are rivals now.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
  });
});
