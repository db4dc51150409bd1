import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind63/65 (issue 15, the round of 2026-12-03c: a novel of
// manners and a speakeasy), probed with sentences written for these tests, not taken from the sets.
// Each class's test failed on the code before the round; the guard tests pin what a new rule must not do.
const { edges, sure } = relationshipProbes(PROBE_CAST, "ren");

describe("epithets: a person named before, referred to by what they are", () => {
  it("'Pax is my nephew, and I am fond of the wretch'", () => {
    expect(edges("Pax is my nephew, and I am fond of the wretch.")).toEqual(["pax>ren family+", "ren>pax family+", "ren>pax friendship+"]);
  });

  it("'trusts the doctor with': the epithet repeats a title, so it is that title's holder", () => {
    expect(edges("Hale confides in Pax, and Pax in turn trusts the doctor with his savings.")).toEqual(["hale>pax trust+", "pax>hale trust+"]);
  });

  it("'once loved Lady Ines as a sister; now she loathes the woman'", () => {
    expect(edges("Odile once loved Lady Ines as a sister; now she loathes the woman.", "odile")).toEqual(["odile>ines hostility-"]);
  });

  it("'Pax came home late, and the wretch fears me now': an epithet as the subject", () => {
    expect(edges("Pax came home late, and the wretch fears me now.")).toEqual(["pax>ren fear-"]);
  });

  it("an epithet is only a guess: it never passes the threshold alone", () => {
    expect(sure("Pax is my nephew, and I am fond of the wretch.")).not.toContain("ren>pax friendship");
  });

  it("guards: someone else's person, a person introduced there, or two who could be meant", () => {
    expect(edges("Odile's nephew came home, and Pax is fond of the boy.")).toEqual([]);
    expect(edges("Pax admires the girl who sings at the mill.")).toEqual([]);
    expect(edges("Odile met Pax at the gate; Ren distrusts the fellow.")).toEqual([]);
  });
});

describe("a novel of manners and a speakeasy (blind63/65 round)", () => {
  it("'as far as she can spit': any short reach is no trust at all", () => {
    expect(edges("Lady Ines trusts Pax about as far as she can spit.")).toEqual(["ines>pax distrust-"]);
  });

  it("'doesn't trust Odile's driver as far as he can throw the cart': someone's person is not them", () => {
    expect(edges("Ren doesn't trust Odile's driver as far as he can throw the cart.")).toEqual([]);
  });

  it("'she … him' when 'she' read as the owner leaves 'him' no one", () => {
    expect(edges("Pax cheated Lady Ines at cards, and now she wants him dead.", "pax")).toEqual(["ines>pax hostility-"]);
  });

  it("guard: pronouns of one gender are not swapped", () => {
    expect(edges("Pax cheated Lady Ines at cards, and now he wants her dead.", "pax")).toEqual(["pax>ines hostility-"]);
  });

  it("'cut a deal', 'sings the praises of', 'held in cordial contempt'", () => {
    expect(edges("Odile and Pax cut a deal in the cellar.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Ren sings the praises of Odile to anyone who will listen.")).toEqual(["ren>odile respect+"]);
    expect(edges("Ren has held Pax in cordial contempt for years.")).toEqual(["ren>pax hostility-"]);
  });

  it("'afraid of Odile and just as afraid of Pax': a degree 'as' keeps the subject", () => {
    expect(edges("Ren is afraid of Odile and just as afraid of Pax.")).toEqual(["ren>odile fear-", "ren>pax fear-"]);
  });

  it("'loves her right back'", () => {
    expect(edges("Lady Ines is in love with Pax, and Pax loves her right back.")).toEqual(["ines>pax love+", "pax>ines love+"]);
  });

  it("'Pax cracked, \"I'd sooner kiss a goat than trust Odile\"': a speech tag, and the refused verb keeps its subject", () => {
    expect(edges('Pax cracked, "I\'d sooner kiss a goat than trust Odile."')).toEqual(["pax>odile distrust-"]);
    expect(edges("I would sooner kiss a goat than trust Odile.")).toEqual(["ren>odile distrust-"]);
  });

  it("'proposed to me, and I accepted him': an accepted proposal is love both ways", () => {
    expect(edges("Pax proposed to me at the fair, and I accepted him on the spot.", "odile")).toEqual(["odile>pax love+", "pax>odile love+"]);
    expect(edges("Pax proposed to me at the fair, and I refused him.", "odile")).toEqual(["pax>odile love+"]);
  });

  it("'Lady Ines and her niece Odile are rivals': a kinship apposition inside the group", () => {
    expect(edges("Lady Ines and her niece Odile are rivals for the estate.")).toEqual([
      "ines>odile family-", "ines>odile rivalry-", "odile>ines family-", "odile>ines rivalry-",
    ]);
  });

  it("'has made me and Pax allies': the noun after a verb of making", () => {
    expect(edges("The flood has made me and Pax allies at last.")).toEqual(["pax>ren alliance+", "ren>pax alliance+"]);
  });

  it("'distrusts Odile's clerk on principle and Pax on evidence': the frame again after 'and'", () => {
    expect(edges("Ren distrusts Odile's new clerk on principle and Pax on evidence.")).toEqual(["ren>pax distrust-"]);
  });

  it("'has bet his last coin that Pax will propose to Odile': a wager on what may come", () => {
    expect(edges("Ren has bet his last coin that Pax will propose to Odile.")).toEqual([]);
  });

  it("guard: a wager closed by a semicolon leaves the next clause stated", () => {
    expect(edges("Ren bet his boots that Pax would lose; Ren still distrusts Pax.")).toEqual(["ren>pax distrust-"]);
  });

  it("'my cook, my gossip and my sanity': someone's gossip is no rumour", () => {
    expect(edges("I rely on Odile for my bread, my gossip and my sanity.")).toEqual(["ren>odile trust+"]);
  });
});

describe("the same round, second pass", () => {
  it("'blessed the new trust Odile settled on the orphanage': an article and an adjective make 'trust' a fund", () => {
    expect(edges("Ren blessed the new trust Odile settled on the orphanage.")).toEqual([]);
  });

  it("'has disowned her son …, and made her nephew Pax her heir': the broken tie is the unnamed son's", () => {
    expect(edges("Lady Ines has disowned her son for marrying a dancer, and has made her nephew Pax her heir instead.", "ines")).toEqual(["ines>pax family+", "pax>ines family+"]);
  });

  it("guard: 'disowned her son, Pax' still breaks the named tie", () => {
    expect(edges("Lady Ines disowned her son, Pax, last spring.")).toEqual(["ines>pax family-", "pax>ines family-"]);
  });

  it("'fears only the last', 'trusts the latter': the last one named, by a subject the list does not replace", () => {
    expect(edges("Ren owes his tailor, his baker and Pax, and fears only the last.")).toEqual(["ren>pax fear-"]);
    expect(edges("Odile has taken the waters for her gout and Dr. Hale for her physician, and trusts the latter rather more than the former.", "odile")).toEqual(["odile>hale trust+"]);
  });

  it("guards: 'the last of the ferrymen' is no one named; ', and Pax, awed, looks up to her' opens its own clause", () => {
    expect(edges("Pax met Odile and trusts the last of the ferrymen.")).toEqual([]);
    expect(edges("Odile trusts Pax with the keys, and Pax, awed, looks up to her.")).toEqual(["odile>pax trust+", "pax>odile respect+"]);
  });

  it("'the sermon on gossip': gossip as a topic is no rumour", () => {
    expect(edges("Odile has forgiven Pax for the sermon on gossip, and is grown quite fond of him.", "odile")).toEqual(["odile>pax friendship+"]);
  });

  it("'Odile's grudge against Pax', 'is gunning for Pax', 'doesn't buy a word of Pax's story'", () => {
    expect(edges("Odile's grudge against Pax is older than the mill.")).toEqual(["odile>pax hostility-"]);
    expect(edges("Lady Ines is gunning for Pax.")).toEqual(["ines>pax hostility-"]);
    expect(edges("Ren doesn't buy a word of Pax's story.")).toEqual(["ren>pax distrust-"]);
  });

  it("'the miller's daughter, who must on no account marry Ren': 'who' after someone unnamed is that someone", () => {
    expect(edges("Odile and Pax are allies in the matter of the miller's daughter, who must on no account marry Ren.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("guard: 'are cousins who have hated each other' keeps the named pair", () => {
    expect(edges("Odile and Pax are estranged cousins who have hated each other since girlhood.")).toEqual([
      "odile>pax family-", "odile>pax hostility-", "pax>odile family-", "pax>odile hostility-",
    ]);
  });
});

describe("a second coverage probe of trust and alliance idioms (general usage, no labelled set)", () => {
  it("'someone Odile can rely on', 'the woman Odile hates most': the head before a relative subject", () => {
    expect(edges("Pax is someone Odile can rely on.")).toEqual(["odile>pax trust+"]);
    expect(edges("Pax is the woman Odile hates most.")).toEqual(["odile>pax hostility-"]);
  });

  it("trust: left in someone's hands, nothing kept from them, every secret taken to them", () => {
    expect(edges("Odile leaves the ledgers in Pax's hands.")).toEqual(["odile>pax trust+"]);
    expect(edges("Odile keeps nothing from Pax.")).toEqual(["odile>pax trust+"]);
    expect(edges("Odile goes to Pax with every secret.")).toEqual(["odile>pax trust+"]);
  });

  it("alliance: working or plotting together against someone, in it together, a shared purse, an arrangement", () => {
    for (const s of ["Odile and Pax are working together against the guild.", "Odile is working with Pax against the guild.", "Odile and Pax have thrown in together.",
      "Odile and Pax are in it together.", "Odile and Pax pooled their money to buy the mill.", "Odile and Pax have an arrangement.", "Odile and Pax joined hands against the guild."]) {
      expect(edges(s), s).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    }
  });

  it("guard: working together is no alliance without a common cause", () => {
    expect(edges("Odile and Pax work together at the mill.")).toEqual([]);
  });
});

describe("cue words the labels never read as a feeling (found by counting wrong edges per cue over the readable sets)", () => {
  it("bickering and squabbling are no rivalry (no labeller of 55 such lines gave one)", () => {
    expect(edges("Odile and Pax are sisters, though they bicker over every coin.")).toEqual(["odile>pax family+", "pax>odile family+"]);
    expect(edges("Odile and Pax squabble over the psalms.")).toEqual([]);
  });

  it("to serve someone is no alliance (no labeller gave one): 'has served Odile for twelve years and reveres her'", () => {
    expect(edges("Pax has served Odile for twelve years and reveres her.")).toEqual(["pax>odile respect+"]);
  });

  it("'promised to remember his face': a promise to do something is no betrothal", () => {
    expect(edges("Ren is afraid of Pax, who caught him poaching and promised to remember his face.")).toEqual(["ren>pax fear-"]);
    expect(edges("Pax was already promised to Odile.")).toEqual(["odile>pax love+", "pax>odile love+"]);
  });

  it("'kept it hidden from Odile': a secret kept from someone is no fear of them", () => {
    expect(edges("Ren and Pax were lovers, though they kept it hidden from Odile.")).toEqual(["pax>ren love+", "ren>pax love+"]);
    expect(edges("Ren hides from Odile whenever the rent is due.")).toEqual(["ren>odile fear-"]);
  });
});

describe("structures of the tuned sets' remaining misses (general, probed with new sentences)", () => {
  it("'has feared the river since boyhood and Pax since the fire': a thing first, then a name in the same frame", () => {
    expect(edges("Odile has feared the river since boyhood and Pax since the fire.")).toEqual(["odile>pax fear-"]);
  });

  it("guard: a name after 'and' in another frame is no gapped object", () => {
    expect(edges("Odile has feared the river since boyhood and Pax laughs at her for it.")).toEqual([]);
  });

  it("'the only ally she still has': whoever has the noun possesses it, and 'the only ally' is a noun", () => {
    expect(edges("Odile is the only ally Ren still has.")).toEqual(["odile>ren alliance+", "ren>odile alliance+"]);
    expect(edges("Pax wrote to Odile, the only ally he still has in the city.", "pax")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });
});

describe("a plea for trust answered after the quotation", () => {
  it("'\"Trust me,\" Pax told Odile, and after a long look she did'", () => {
    expect(edges('"Trust me," Pax said to Odile, and Odile did.')).toEqual(["odile>pax trust+"]);
    expect(edges('"Trust me," Pax told Odile, and after a long look she did.')).toEqual(["odile>pax trust+"]);
  });

  it("guards: a plea refused, or answered by no one named", () => {
    expect(edges('"Trust me," Pax told Odile, and she did not.')).toEqual([]);
    expect(edges('"Trust me," Pax told Odile; nobody did.')).toEqual([]);
  });
});

describe("blind68/69 round (an election campaign, a touring theatre)", () => {
  it("'signed the coalition pact with Pax': a pact with someone binds both ways, 'the' or 'a'", () => {
    expect(edges("Odile signed the coalition pact with Pax at midnight.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'and so, grudgingly, does Lady Ines': an aside inside the ellipsis", () => {
    expect(edges("Odile trusts Pax's instincts, and so, grudgingly, does Lady Ines.")).toEqual(["ines>pax trust+", "odile>pax trust+"]);
  });

  it("', not Pax' and ', not of Pax': the person set apart from the thing", () => {
    expect(edges("Odile distrusts Pax's new app, not Pax.")).toEqual([]);
    expect(edges("Odile is terrified of losing, not of Pax.")).toEqual([]);
    expect(edges("Odile trusts Pax, not Lady Ines.")).toEqual(["odile>pax trust+"]);
  });

  it("'Pax himself she rather likes': a fronted name with an intensive; the thing set against him before ';' is no edge", () => {
    expect(edges("Tomas hates the Captain's schedule and the rain; the Captain herself he rather likes.", "tomas")).not.toContain("tomas>brannock hostility-");
    expect(edges("Odile hates Pax's schedule; Pax himself she rather likes.", "odile")).toEqual(["odile>pax friendship+"]);
  });

  it("alliance: joined her in a conspiracy, in open alliance against, merged their slates", () => {
    for (const s of ["Pax has joined Odile in a conspiracy to keep the miller out.", "Odile and Pax run the mill between them, in open alliance against the guild.", "Odile and Pax merged their slates at midnight."]) {
      expect(edges(s), s).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    }
  });

  it("'taken Pax under her wing', 'watches Pax like a hawk', 'convinced Pax leaked the plans', 'wants Pax finished', 'doubts every number Pax publishes'", () => {
    expect(edges("Odile has taken Pax under her wing.")).toEqual(["odile>pax friendship+"]);
    expect(edges("Odile watches Pax like a hawk.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile is convinced Pax leaked the plans.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile wants Pax finished by November.")).toEqual(["odile>pax hostility-"]);
    expect(edges("Odile openly doubts every number Pax publishes.")).toEqual(["odile>pax distrust-"]);
  });

  it("'afraid of Pax's understudy, a girl from the mill': someone's understudy is not them", () => {
    expect(edges("Odile is afraid of Pax's understudy, a girl from the mill.")).toEqual([]);
  });
});

describe("blind71/73 round (an abbey in a famine, pirates and the navy)", () => {
  it("'has found a rival in Odile', 'has found a friend in Odile': the noun with 'in' names the other one", () => {
    expect(edges("Lady Ines has found a rival in Odile for the guild's loyalty.")).toEqual(["ines>odile rivalry-", "odile>ines rivalry-"]);
    expect(edges("Pax has found a friend in Odile.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'offered a thousand crowns for Pax's head', 'would see him keelhauled'", () => {
    expect(edges("Lady Ines has offered a thousand crowns for Pax's head.")).toEqual(["ines>pax hostility-"]);
    expect(edges("Ren swore he would see Pax keelhauled before the full moon.")).toEqual(["ren>pax hostility-"]);
  });

  it("'cannot look at Odile without fear'", () => {
    expect(edges("Pax cannot look at Odile without fear.")).toEqual(["pax>odile fear-"]);
  });

  it("'were allies in the old war, but that pact died the day he turned pirate': a tie that died", () => {
    expect(edges("Odile and Pax were allies in the old war, but that pact died the day he turned pirate.")).toEqual([]);
  });

  it("guard: 'distrusts every smile Pax offers', 'doubting every tally she reads' (read before too; the longer cue must not lose them)", () => {
    expect(edges("Odile distrusts every smile Pax offers.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Pax began doubting every tally Odile reads aloud.")).toEqual(["pax>odile distrust-"]);
  });

  it("'pooled their grain', and 'were married in secret by Pax' (the officiant is no spouse)", () => {
    expect(edges("Odile and Lady Ines pooled their grain to feed the pilgrims.")).toEqual(["ines>odile alliance+", "odile>ines alliance+"]);
    expect(edges("Dr. Hale and Odile were married in secret by Pax, in a sea-cave.")).toEqual(["hale>odile family+", "odile>hale family+"]);
  });

  it("'counts Odile among her friends, though Odile does not return the feeling': no reverse edge, not even a guess", () => {
    expect(edges("Lady Ines counts Odile among her few friends, though Odile does not return the feeling.")).toEqual(["ines>odile friendship+"]);
  });
});

describe("a pied-piped relative", () => {
  it("'Odile, of whom he is very fond': the preposition before 'whom' leaves the adjective bare", () => {
    expect(edges("Ren went to buy oranges for Odile, of whom he is very fond.")).toEqual(["ren>odile friendship+"]);
  });

  it("guard: a bare 'fond' with no one before it is no edge", () => {
    expect(edges("Ren is fond.")).toEqual([]);
  });
});

