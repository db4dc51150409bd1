import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind37/38 (issue 15, the second round of 2026-12-03),
// probed with sentences written for these tests, not taken from the sets. Each class's test failed on
// the code before the round; the guard tests pin what a new rule must not do.
const { edges, sure } = relationshipProbes(PROBE_CAST, "ren");

describe("old forms and inverted order (blind37/38 round)", () => {
  it("'thee', 'thy', 'thine' are 'you', 'your': '\"I trust thee, Pax,\" said Odile'", () => {
    expect(edges("\"I trust thee, Pax, as mine own hand,\" said Odile.", "odile")).toEqual(["odile>pax trust+"]);
    expect(edges("\"I hold thee dear, Pax,\" said Odile by the fire.", "odile")).toEqual(["odile>pax friendship+"]);
  });

  it("'Never did Odile fear Pax', 'Neither did Odile mistrust Pax, nor did Pax mistrust her': denials, no edge", () => {
    expect(edges("Never did Odile fear Pax, not even in the year of the floods.")).toEqual([]);
    expect(edges("Neither did Odile mistrust Pax, nor did Pax mistrust Odile, though each had cause.")).toEqual([]);
  });

  it("'Every word from Pax's lips did Odile doubt': the object fronted before 'did'", () => {
    expect(edges("Every word that fell from Pax's lips did Odile doubt, after the night of the fire.")).toEqual(["odile>pax distrust-"]);
  });

  it("guard: 'did' after a subject is no inversion", () => {
    expect(edges("Pax left early, and Odile did trust Lady Ines.")).toEqual(["odile>ines trust+"]);
  });
});

