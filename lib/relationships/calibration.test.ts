import { describe, expect, it } from "vitest";
import { relationshipProbes } from "../dev/testing/relationshipProbes.ts";
import type { EntityRef } from "./types.ts";

// Classes of wrong edges that passed the threshold on blind13/14 (issue 15, third calibration round),
// probed with sentences written for these tests, not taken from the sets.
const CAST: EntityRef[] = [
  { id: "ren", name: "Ren" },
  { id: "odile", name: "Odile" },
  { id: "pax", name: "Pax" },
  { id: "hale", name: "Dr. Yuen Hale" },
  { id: "ines", name: "Lady Ines" },
];
const { edges, sure } = relationshipProbes(CAST, "ren");

describe("a feeling the text places before now", () => {
  it("a childhood feeling turned by a later 'now' is dropped", () => {
    expect(edges("Ren had been wary of Dr. Hale as a boy, but now he helps at the clinic.")).toEqual([]);
    expect(sure("Ren is wary of Dr. Hale.")).toEqual(["ren>hale distrust"]);
  });

  it("a pluperfect feeling before 'since the …' or 'has become' is doubted; a causal 'since' is not a time", () => {
    expect(sure("Odile had called Pax a friend for a decade; since the theft she calls him only a thief.", "odile")).toEqual([]);
    expect(sure("Ren and Pax, once sworn rivals at the fencing hall, have become friends over the winter.")).not.toContain("ren>pax rivalry");
    expect(sure("Since Ren trusts Pax, he lent him the boat.")).toEqual(["ren>pax trust"]);
  });

  it("an engagement that 'ended' is over", () => {
    expect(sure("Ren was engaged to Odile once; the engagement ended when she went to sea.")).toEqual([]);
  });
});

describe("what is not the narrator's word", () => {
  it("'had heard' frames the sentence as hearsay, kinship included", () => {
    expect(sure("Odile and Pax were siblings, Ren had heard at the fair.")).toEqual([]);
    expect(sure("Odile and Pax are siblings.")).toEqual(["odile>pax family", "pax>odile family"]);
  });

  it("'wishes she could …' is a wish", () => {
    expect(sure("Odile wishes she could rely on Pax.", "odile")).toEqual([]);
    expect(sure("Odile relies on Pax.", "odile")).toEqual(["odile>pax trust"]);
  });

  it("'fears what X will do' is about a deed, not plainly about X", () => {
    expect(sure("Ren fears what Pax will do with the ledger.")).toEqual([]);
    expect(sure("Ren fears Pax.")).toEqual(["ren>pax fear"]);
  });
});

describe("which edge and between whom", () => {
  it("betrothal is love both ways", () => {
    expect(edges("Ren is betrothed to Odile.")).toEqual(["odile>ren love+", "ren>odile love+"]);
  });

  it("a second mutual noun after 'and' shares the first noun's pair, and enmity turns the kinship", () => {
    expect(edges("Odile and Pax are sisters by birth and enemies by choice.")).toEqual(
      ["odile>pax family-", "odile>pax hostility-", "pax>odile family-", "pax>odile hostility-"]);
    expect(edges("Odile and Pax are cousins, and bitter enemies.")).toContain("odile>pax hostility-");
  });

  it("a one-word verb right after a possessive name is a noun, unless the possessive is gained ('earned X's respect')", () => {
    expect(edges("Ren couldn't stand Pax's incense, but he likes the man himself.")).not.toContain("pax>ren hostility-");
    expect(edges("Pax has earned Ren's respect.", "pax")).toEqual(["ren>pax respect+"]);
  });
});

