import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses read off blind31/32 (issue 15, the round of 2026-12-02 night), probed with
// sentences written for these tests, not taken from the sets. Each class's test failed on the code
// before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("who speaks a quotation split by its tag (blind31/32 round)", () => {
  it("'“Pax,” Odile said, “I trust you.”': the second part keeps the speaker and the one addressed", () => {
    expect(edges("\"Pax,\" Odile said, \"I trust you.\"")).toEqual(["odile>pax trust+"]);
    expect(edges("\"I trust you,\" Odile said, \"Pax.\"")).toEqual(["odile>pax trust+"]);
  });

  it("a tag with a manner adverb, a time phrase or a gesture still names the speaker", () => {
    expect(edges("\"Pax,\" Odile said quietly, \"I fear you.\"")).toEqual(["odile>pax fear-"]);
    expect(edges("\"Pax,\" Odile said after the storm, rubbing her eyes, \"I fear you.\"")).toEqual(["odile>pax fear-"]);
    expect(edges("\"Hold the ford, Pax,\" Odile said, taking his arm. \"I trust you more than any scout.\"")).toEqual(["odile>pax trust+"]);
  });

  it("'Odile turned to Pax and said, “I despise you”': the sentence's subject speaks to the one after 'to'", () => {
    expect(edges("Odile turned to Pax and said, \"I despise you.\"")).toEqual(["odile>pax hostility-"]);
    expect(edges("Odile whispered to Pax as the rain began, \"I trust you.\"")).toEqual(["odile>pax trust+"]);
  });

  it("guard: 'told Pax' names the one spoken to, never the speaker", () => {
    expect(edges("\"Go home,\" Odile told Pax, \"but I still love you.\"")).toEqual(["odile>pax love+"]);
  });

  it("guard: someone else named between two quotations breaks the voice", () => {
    expect(edges("\"Pax,\" Odile said. Then Lady Ines came in. \"I trust you.\"")).toEqual([]);
  });
});

describe("the only one she trusts (blind31/32 round)", () => {
  it("'you are the only one here I rely on' is about the one addressed", () => {
    expect(edges("\"Pax,\" Odile said, \"you are the only one in this house I rely on.\"")).toEqual(["odile>pax trust+"]);
  });

  it("'…, the one captain she respects' is about the name before the comma", () => {
    expect(edges("Odile rode out beside Pax, the one captain she truly respects.", "odile")).toEqual(["odile>pax respect+"]);
    expect(edges("Pax is the only soldier I have ever trusted.")).toEqual(["ren>pax trust+"]);
  });

  it("the head of 'is the only one' may be a name followed by an aside", () => {
    expect(edges("We sail at dawn, since Odile is the only pilot I trust.")).toEqual(["ren>odile trust+"]);
    expect(edges("Pax, who taught me the river, is the only pilot I trust.")).toEqual(["ren>pax trust+"]);
  });

  it("guard: a clause of its own between 'the one' and the cue is not this construction", () => {
    expect(edges("Pax is the one who found the well after the fire, and Odile trusts him.")).toEqual(["odile>pax trust+"]);
  });
});

describe("a feeling in the simple past, replaced by a later one (blind31/32 round)", () => {
  it("'Odile trusted Pax; now she fears him' keeps only the fear", () => {
    expect(edges("Odile trusted Pax for years; now she fears him.", "odile")).toEqual(["odile>pax fear-"]);
    expect(edges("Yesterday I doubted Pax; today I believe him completely.")).toEqual(["ren>pax trust+"]);
  });

  it("guard: a past feeling with no later one stands", () => {
    expect(edges("Odile trusted Pax with the keys.")).toEqual(["odile>pax trust+"]);
  });
});

