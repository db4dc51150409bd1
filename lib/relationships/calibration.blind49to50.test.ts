import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind49/50 (issue 15, the third round of 2026-12-03b),
// probed with sentences written for these tests, not taken from the sets. Each class's test failed on
// the code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");
const ADA = [...PROBE_CAST, { id: "ada", name: "Mistress Ada Quill" }];

describe("letters and the first person (blind49/50 round)", () => {
  it("'we are, God help us, friends': the aside is dropped", () => {
    expect(edges("Pax and I walk the quay each morning. We are, God help us, friends.")).toEqual(["pax>ren friendship+", "ren>pax friendship+"]);
  });

  it("'a good friend to me': an object pronoun after the noun's link", () => {
    expect(edges("Odile has been a good friend to me this winter.")).toEqual(["odile>ren friendship+", "ren>odile friendship+"]);
  });

  it("'have sworn to find the thief who robbed …': no object slot opens on 'to'", () => {
    expect(edges("Pax and I have sworn to find the thief who robbed the mill.")).toEqual(["pax>ren alliance+", "ren>pax alliance+"]);
  });

  it("'wrote to Pax, whose good sense I have always admired': one adjective before the quality", () => {
    expect(edges("I wrote to Pax, whose good sense I have always admired.")).toEqual(["ren>pax respect+"]);
  });

  it("'holds me in contempt, and the feeling is entirely mutual': the feeling given back", () => {
    expect(edges("Odile holds me in contempt, and the feeling, I confess, is entirely mutual.")).toEqual(["odile>ren hostility-", "ren>odile hostility-"]);
  });

  it("guard: 'the feeling is not mutual' gives nothing back", () => {
    expect(edges("Odile adores me, but the feeling is not mutual.")).toEqual(["odile>ren love+"]);
  });

  it("'Pax, the best friend I have': 'I have' after the noun owns it", () => {
    expect(edges("I sang to the widows, a dog, and Pax, the best friend I have in this town.")).toEqual(["pax>ren friendship+", "ren>pax friendship+"]);
  });

  it("'\"You are my friend, Ren,\" she said': a pronoun's speech tag is the person named before the quotation", () => {
    expect(edges("Odile thanked me for the boat. \"You are my friend, Ren,\" she said.")).toEqual(["odile>ren friendship+", "ren>odile friendship+"]);
  });

  it("'Dear Lady Ines, … I am your friend': 'your' is whoever is addressed", () => {
    expect(edges("Dear Lady Ines, I cannot take your side in this. I am your friend, and a friend must sometimes refuse.")).toEqual(["ines>ren friendship+", "ren>ines friendship+"]);
  });

  it("'Aunt Ada scolds me' in the owner's first person; '…, brother.' in a letter", () => {
    expect(relationshipProbes(ADA, "ren").edges("Aunt Ada scolds me like a gull, and I adore her for it.")).toEqual(["ada>ren family+", "ren>ada family+", "ren>ada love+"]);
    expect(edges("Dear Pax, I was angry for a day; now I only miss you, brother.")).toContain("ren>pax family+");
  });

  it("guard: a kin title in someone else's third-person memory is not the owner's kin", () => {
    expect(relationshipProbes(ADA, "ren").edges("Aunt Ada scolds Odile like a gull.")).toEqual([]);
  });
});

describe("talk taken back, doubts and gaps (blind49/50 round)", () => {
  it("'I told Pax I trusted him. A lie, of course': the sentence before is taken back", () => {
    expect(edges("I told Pax I trusted him with my accounts. A lie, of course; I suspect him of skimming.")).toEqual(["ren>pax distrust-"]);
  });

  it("'I hear Odile and Pax were friends once': hearsay", () => {
    expect(edges("I hear Odile and Pax were friends once in the capital.")).toEqual([]);
  });

  it("'I thought I loathed Pax … I find I respect him instead': 'instead' ends the earlier feeling", () => {
    expect(edges("I thought I loathed Pax. Tonight he gave his coat to a beggar, and I find I respect Pax instead.")).toEqual(["ren>pax respect+"]);
  });

  it("'I doubt every word you write me': the base form of the verb", () => {
    expect(edges("Dear Pax, I doubt every word you write me now.")).toEqual(["ren>pax distrust-"]);
  });

  it("'I rely on them both, and on Odile': the preposition again after 'them both'", () => {
    expect(edges("Pax and Lady Ines are old friends; I rely on them both, and on Odile.")).toEqual(["ines>pax friendship+", "pax>ines friendship+", "ren>ines trust+", "ren>odile trust+", "ren>pax trust+"]);
  });

  it("'my sister and my rival': any negative edge makes the family tie a broken one (the brief)", () => {
    expect(edges("Odile is my sister and my rival.")).toEqual(["odile>ren family-", "odile>ren rivalry-", "ren>odile family-", "ren>odile rivalry-"]);
  });
});

describe("street talk, fronting and slots (blind49/50 round)", () => {
  it("'shook on a pact', 'would see Pax swing', 'suspects he's sitting on the report'", () => {
    expect(edges("Odile and Pax shook on a pact in the back of a cab.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile swore on her badge she'd see Pax swing for the murders.", "odile")).toEqual(["odile>pax hostility-"]);
    expect(edges("Odile suspects Pax is sitting on the coroner's report.")).toEqual(["odile>pax distrust-"]);
  });

  it("'Me and Pax teamed up': a colloquial 'me' in a joined subject", () => {
    expect(edges("Me and Pax teamed up on the dock racket, pal.")).toEqual(["pax>ren alliance+", "ren>pax alliance+"]);
  });

  it("'fond of her, and fonder still of Pax'", () => {
    expect(edges("Odile is fond of her sister, and fonder still of Pax.")).toEqual(["odile>pax friendship+"]);
  });

  it("someone's hat-check girl is not them; 'can't stand Pax's sermons, but respects the old man'", () => {
    expect(edges("Odile is sweet on Lady Ines's hat-check girl.")).toEqual([]);
    expect(edges("Odile can't stand Pax's sermons, but she respects the old man for walking the docks at night.", "odile")).toEqual(["odile>pax respect+"]);
  });

  it("'and the feeling's mutual'", () => {
    expect(edges("Odile looks down on Pax, and the feeling's mutual.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
  });

  it("'…; Pax, though, he trusts with the plate': a name fronted at its sentence's start", () => {
    expect(edges("Ren hasn't trusted Odile since the theft; Pax, though, he trusts with the collection plate.")).toEqual(["ren>pax trust+"]);
  });

  it("'holds Pax in high regard and Odile in contempt': a slot never swallows a whole earlier match", () => {
    expect(edges("Ren holds Pax in high regard and Odile in contempt.")).not.toContain("ren>pax hostility-");
  });

  it("guard: 'trusted Pax with her secrets, Odile with her money': the frame again after a comma", () => {
    expect(edges("Lady Ines trusted Pax with her secrets, Odile with her money, and nobody with her heart.")).toEqual(["ines>odile trust+", "ines>pax trust+"]);
  });
});

describe("hedges (blind49/50 round)", () => {
  it("'I admire Pax; I am less sure he admires me': what follows 'less sure' is a guess", () => {
    expect(edges("I admire Pax enormously; I am less sure he admires me.")).toEqual(["ren>pax respect+"]);
  });

  it("guard: 'I am sure Pax admires me' is stated", () => {
    expect(edges("I am sure Pax admires me.")).toEqual(["pax>ren respect+"]);
  });
});