// Fourth round: classes of wrong edges that passed the threshold on blind15/16, probed the same way.
describe("what the cue's object really is (blind15/16 round)", () => {
  it("'the <thing> X keeps doing' is a thing, not X; 'the way / the day X …' is still about X", () => {
    expect(edges("Ren hates the songs Pax keeps singing at the mill.")).toEqual([]);
    expect(edges("Ren fears the man Pax hired.")).toEqual([]);
    expect(edges("Ren resents the way Pax haggles.")).toEqual(["ren>pax hostility-"]);
    expect(edges("Ren hates the traitor Pax and his crew.")).toEqual(["ren>pax hostility-"]);
  });

  it("'love to / loves to' + a verb is an act, not a feeling for the person", () => {
    expect(edges("Ren would love to see Pax hanged for the fire.")).toEqual([]);
    expect(edges("Ren loves to tease Odile.")).toEqual([]);
    expect(edges("Ren is devoted to Odile.")).toEqual(["ren>odile love+"]);
  });

  it("someone's assistant, aide or deputy is not them", () => {
    expect(edges("Ren distrusts Pax's new assistant, a thin man who asks too much.")).toEqual([]);
  });

  it("a comma alone between verbs lists the subject's verbs: the name before it is an object", () => {
    expect(sure("Ren believes Odile, trusts Pax, and respects Lady Ines.")).not.toContain("odile>pax trust");
    expect(sure("Ren believes Odile, trusts Pax, and respects Lady Ines.")).toContain("ren>pax trust");
  });
});