describe("a pact or contest of a group, with a third person after it (blind31/32 round)", () => {
  it("'Odile and Pax swore a pact to keep Lady Ines out' is the pair's alliance; the name after it is not a partner", () => {
    expect(edges("Odile and Pax swore a pact to keep Lady Ines out of the vault.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile and Pax compete for Lady Ines's favour every season.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
  });

  it("guard: one subject with a name after a group-only cue is still nothing", () => {
    expect(edges("Odile swore a pact to keep Lady Ines out of the vault.")).toEqual([]);
  });
});

describe("objects and subjects a verb reaches past a phrase (blind31/32 round)", () => {
  it("'admires how she runs the fleet' / 'respects the way you keep your word' is about the one in the manner clause", () => {
    expect(edges("Odile lends Pax her ledger, and she admires how he runs the ferry.", "odile")).toContain("odile>pax respect+");
    expect(edges("\"Pax,\" Odile said, \"I respect the way you keep your word.\"")).toEqual(["odile>pax respect+"]);
  });

  it("'hates Pax for the fire, and looks up to Lady Ines' goes on with the first subject", () => {
    expect(edges("Odile hates Pax for the fire, and has begun to look up to Lady Ines instead.")).toEqual(["odile>ines respect+", "odile>pax hostility-"]);
  });

  it("guard: 'has sworn to see him ruined' is a promise to act, not an allegiance; 'sworn to defend' still is one", () => {
    expect(edges("Odile resents Pax for the fire and has sworn to see him ruined.")).not.toContain("odile>pax alliance+");
    expect(edges("Odile has sworn to defend Pax's claim.")).toEqual(["odile>pax alliance+"]);
  });

  it("guard: another noun as subject after 'and' takes no carried subject", () => {
    expect(edges("Odile hates Pax for the fire, and the guards look up to Lady Ines.")).toEqual(["odile>pax hostility-"]);
  });
});

describe("pronouns in an idiom's slot and in a quality (blind31/32 round)", () => {
  it("'wants her dead', 'would gladly see you flogged', 'doubts everything he says' read the pronoun", () => {
    expect(edges("Odile met Pax at the ford; now she wants him dead.", "odile")).toEqual(["odile>pax hostility-"]);
    expect(edges("\"Pax,\" Odile said, \"I would gladly see you flogged.\"")).toEqual(["odile>pax hostility-"]);
    expect(edges("\"Pax,\" Odile said, \"I doubt every word out of your mouth.\"")).toEqual(["odile>pax distrust-"]);
  });

  it("'your nerve', 'your hands' in a quotation are the one addressed", () => {
    expect(edges("\"Pax,\" Odile said, \"I admire your nerve.\"")).toEqual(["odile>pax respect+"]);
  });

  it("an idiom's slot never opens on punctuation ('said, passing Pax the stolen salt' is no suspicion)", () => {
    expect(edges("Odile said, passing Pax the smuggled salt.")).toEqual([]);
  });
});

describe("a relational noun said to someone's face (blind31/32 round)", () => {
  it("'“Pax,” Odile said, “you are my sister”' links the speaker and the one addressed", () => {
    expect(edges("\"Pax,\" Odile said, \"you are my brother, and I trust you.\"")).toEqual(["odile>pax family+", "odile>pax trust+", "pax>odile family+"]);
    expect(edges("\"Pax, I am proud to call you my friend,\" Odile said.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'you are a true friend' with no possessor makes the speaker the other one", () => {
    expect(edges("\"You are a true friend, Pax,\" Odile said.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("guard: 'the brother I never had' is friendship, not kin", () => {
    expect(edges("\"Pax, you are the brother I never had,\" Odile said.")).not.toContain("odile>pax family+");
  });

  it("guard: 'you, Brother' is a form of address, not kinship", () => {
    expect(edges("\"I fear you, Brother, and your whole order,\" Odile told Pax.")).toEqual(["odile>pax fear-"]);
  });
});

describe("a denied relational noun (blind31/32 round)", () => {
  it("'is not an enemy of Pax' / 'I'm not your enemy' state no edge", () => {
    expect(edges("Odile is not an enemy of Pax.")).toEqual([]);
    expect(edges("\"I am not your enemy, Pax,\" Odile said.")).toEqual([]);
  });

  it("guard: the plain noun still stands", () => {
    expect(edges("Odile is an enemy of Pax.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
  });
});

describe("a name fronted before its subject (blind31/32 round)", () => {
  it("'Pax, who owns the mill, I have come to respect' has Pax as the object", () => {
    expect(edges("Pax, who owns the mill, I have come to respect.")).toEqual(["ren>pax respect+"]);
    expect(edges("Lady Ines, on the other hand, Odile openly despises.")).toEqual(["odile>ines hostility-"]);
  });

  it("guard: a fronted name that is the subject's own, or a name inside the aside, is no object", () => {
    expect(edges("Pax, who fears Lady Ines, I have come to respect.")).toEqual(["pax>ines fear-"]);
  });
});

describe("a quotation's verb and the tag after it (blind31/32 round)", () => {
  it("'“You are the only one I can rely on,” Odile told Pax': the speaker's name in the tag is no object", () => {
    expect(edges("\"You are the only one I can rely on,\" Odile told Pax.")).toEqual(["odile>pax trust+"]);
  });
});

describe("who 'you', 'me' and 'my' are around a quotation (blind31/32 round)", () => {
  it("'“…,” Pax told me' makes the owner the one addressed", () => {
    expect(edges("\"I hate you for the fire,\" Pax told me.")).toEqual(["pax>ren hostility-"]);
  });

  it("'you will have my respect' in a quotation: the speaker respects the one addressed", () => {
    expect(edges("\"Pax,\" Odile said, \"you will have my respect as long as I live.\"")).toEqual(["odile>pax respect+"]);
  });

  it("'X has my respect, and Y has my …': the name after ', and' is no object of the first", () => {
    expect(edges("Pax has my respect, and Odile has my thanks.")).toEqual(["ren>pax respect+"]);
  });

  it("', and now' opens a new time: 'You were my friend once, Pax, and now I would see you ruined'", () => {
    expect(edges("\"You were my friend once, Pax,\" Odile said, \"and now I would see you ruined.\"")).toEqual(["odile>pax hostility-"]);
  });
});

describe("claims, and 'but since' (blind31/32 round)", () => {
  it("what someone says or claims of others is no suspicion of theirs ('claims Pax and Odile are plotting')", () => {
    expect(edges("Lady Ines claims Pax and Odile are plotting against the crown.")).toEqual([]);
    expect(edges("Lady Ines suspects Pax is plotting against the crown.")).toEqual(["ines>pax distrust-"]);
  });

  it("'hated Pax all winter, but since …, trusts him' keeps only the trust", () => {
    expect(edges("Odile hated Pax all winter, but since Pax pulled her from the river, she trusts him completely.", "odile")).toEqual(["odile>pax trust+"]);
  });
});

describe("exceptions and epithets (blind31/32 round)", () => {
  it("'fears no one at this court but Pax': a place phrase may stand between 'no one' and 'but'", () => {
    expect(edges("Odile fears no one at this court but Pax.")).toEqual(["odile>pax fear-"]);
  });

  it("'I would trust that girl with my last coin' is the last person named", () => {
    expect(edges("Odile laughed and handed me the bread; I would trust that girl with my last coin.")).toEqual(["ren>odile trust+"]);
  });

  it("guard: 'at this court' is a place, and 'courts' still a verb", () => {
    expect(edges("Pax courts Odile.")).toEqual(["pax>odile love+"]);
  });
});

describe("a list of verbs after a possessed quality (blind31/32 round)", () => {
  it("'respects Pax's learning, fears his temper, and …' goes on with the first subject", () => {
    expect(edges("Odile respects Pax's learning, fears his temper, and avoids the mill.")).toEqual(["odile>pax fear-", "odile>pax respect+"]);
  });

  it("an alibi, a report or someone's figures stand for their owner", () => {
    expect(edges("Odile fears Pax now and doubts his alibi.")).toEqual(["odile>pax distrust-", "odile>pax fear-"]);
  });
});

describe("oaths with a place, and every word believed or doubted (blind31/32 round)", () => {
  it("'swore an oath at the chapel to hold the bridge together' is the group's alliance", () => {
    expect(edges("Odile and Pax swore an oath at the old well to hold the bridge together.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile and Pax swore on the river stone to find the thief together.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'believes every report he sends' is trust; 'every word that comes out of Pax's mouth' doubted is distrust", () => {
    expect(edges("Odile believes every report Pax sends.")).toEqual(["odile>pax trust+"]);
    expect(edges("Odile doubts every word that comes out of Pax's mouth.")).toEqual(["odile>pax distrust-"]);
  });

  it("guard: one person swearing on something is no alliance", () => {
    expect(edges("Odile swore on the river stone to find Pax.")).toEqual([]);
  });
});

describe("harm wished and plotted (blind31/32 round)", () => {
  it("'plots Pax's downfall' and 'I will see him fall' are hostility", () => {
    expect(edges("Odile plots Pax's downfall.")).toEqual(["odile>pax hostility-"]);
    expect(edges("\"Pax is a fool, and I will see him fall,\" Odile said.")).toEqual(["odile>pax hostility-"]);
  });
});

describe("no one more, and stakes (blind31/32 round)", () => {
  it("'Pax is my cousin, and there is no one here I respect more' is about Pax", () => {
    expect(edges("Pax is a stubborn mule, and there is no one in the valley I trust more.")).toEqual(["ren>pax trust+"]);
  });

  it("'I would stake my licence on him' is trust", () => {
    expect(edges("Odile would stake her licence on Pax.")).toEqual(["odile>pax trust+"]);
  });

  it("guard: 'no one … more' with nobody named before it is nothing", () => {
    expect(edges("There is no one in the valley I trust more.")).toEqual([]);
  });
});

describe("the two of them (blind31/32 round)", () => {
  it("'…, and the two of them were allies' is the last two people named", () => {
    expect(edges("Odile met Pax at the ford, and from that night on the two of them were allies.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });
});

describe("an alliance is made by both (blind31/32 round; a convention relabelled)", () => {
  it("'formed an alliance with Pax', 'joined forces with Pax' give both directions", () => {
    expect(edges("Odile formed an alliance with Pax.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile joined forces with Pax to find the thief.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("guard: siding with someone or backing them stays one way", () => {
    expect(edges("Odile sided with Pax at the vote.")).toEqual(["odile>pax alliance+"]);
  });
});

describe("idioms of harm and contempt (blind31/32 round)", () => {
  it("an oath to destroy someone, holding someone in contempt, being at daggers drawn are hostility", () => {
    expect(edges("Odile swore a blood oath to destroy Pax.")).toEqual(["odile>pax hostility-"]);
    expect(edges("Odile holds Pax in open contempt.")).toEqual(["odile>pax hostility-"]);
    expect(edges("Odile and Pax have been at daggers drawn since the fire.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
    expect(edges("Odile hired a cutthroat to see Pax dead.")).toEqual(["odile>pax hostility-"]);
  });

  it("guard: a threat after an 'if' is no feeling now, and an oath to do a thing together stays an alliance", () => {
    expect(edges("If Pax ever lays a hand on Odile again, I will kill him.")).toEqual([]);
    expect(edges("Odile and Pax swore an oath to see the mill rebuilt together.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });
});

describe("kin with a time or a modifier (blind31/32 round)", () => {
  it("'were married last spring' and 'Pax's only son' are family", () => {
    expect(edges("Odile and Pax were married last spring.")).toEqual(["odile>pax family+", "pax>odile family+"]);
    expect(edges("Odile is Pax's only daughter.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });
});

describe("fondness (blind31/32 round)", () => {
  it("'the boy' after 'Brother Pax' is not blocked by the title's kin word; 'fonder of' is fondness", () => {
    expect(edges("\"I forgive you, Ren,\" Brother Pax said; he has always been fond of the boy.", "pax")).toEqual(["pax>ren friendship+"]);
    expect(edges("Odile took the blow for Pax; she is fonder of him than she lets on.", "odile")).toEqual(["odile>pax friendship+"]);
  });
});

describe("what someone knows or will do (blind31/32 round)", () => {
  it("'fears what he saw' / 'frightened of what she will do' are about the clause's subject", () => {
    expect(edges("Odile keeps Pax close because she fears what he saw at the mill.", "odile")).toEqual(["odile>pax fear-"]);
  });
});

describe("letters, asides and participles (blind31/32 round)", () => {
  it("'Dear Pax, … I trust you': a letter's salutation names who 'you' is", () => {
    expect(edges("Dear Pax, I write by candlelight because I cannot say it to your face: I trust you more than anyone.")).toEqual(["ren>pax trust+"]);
    expect(edges("\"My dear Pax,\" I wrote, \"I know about the poison, and I will see you hang.\"")).toEqual(["ren>pax hostility-"]);
  });

  it("', in turn,' is stepped over like ', for her part,'", () => {
    expect(edges("Ren admires how Odile faced the mob, and Odile, in turn, has begun to rely on him.")).toContain("odile>ren trust+");
  });

  it("', trusting her to pay' belongs to the sentence's opening subject", () => {
    expect(edges("Odile sold flour to Pax on credit, trusting him to pay by Friday.")).toEqual(["odile>pax trust+"]);
  });

  it("guard: a salutation needs a name ('Dear me, I fear you' names no one)", () => {
    expect(edges("Dear me, I fear you.")).toEqual([]);
  });
});

describe("idioms of distrust (blind31/32 round)", () => {
  it("'trusts Pax about as far as she could throw him' is distrust, with or without 'wouldn't'", () => {
    expect(edges("Odile trusts Pax about as far as she could throw him.")).toEqual(["odile>pax distrust-"]);
    expect(edges("Odile wouldn't trust Pax as far as she could throw him.")).toEqual(["odile>pax distrust-"]);
  });

  it("'would sooner trust a viper in my boot than Pax' and 'suspect every word he swears' are distrust", () => {
    expect(edges("I would sooner trust a viper in my boot than Pax.")).toEqual(["ren>pax distrust-"]);
    expect(edges("Pax kneels prettily, but I suspect every word he swears.")).toEqual(["ren>pax distrust-"]);
  });

  it("guard: a later clause's idiom does not reach back ('trusts Odile with her life but …')", () => {
    expect(edges("Ren trusts Odile with his life but wouldn't trust Pax as far as he could throw him.")).toEqual(["ren>odile trust+", "ren>pax distrust-"]);
  });
});

describe("a tie that ended (blind31/32 round)", () => {
  it("'were lovers once, but that ended', 'the betrothal is long broken', 'the rivalry is over' leave no edge", () => {
    expect(edges("Odile and Pax were lovers once, but that ended years ago.")).toEqual([]);
    expect(edges("Odile was betrothed to Pax before the war, but the betrothal is long broken.")).toEqual([]);
    expect(edges("Odile and Pax were rivals for the seat; now that Pax is condemned, the rivalry is over.")).toEqual([]);
  });

  it("guard: 'until the siege is over' ends nothing", () => {
    expect(edges("\"I'm in love with Pax,\" Odile said, \"and he mustn't know until the siege is over.\"")).toEqual(["odile>pax love+"]);
  });
});
