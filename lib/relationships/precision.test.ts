import { describe, expect, it } from "vitest";
import { relationshipProbes } from "../dev/testing/relationshipProbes.ts";
import { extractRelationships } from "./extract.ts";
import type { EntityRef } from "./types.ts";

// Classes of wrong edges found on fresh text (issue 15), probed with sentences written for these tests.
const CAST: EntityRef[] = [
  { id: "ren", name: "Ren" },
  { id: "odile", name: "Odile" },
  { id: "pax", name: "Pax" },
  { id: "ines", name: "Lady Ines" },
];
const { edges, sure } = relationshipProbes(CAST, "ren");

describe("someone else's kin is not the cast member", () => {
  it("a reported clause with a subject of its own takes no name from before it", () => {
    expect(edges("Odile said that her uncle had always dreaded Pax.", "odile")).toEqual([]);
    expect(edges("Ren knows the miller fears Lady Ines.")).toEqual([]);
    // The speaker's own feeling after "said" still reads.
    expect(edges("Ren said he distrusts Pax.")).toEqual(["ren>pax distrust-"]);
    // An apposition is the subject itself.
    expect(edges("Odile, the harbour pilot, fears Pax.", "odile")).toEqual(["odile>pax fear-"]);
  });

  it("a judgement about someone's relative is not about them; a quality still is", () => {
    expect(edges("Ren is certain Pax's brother is lying.")).toEqual([]);
    expect(edges("Ren is certain Pax is lying.")).toEqual(["ren>pax distrust-"]);
  });

  it("'no one except her own cousin X' reaches the name", () => {
    expect(edges("Lady Ines trusts no one in the valley except her own cousin Pax.", "ines")).toContain("ines>pax trust+");
  });
});