describe("feelings not held now (blind15/16 round)", () => {
  it("'not yet' is a feeling expected later: no edge; plain 'not' still turns it", () => {
    expect(edges("Ren does not yet trust Pax with the keys.")).toEqual([]);
    expect(edges("Ren doesn't yet trust Pax.")).toEqual([]);
    expect(edges("Ren does not trust Pax.")).toEqual(["ren>pax distrust-"]);
    expect(edges("Ren counts on Pax yet detests Odile.")).toEqual(["ren>odile hostility-", "ren>pax trust+"]);
  });

  it("a feeling promised for 'the day' something impossible happens is its opposite", () => {
    expect(edges("Ren said he would trust Pax the day the sea ran dry.")).toEqual(["ren>pax distrust-"]);
  });

  it("'who once … and now …' doubts the relative clause only; 'used to …; instead … have grown' is earlier", () => {
    expect(sure("Lady Ines has come to dread Pax, who once treated her like a sister and now barely greets her.", "ines")).toEqual(["ines>pax fear"]);
    expect(sure("I used to think Odile and I would be enemies forever; instead we have grown close.")).toEqual([]);
  });

  it("bickering and squabbling are friction, not a sure rivalry", () => {
    expect(sure("Odile and Pax squabble over every tithe.")).toEqual([]);
    expect(sure("Odile and Pax compete for every contract.")).toEqual(["odile>pax rivalry", "pax>odile rivalry"]);
  });

  it("kin who have not spoken since … are estranged", () => {
    expect(edges("Odile and Pax are cousins who have not spoken since the wedding.")).toEqual(["odile>pax family-", "pax>odile family-"]);
    expect(edges("Odile and Pax are cousins.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });
});

describe("recall classes read off blind15/16", () => {
  it("racing or bidding against each other is rivalry; an oath, a compact signed together or an agreement to work together is alliance", () => {
    expect(edges("Odile and Pax keep bidding against each other for the same horses.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
    expect(edges("Odile and Pax have been racing each other to the summit all week.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
    expect(edges("Ren and Pax raced to the gate.")).toEqual([]);
    expect(edges("Ren swore an oath with Pax to hold the bridge.")).toEqual(["pax>ren alliance+", "ren>pax alliance+"]);
    expect(edges("Odile and Pax have agreed to work together on the dam.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'would sooner trust a viper than X' is distrust of X; 'believes every word X says' is trust", () => {
    expect(edges("Ren would sooner trust a viper than Pax.")).toEqual(["ren>pax distrust-"]);
    expect(edges("Odile has come to believe every word Pax tells her.", "odile")).toEqual(["odile>pax trust+"]);
  });
});

// Fifth round: classes of wrong edges that passed the threshold on blind17/18.
describe("whose feeling and about whom (blind17/18 round)", () => {
  it("'X calls Y her dearest friend': the possessive is X, not the memory's owner", () => {
    expect(sure("Lady Ines calls Pax her dearest friend.")).toEqual(["ines>pax friendship"]);
    expect(sure("Odile considers Pax her rival.")).toEqual(["odile>pax rivalry"]);
  });

  it("a feud with someone outside the cast is no edge with the owner", () => {
    expect(edges("Pax's feud with the miller is the talk of the town.")).toEqual([]);
    expect(edges("Pax's feud with Odile is old.")).toEqual(["pax>odile hostility-"]);
  });

  it("an apposition with a possessive is not a second object", () => {
    expect(edges("Odile is suspicious of Pax, Lady Ines's apprentice.", "odile")).not.toContain("odile>ines distrust-");
    expect(edges("Odile is suspicious of Pax, Lady Ines's apprentice.", "odile")).toContain("odile>pax distrust-");
  });

  it("'the two women' is the pair just named", () => {
    expect(edges("Pax is Odile's half-sister, and the two women loathe each other.")).toEqual(
      ["odile>pax family-", "odile>pax hostility-", "pax>odile family-", "pax>odile hostility-"]);
  });
});

describe("what is not asserted (blind17/18 round)", () => {
  it("'they say' is hearsay; a pretence reaches over a short clause; owing one's life is gratitude, not sure respect", () => {
    expect(sure("They say Pax poisoned the hounds out of spite.")).toEqual([]);
    expect(sure("I will not pretend Pax and I are friends.")).toEqual([]);
    expect(sure("I owe Pax my life.")).toEqual([]);
    expect(sure("Pax and I are friends.")).toEqual(["pax>ren friendship", "ren>pax friendship"]);
  });
});

describe("what the narrator doubts, compares or refutes (blind19/20 round)", () => {
  it("a hedge in the cue's clause keeps the edge under the threshold", () => {
    expect(sure("Maybe Pax admires me; maybe he only wants my boat.")).toEqual([]);
    expect(sure("Pax probably trusts Odile.")).toEqual([]);
    expect(sure("Pax admires me.")).toEqual(["pax>ren respect"]);
  });

  it("the feeling after 'than' is the measure, not a stated feeling; 'would rather … than' stays the idiom", () => {
    expect(sure("Odile fears Pax more than she fears Lady Ines.", "odile")).toEqual(["odile>pax fear"]);
    expect(sure("Ren would rather starve than trust Pax.")).toEqual(["ren>pax distrust"]);
  });

  it("a claim the sentence refutes ('nobody believes it', 'nothing to prove it') is not the narrator's word", () => {
    expect(sure("Pax claims Odile hates him, but nobody in the village believes it.")).toEqual([]);
    expect(sure("Odile adores Ren, Pax insists, though I have found nothing to prove it.")).toEqual([]);
    expect(sure("Odile hates Pax, and everyone believes it.")).toEqual(["odile>pax hostility"]);
  });
});

describe("which reading is current (blind19/20 round)", () => {
  it("'now' opening the later clause replaces the earlier opposite reading", () => {
    expect(sure("I feared Pax for ten years; now I trust Pax with the keys.")).toEqual(["ren>pax trust"]);
  });

  it("'once …; after the flood …' turns to now", () => {
    expect(sure("Odile once relied on Pax; after the flood she relies on Lady Ines.", "odile")).toEqual(["odile>ines trust"]);
  });
});

describe("words in another sense (blind19/20 round)", () => {
  it("in a first-person memory 'she' and 'me' are two people", () => {
    expect(edges("Lady Ines is my cousin, and she has despised me since the wedding.")).toEqual(["ines>ren family-", "ines>ren hostility-", "ren>ines family-"]);
  });

  it("a feud 'with' a relative is that tie's sign, not a second hostile edge", () => {
    expect(edges("Pax has been feuding with his uncle, Dr. Hale, for a decade.")).toEqual(["hale>pax family-", "pax>hale family-"]);
  });

  it("kinship 'in arms' is friendship, 'in name only' is none; 'brother in law' stays family", () => {
    expect(edges("Ren and Pax are brothers in arms.")).toEqual(["pax>ren friendship+", "ren>pax friendship+"]);
    expect(edges("Odile and Pax are sisters in name only.")).toEqual([]);
    expect(edges("Pax is Ren's brother in law.")).toEqual(["pax>ren family+", "ren>pax family+"]);
  });

  it("a blame, and devotion unto death, are read but left to enrichment", () => {
    expect(edges("Ren blames Pax for the fire.")).toEqual(["ren>pax hostility-"]);
    expect(sure("Ren blames Pax for the fire.")).toEqual([]);
    expect(sure("Ren would walk through fire for Odile.")).toEqual([]);
  });
});

describe("first person and speech (blind19/20 round)", () => {
  it("'“…,” I told Pax': the owner speaks and Pax is 'you'; said, so left to enrichment", () => {
    expect(edges("\"I trust you with my life,\" I told Pax.")).toEqual(["ren>pax trust+"]);
    expect(sure("\"I trust you with my life,\" I told Pax.")).toEqual([]);
  });

  it("'we' is the owner and the one other person named before it, or a quotation's speaker and addressee", () => {
    expect(edges("Odile forgave me, and we are friends again.")).toEqual(["odile>ren friendship+", "ren>odile friendship+"]);
    expect(edges("\"We are allies now,\" Odile told Pax.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    // Two others named: whose "we" is a guess too far.
    expect(edges("Odile met Pax at the gate, and we are friends again.")).toEqual([]);
    expect(edges("\"You and I are allies until the thaw, Pax,\" Odile said.", "hale")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'they' after two people not joined by 'and' is those two, as a guess", () => {
    expect(edges("Odile carried Pax down the ladder. They have been friends since the war.", "hale")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
    expect(sure("Odile carried Pax down the ladder. They have been friends since the war.", "hale")).toEqual([]);
  });

  it("'believes Pax over …' is trust; 'believes Pax stole …' is not", () => {
    expect(sure("Odile believes Pax over her own eyes.")).toEqual(["odile>pax trust"]);
    expect(edges("Odile believes Pax stole the key.")).not.toContain("odile>pax trust+");
  });
});

describe("who is meant (blind21/22 round)", () => {
  const titled = relationshipProbes([...CAST, { id: "bram", name: "Captain Bram" }], "hale");

  it("a capitalised title set off as address, or after 'her', is its holder", () => {
    expect(titled.edges("\"I trust you, Captain, more than my own sword,\" Odile said.")).toEqual(["odile>bram trust+"]);
    expect(titled.sure("Odile trusts her Captain.")).toEqual(["odile>bram trust"]);
    expect(titled.edges("Odile admires her captain.")).toEqual([]);
  });

  it("'the physician' after Dr. Hale was named is Hale, as a guess; with no one named before, no one", () => {
    expect(edges("Odile met Dr. Hale and now doubts every word the physician says.")).toEqual(["odile>hale distrust-"]);
    expect(sure("Odile met Dr. Hale and now doubts every word the physician says.")).toEqual([]);
    expect(edges("Pax fears the doctor.")).toEqual([]);
  });

  it("an object 'her' may be followed by a preposition", () => {
    expect(edges("I met Lady Ines at the fair, and I admire her above every poet in the city.")).toEqual(["ren>ines respect+"]);
  });

  it("one person singled out of a group object ('…, the Lady above all', 'Pax included', 'that includes …')", () => {
    expect(sure("Pax fears the whole Ines household, the Lady above all.")).toEqual(["pax>ines fear"]);
    expect(sure("Odile hates the whole court, and that includes Lady Ines.")).toEqual(["odile>ines hostility"]);
    expect(sure("Odile distrusts the guild as a whole, Pax included, more than the weather.")).toEqual(["odile>pax distrust"]);
  });

  it("someone's office or trade ('the Captain's chamberlain', 'Lady Ines's quartermaster') is not them", () => {
    expect(titled.edges("Odile suspects the Captain's chamberlain of theft.")).toEqual([]);
    expect(edges("Odile suspects Lady Ines's quartermaster of theft.")).toEqual([]);
    expect(edges("Odile suspects Lady Ines of theft.")).toEqual(["odile>ines distrust-"]);
  });
});

describe("contractions and shared oaths (blind21/22 round)", () => {
  it("'I'm', 'I've' are a subject and its auxiliary", () => {
    expect(sure("I'm afraid of Lady Ines, and she knows it.")).toEqual(["ren>ines fear"]);
    expect(edges("\"I've grown fond of you, Pax,\" Odile told him.")).toEqual(["odile>pax friendship+"]);
  });

  it("an oath sworn with someone, or by two people together, binds both ways; a blood oath is a bond, an oath of vengeance is not", () => {
    expect(sure("Odile swore an oath with Pax to guard the ford.")).toEqual(["odile>pax alliance", "pax>odile alliance"]);
    expect(sure("Odile and Pax swore to guard the ford together.")).toEqual(["odile>pax alliance", "pax>odile alliance"]);
    expect(sure("Odile and Pax, bound by an old pact, guard the ford.")).toEqual(["odile>pax alliance", "pax>odile alliance"]);
    expect(sure("Odile and Pax swore a blood oath to guard the ford.")).toEqual(["odile>pax alliance", "pax>odile alliance"]);
    expect(sure("Odile swore an oath of vengeance against Pax.")).toEqual(["odile>pax hostility"]);
  });
});

describe("hearsay, lies and intent (blind21/22 round)", () => {
  it("'is rumoured / said to' is hearsay; '…, but it is a lie' refutes the sentence", () => {
    expect(sure("Odile is rumoured to fear Pax.")).toEqual([]);
    expect(sure("Odile is said to fear Pax.")).toEqual([]);
    expect(sure("Odile loves Pax, but it is a lie.")).toEqual([]);
    expect(sure("Odile fears Pax.")).toEqual(["odile>pax fear"]);
  });

  it("meaning or plotting to ruin someone is hostility; believing their account is trust", () => {
    expect(sure("Odile means to ruin Lady Ines.")).toEqual(["odile>ines hostility"]);
    expect(sure("Odile plots to bring down Lady Ines.")).toEqual(["odile>ines hostility"]);
    expect(sure("Odile believes Pax's account of the fire.")).toEqual(["odile>pax trust"]);
  });

  it("an object 'her' may be followed by an article", () => {
    expect(edges("Pax hates her a little.", "odile")).toEqual(["pax>odile hostility-"]);
  });
});

describe("deeds, insults and waning (blind23/24 round)", () => {
  it("a wrong done to the person named ('will be poisoned') is no suspicion of them", () => {
    expect(edges("Odile fears that Pax will be poisoned at the feast.")).toEqual([]);
  });

  it("fighting at someone's side, or calling them a liar in a quarrel, is read but left to enrichment", () => {
    expect(edges("Odile fought beside Pax at the bridge.")).toEqual(["odile>pax alliance+"]);
    expect(sure("Odile fought beside Pax at the bridge.")).toEqual([]);
    expect(sure("Odile stood at Pax's side through the siege.")).toEqual([]);
    expect(sure("Pax called Odile a liar at supper.")).toEqual([]);
    expect(sure("Pax considers Odile a liar.")).toEqual(["pax>odile distrust"]);
  });

  it("'have since become friends' replaces the earlier rivalry", () => {
    expect(edges("Odile and Pax were rivals at school, but they have since become friends.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("a feeling that 'cooled' after its phrase has waned", () => {
    expect(sure("Odile's friendship with Pax cooled after the trial.")).toEqual([]);
    expect(sure("Odile's friendship with Pax has lasted years.")).toEqual(["odile>pax friendship"]);
  });
});

describe("who speaks (blind23/24 round)", () => {
  it("'“…” — Odile, to me' names the speaker after a dash", () => {
    expect(edges("\"You are a fool, Ren, and I trust you anyway.\" — Odile, to me, at the gate.", "ren")).toEqual(["odile>ren trust+"]);
  });

  it("an untagged quotation right after a tagged one goes on in its voice", () => {
    expect(edges("\"I'm not afraid of the dark, Pax,\" Odile told him. \"I'm afraid of you.\"", "ren")).toEqual(["odile>pax fear-"]);
  });
});