describe("pairs without a subject (blind37/38 round)", () => {
  it("a plural mutual noun opening a verbless fragment names the pair last mentioned", () => {
    expect(edges("Odile and Pax signed the mill charter at dawn: allies until the harvest.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile beat Pax at the pie contest; he demanded a recount. Rivals for life now.")).toEqual(["odile>pax rivalry-", "pax>odile rivalry-"]);
  });

  it("guard: a noun after a verb keeps its own participants", () => {
    expect(edges("Odile met Pax and Lady Ines at the mill, and they are allies.")).not.toContain("odile>pax alliance+");
  });

  it("'the enmity between the two of them', 'the bad blood between Odile and Pax'", () => {
    expect(edges("Odile unhorsed Pax at the tourney, and bitter enmity has burned between the two of them ever since.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
    expect(edges("There is bad blood between Odile and Pax.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
  });

  it("'swore alliance', 'holds him in the deepest suspicion'", () => {
    expect(edges("Odile and Pax swore alliance in the marsh war.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile holds Pax in the deepest suspicion.")).toEqual(["odile>pax distrust-"]);
  });
});

describe("feelings that ended or belong to a thing (blind37/38 round)", () => {
  it("'Odile's fear of Pax faded after the audience' is no fear now", () => {
    expect(edges("Odile's fear of Pax faded after the audience; she admires him now.", "odile")).toEqual(["odile>pax respect+"]);
  });

  it("'hates Pax's new tax — …— though she holds Pax himself in high esteem': the tax is not the man", () => {
    expect(sure("Odile hates Pax's new tax — she said so Sunday — though she still holds Pax himself in high esteem.", "odile")).toEqual(["odile>pax respect"]);
  });
});

describe("changes, denials after the object and conditions (blind37/38 round)", () => {
  it("'went from fearing Pax to respecting him': the gerund after 'to' is the subject's, and only it holds", () => {
    expect(edges("Odile went from fearing Pax to respecting him after the flood.", "odile")).toEqual(["odile>pax respect+"]);
  });

  it("'turns out to be Pax's cousin' links like 'is'", () => {
    expect(edges("Odile turns out to be Pax's cousin.")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });

  it("'I trust her no longer': the denial after the object; a slot never runs into the next clause", () => {
    expect(edges("I trusted Odile once; I trust her no longer, and I despise her with all my heart.")).toEqual(["ren>odile hostility-"]);
  });

  it("guard: 'suspects Pax of lying and no longer trusts him' keeps the suspicion", () => {
    expect(edges("Odile suspects Pax of lying and no longer trusts him.")).toEqual(["odile>pax distrust-"]);
  });

  it("a foretelling is no edge: 'the seer foretold that Odile would wed Pax'", () => {
    expect(edges("The seer foretold that Odile would wed Pax beneath a red moon.")).toEqual([]);
  });

  it("guard: believing a prophecy is not foretelling", () => {
    expect(edges("Odile believes the prophecy, and she believes Pax when he says the river will hold.", "odile")).toContain("odile>pax trust+");
  });

  it("an inverted condition ('Were Odile ever to …, Pax would be the first to denounce her') and 'Would that I could trust …'", () => {
    expect(edges("Were Odile ever to betray the crown, Pax would be the first to denounce her.")).toEqual([]);
    expect(edges("\"Would that I could trust Pax,\" sighed Odile.", "odile")).toEqual([]);
  });
});

describe("pairs named loosely (blind37/38 round)", () => {
  it("'they' after one person named and another only as a possessor is that pair", () => {
    expect(edges("Odile's fear of deep water came up at the ford. Pax noticed and kept quiet; they're friends now.", "ren")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("a plural phrase opening a fragment ('— thick as thieves these days') names the pair last mentioned", () => {
    expect(edges("Odile's old crewmate wants revenge on her. Odile and Pax laughed it off over rum — thick as thieves these days.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("guard: 'Would that I could trust my cousin Pax' still names the cousin", () => {
    expect(edges("\"Would that I could trust my cousin Pax,\" sighed Odile.", "odile")).toEqual(["odile>pax family+", "pax>odile family+"]);
  });
});

describe("feelings borne and given back (blind37/38 round)", () => {
  it("'bears a deep affection for Pax', and '…, for whom she bears a deep affection'", () => {
    expect(edges("Odile bears a deep affection for Pax.")).toEqual(["odile>pax friendship+"]);
    expect(edges("Odile sat till dawn beside Pax, for whom she bears a deep affection.", "odile")).toEqual(["odile>pax friendship+"]);
  });

  it("guard: 'bears no love for Pax' is no love", () => {
    expect(edges("Odile bears no love for Pax.")).toEqual([]);
  });

  it("'he is fond of Odile, and she of him': the feeling given back with its verb left out", () => {
    expect(edges("Pax is fond of Odile, and she of him.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });
});

describe("things heard and ties that broke (blind37/38 round)", () => {
  it("'Having heard the Lady's confession, Pax mistrusted her': a thing heard is no hearsay", () => {
    expect(edges("Having heard Lady Ines's confession, Pax mistrusted her ever after.", "pax")).toEqual(["pax>ines distrust-"]);
  });

  it("guard: 'heard Lady Ines say that Pax hates Odile' is still hearsay", () => {
    expect(edges("Ren heard Lady Ines say that Pax hates Odile.")).toEqual([]);
  });

  it("'Odile's alliance with Pax broke at the docks' ends it", () => {
    expect(edges("Odile's alliance with Pax broke at the docks; the two are bitter enemies now.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
  });
});

describe("tales and borne feelings (blind37/38 round)", () => {
  it("'…; so runs the tale' passes a tale on: no edge", () => {
    expect(edges("Odile is Pax's own daughter, hidden in the convent; so runs the tale, though none can swear to it.")).toEqual([]);
  });

  it("'Pax now bears him open hostility' is Pax's; 'bears him no malice' is nothing", () => {
    expect(edges("Odile mocked Pax at chapel; Pax now bears her open hostility.", "pax")).toEqual(["pax>odile hostility-"]);
    expect(edges("Pax bears Odile no malice.")).toEqual([]);
  });
});