describe("a cue word used in another sense", () => {
  it("a one-word verb cue after at/on/from is a noun", () => {
    expect(edges("Odile and Pax are old rivals at court.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
    expect(edges("Pax began to court Odile in the spring.", "pax")).toEqual(["pax>odile love+"]);
  });
});

describe("family sign", () => {
  it("rivalry or enmity between kin turns the tie (the brief: any negative edge for the pair makes it -1)", () => {
    expect(edges("Ren and his sister Odile are rivals for the mill.")).toEqual(["odile>ren family-", "odile>ren rivalry-", "ren>odile family-", "ren>odile rivalry-"]);
    expect(edges("Ren loathes his sister Odile.")).toContain("ren>odile family-");
  });
});

describe("idiom families of alliance and loathing", () => {
  it("a pact agreed, sworn or held by a group is a mutual alliance", () => {
    for (const s of ["Ren and Odile agreed to a truce against the wolves.", "Ren and Odile swore an oath of alliance on the bridge.", "Ren and Odile have stood shoulder to shoulder through two sieges."]) {
      expect(edges(s), s).toEqual(["odile>ren alliance+", "ren>odile alliance+"]);
    }
  });

  it("'would rather … than share / ask' and calling someone a coward are hostility", () => {
    expect(edges("Ren would rather sleep in the rain than share a roof with Pax.")).toEqual(["ren>pax hostility-"]);
    expect(edges("Ren would sooner starve than ask Pax for bread.")).toEqual(["ren>pax hostility-"]);
    expect(edges("Odile openly defies Lady Ines and calls her a coward.", "odile")).toEqual(["odile>ines hostility-"]);
    expect(edges("Ren is taller than Pax.")).toEqual([]);
  });
});

describe("figurative kinship", () => {
  it("'in all but blood / name' is friendship; 'as if … his own sister' is no tie", () => {
    expect(edges("Pax is my brother in all but name.")).toEqual(["pax>ren friendship+", "ren>pax friendship+"]);
    expect(edges("Ren treats Odile as if she were his own sister.")).toEqual([]);
    expect(edges("Ren is Odile's brother.")).toEqual(["odile>ren family+", "ren>odile family+"]);
    expect(edges("Pax and Odile are sworn sisters.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });
});

describe("the owner named by role", () => {
  it("a lower-case title is the memory's owner only when the owner holds it, and stays unsure", () => {
    const read = (owner: string) => extractRelationships({ entity_id: owner, content: "The lady distrusts Pax." }, CAST);
    expect(read("ines").map((r) => `${r.from}>${r.to} ${r.type} ${r.needsEnrichment}`)).toEqual(["ines>pax distrust true"]);
    expect(read("odile")).toEqual([]);
  });
});

describe("pronoun continuity", () => {
  it("'X once feared <owner>, but now she trusts her': the subject pronoun continues X, unsure", () => {
    const got = extractRelationships({ entity_id: "ines", content: "Odile once resented Lady Ines, but now she trusts her." }, CAST);
    expect(got.filter((r) => r.type === "trust").map((r) => `${r.from}>${r.to} ${r.needsEnrichment}`)).toEqual(["odile>ines true"]);
    // With no feeling read from the earlier clause there is no subject to continue: the owner is the default.
    expect(edges("Pax once wronged Ren, and he has feared him since.")).toContain("ren>pax fear-");
  });
});

describe("subject carried across clauses", () => {
  it("the object of an earlier verb is not the subject of a coordinated one", () => {
    expect(edges("Ren met Odile at the gate and fears Pax.")).toEqual(["ren>pax fear-"]);
    expect(edges("The miller met Odile and fears Pax.")).toEqual([]);
    // A new subject after "and" keeps its own clause.
    expect(edges("Ren greeted Odile and Pax fears Lady Ines.")).toEqual(["pax>ines fear-"]);
  });

  it("a third segment far from its subject is read from the opener, unsure", () => {
    const got = extractRelationships({ entity_id: "ren", content: "Ren greeted Odile at the door, poured Pax a drink, and could not hide his contempt for Lady Ines." }, CAST);
    expect(got.map((r) => `${r.from}>${r.to} ${r.type} ${r.needsEnrichment}`)).toEqual(["ren>ines hostility true"]);
  });

  it("'doubts every word X says' is distrust", () => {
    expect(edges("Ren doubts every word Odile says and does not trust her.")).toEqual(["ren>odile distrust-"]);
  });
});

describe("oaths of harm, pleas and loathing", () => {
  it("a vow of harm is hostility; a vow of care is not", () => {
    expect(edges("Ren swore a vow of revenge against Pax.")).toEqual(["ren>pax hostility-"]);
    expect(edges("Ren vowed to ruin Lady Ines.")).toEqual(["ren>ines hostility-"]);
    expect(edges("Ren swore on his father's sword that he would see Pax hanged.")).toEqual(["ren>pax hostility-"]);
    expect(edges("Ren vowed to protect Odile.")).toEqual([]);
    expect(edges("Ren will see Odile at dawn.")).toEqual([]);
  });

  it("begging for mercy is fear; not bearing someone's company is hostility", () => {
    expect(edges("Ren begged Lady Ines for mercy.")).toEqual(["ren>ines fear-"]);
    expect(edges("Ren can no longer bear to be in the same room as Odile.")).toEqual(["ren>odile hostility-"]);
  });
});

describe("the speaker's own judgement", () => {
  it("'told X that Y was the finest …' is the speaker's respect", () => {
    expect(edges("Ren told the ferryman that Odile was the best pilot on the river.")).toEqual(["ren>odile respect+"]);
    expect(edges("Ren told Odile that Pax was late.")).toEqual([]);
  });
});

describe("objects and noun negation", () => {
  it("a noun phrase of its own right after the cue is the object, not a later name", () => {
    expect(edges("Ren lost his trust in the law the day Pax was freed.")).toEqual([]);
    expect(edges("Ren fears the wrath of Pax.")).toEqual(["ren>pax fear-"]);
  });

  it("'no' inside the noun phrase negates a relational noun", () => {
    expect(edges("Ren is no friend of Pax.")).toEqual([]);
    expect(edges("Pax is no ally of Lady Ines.")).toEqual([]);
    expect(edges("Ren is a friend of Pax.")).toEqual(["pax>ren friendship+", "ren>pax friendship+"]);
  });
});

describe("tags and correlatives", () => {
  it("a name after a comma followed by a verb is a tag, not an apposition", () => {
    expect(edges("Pax and Odile are cousins, Ren learned.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });

  it("'neither X nor Y' denies the feeling for both", () => {
    expect(edges("Ren trusted neither Odile nor Pax.")).toEqual(["ren>odile distrust-", "ren>pax distrust-"]);
    expect(edges("Ren feared neither Odile nor Pax.")).toEqual([]);
  });

  it("'the last man she would trust' is distrust; 'the only man she trusts' is trust", () => {
    expect(edges("Pax is the last man Ren would trust.")).toEqual(["ren>pax distrust-"]);
    expect(edges("Pax is the only man Ren trusts.")).toEqual(["ren>pax trust+"]);
  });
});

// Classes of the issue-15 calibration round on blind10 (probe sentences written for these tests).

describe("a sentence framed as hearsay, a claim or a denial stays under the threshold", () => {
  it("rumour, gossip, 'according to', 'it is not true that' and 'claims to' are not the narrator's word", () => {
    // A rumour or a claimed feeling is no edge at all; a denial stays a doubted reading for enrichment.
    for (const s of ["Rumour has it that Odile loves Pax.", "According to the sailors, Odile fears Pax.", "Odile claims to adore Pax."]) expect(edges(s, "odile"), s).toEqual([]);
    expect(sure("It is not true that Odile hates Pax.", "odile")).toEqual([]);
    expect(edges("It is not true that Odile hates Pax.", "odile")).toEqual(["odile>pax hostility-"]);
    expect(sure("Odile fears Pax.", "odile")).toEqual(["odile>pax fear"]);
  });

  it("acting a feeling is pretending it", () => {
    expect(sure("Odile acts friendly toward Pax.", "odile")).toEqual([]);
  });
});

describe("conditions without 'if', changed feelings and later corrections", () => {
  it("a sentence-initial 'Should / Were / Had … ,' is a conditional", () => {
    expect(sure("Should the harbour burn, Odile would side with Pax.", "odile")).toEqual([]);
    expect(sure("Odile would side with Pax.", "odile")).toEqual(["odile>pax alliance"]);
  });

  it("a feeling that 'has cooled into' another is not the one held", () => {
    expect(sure("Odile's trust in Pax has soured into something else.", "odile")).toEqual([]);
  });

  it("an earlier reading replaced by a later one ('but now', 'in truth') is doubted; ambivalence keeps both", () => {
    expect(sure("Odile distrusted Pax for years, but that has changed: Odile trusts Pax now.", "odile")).toEqual(["odile>pax trust"]);
    expect(sure("Odile loves Pax but fears him.", "odile")).toContain("odile>pax love");
  });
});

describe("who holds the feeling", () => {
  it("'neither A nor B' negates both subjects (a plain denial: no edge, left to enrichment)", () => {
    expect(edges("Neither Odile nor Lady Ines trusts Pax.")).toEqual([]);
    expect(edges("Neither Odile nor Lady Ines trusts Pax an inch.")).toContain("ines>pax distrust-");
  });

  it("after 'whom' the holder's object is the person before, so the names after it are a guess", () => {
    expect(sure("Lady Ines, whom Odile fears, sent for Pax.", "pax")).not.toContain("odile>pax fear");
  });

  it("a subject pronoun read as the unnamed owner while someone else it could mean was named before is a guess", () => {
    expect(sure("Odile smiles at Pax, but she envies Pax bitterly.", "ren")).not.toContain("ren>pax rivalry");
  });

  it("a negator in the cue's slot, and a relative's side, are no bond", () => {
    expect(sure("Odile bears Pax no ill will.", "odile")).toEqual([]);
    expect(sure("Odile bears Pax ill will.", "odile")).toEqual(["odile>pax hostility"]);
    expect(sure("Pax is related to Odile on her mother's side.", "pax")).toEqual(["odile>pax family", "pax>odile family"]);
  });
});

// Classes from blind11 / blind12 (both tuned on from here), probed with sentences written for these tests.
describe("a word read in another sense (blind11/12 round)", () => {
  it("a verb cue after a preposition and an article is a noun ('at the spring court')", () => {
    expect(edges("Odile and Pax quarrelled at the spring court.")).not.toContain("odile>pax love+");
    expect(edges("Pax began to court Odile in the spring.", "pax")).toEqual(["pax>odile love+"]);
  });

  it("a bare 'like' after anything but a subject, 'to', an auxiliary or an adverb is a preposition", () => {
    expect(edges("Odile watched the maps go up like dry straw, and it was Pax who carried her out.", "odile")).toEqual([]);
    expect(edges("Odile sang like a lark, and Pax listened.", "odile")).toEqual([]);
    expect(edges("Odile and Pax like each other.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
    expect(edges("I like Pax.")).toEqual(["ren>pax friendship+"]);
    expect(edges("Ren doesn't like Pax.")).toEqual([]);
  });

  it("'in everything but blood' is figurative kinship (friendship)", () => {
    expect(edges("Odile and Pax are brothers in everything but blood.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("someone's unnamed person is not them, in a slot cue too", () => {
    expect(edges("Ren would not trust Pax's new steward with a single coin.")).toEqual([]);
    expect(edges("Ren would trust Pax with a single coin.")).toEqual(["ren>pax trust+"]);
  });
});

describe("a feeling the sentence says is not held now (blind11/12 round)", () => {
  it("a sentence that calls it a pretence, a feeling prayed for or tried, is doubted", () => {
    expect(sure("Odile paraded her friendship with Pax all season, though it was a charade.", "odile")).toEqual([]);
    expect(sure("Odile prayed she might learn to love Pax.", "odile")).toEqual([]);
    expect(sure("Odile tried to trust Pax.", "odile")).toEqual([]);
    expect(sure("Odile trusts Pax.", "odile")).toEqual(["odile>pax trust"]);
  });

  it("'once' and 'now' within one clause: the earlier part is doubted", () => {
    expect(sure("Ren adored Odile once, long before the flood, and all that is left of it now is a nod.")).toEqual([]);
    expect(sure("Ren adores Odile, and now he tells everyone.")).toEqual(["ren>odile love"]);
  });

  it("a feeling whose noun phrase 'ended' is over; a person who ended something is not", () => {
    expect(sure("Ren's feud with Pax, which lasted three winters, ended at the fair.")).toEqual([]);
    expect(sure("Ren's rivalry with Pax ended.")).toEqual([]);
    expect(sure("Ren loathes Pax, who ended the strike.")).toEqual(["ren>pax hostility"]);
    expect(sure("Ren loathes Pax because his horse died.")).toEqual(["ren>pax hostility"]);
  });

  it("someone's things set against the person are not the person", () => {
    expect(sure("Ren hates Pax's tolls and Pax's bridges, but against Pax himself he says nothing.")).toEqual([]);
    expect(sure("Ren hates Pax's tolls.")).toEqual(["ren>pax hostility"]);
  });
});

describe("who holds it and which edge (blind11/12 round)", () => {
  it("a subject pronoun in what a named speaker said is likelier the speaker than the owner", () => {
    expect(sure("Odile told Ren that she no longer believed a word Pax said.", "ren")).not.toContain("ren>pax distrust");
    expect(sure("Ren told Odile that he doubts every word Pax says.", "ren")).toEqual(["ren>pax distrust"]);
  });

  it("a word that estranges a family tie signs it and adds no hostility of its own", () => {
    expect(edges("Odile and Pax are cousins who have been feuding for years.")).toEqual(["odile>pax family-", "pax>odile family-"]);
    expect(edges("Odile and Pax are estranged cousins who have hated each other for years.")).toEqual(
      ["odile>pax family-", "odile>pax hostility-", "pax>odile family-", "pax>odile hostility-"]);
  });
});
