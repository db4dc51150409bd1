import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of misses and wrong edges read off blind47/48 (issue 15, the second round of 2026-12-03b),
// probed with sentences written for these tests, not taken from the sets. Each class's test failed on
// the code before the round; the guard tests pin what a new rule must not do.
const { edges } = relationshipProbes(PROBE_CAST, "ren");

describe("quotations, subjects and objects (blind47/48 round)", () => {
  it("single quotation marks quote as double ones do: \"'I trust you, Pax,' Odile said\"", () => {
    expect(edges("'I trust you with the ledgers, Pax,' Odile said, 'and with nothing else.'")).toEqual(["odile>pax trust+"]);
  });

  it("guard: an elided word is no quotation mark ('the pair of 'em')", () => {
    expect(edges("Odile and Pax worked the crowd together, the pair of 'em, and Ren admires Pax.")).toEqual(["ren>pax respect+"]);
  });

  it("a short aside between the subject and its verb: 'and Pax, slower about it, has fallen for Odile'", () => {
    expect(edges("Ren fell for Odile in spring, and Pax, slower about it, has fallen for Odile too.")).toEqual(["pax>odile love+", "ren>odile love+"]);
  });

  it("a verb that ends its clause has no object after ', and': 'the only man here I trust, and the Lady the only one I fear'", () => {
    expect(edges("Pax is the only man here I trust, and Lady Ines the only one I fear.", "odile")).toEqual(["odile>ines fear-", "odile>pax trust+"]);
  });

  it("'but Pax she feared': a name put first after 'but' is the object", () => {
    expect(edges("Odile feared neither storm nor debt, but Pax she feared.", "odile")).toEqual(["odile>pax fear-"]);
  });

  it("'hates the rain, the bells, the gruel and, above all, Pax': the name closing a list of things", () => {
    expect(edges("Odile hates the rain, the bells, the gruel and, above all, Pax.")).toEqual(["odile>pax hostility-"]);
  });

  it("guard: a list of things ending in a name that starts a new clause is no object", () => {
    expect(edges("Odile hates the rain, the bells and the gruel, and Pax laughs at her.")).toEqual([]);
  });

  it("a slot does not run over 'and' into a second predicate: 'afraid of the Lady and suspects Pax of lying'", () => {
    expect(edges("Odile is afraid of Lady Ines and suspects Pax of lying about the fire.")).toEqual(["odile>ines fear-", "odile>pax distrust-"]);
  });
});

describe("negation, intention and contrast (blind47/48 round)", () => {
  it("'I believe him about nothing now': the opposite, asserted", () => {
    expect(edges("Pax lied to me all winter; I believe Pax about nothing now.", "odile")).toEqual(["odile>pax distrust-"]);
  });

  it("'Forgive me, Brother': a kinship title in address is the one who holds it; 'I never meant to doubt you' is an intention", () => {
    const cast = [...PROBE_CAST, { id: "aldo", name: "Brother Aldo" }];
    const probe = relationshipProbes(cast, "aldo");
    expect(probe.edges("'Forgive me, Brother,' Pax said. 'I never meant to doubt you. I trust you more than anyone.'")).toEqual(["pax>aldo trust+"]);
  });

  it("'wary of Pax's tinctures, not of the man himself': the thing, not the person", () => {
    expect(edges("Odile is wary of Pax's new tinctures, not of the man himself.")).toEqual([]);
  });

  it("'distrusts nearly everything else she tells him': the teller", () => {
    expect(edges("Pax respects Lady Ines's accounts and distrusts nearly everything else she tells him.", "pax")).toEqual(["pax>ines distrust-", "pax>ines respect+"]);
  });

  it("'went on trusting him': 'on' after a verb of going on is no preposition", () => {
    expect(edges("Her uncle warned Odile against Pax; she burned the letter and went on trusting Pax.", "odile")).toEqual(["odile>pax trust+"]);
  });
});

describe("changes over time and conditions (blind47/48 round)", () => {
  it("'hated Pax for a week; by Sunday they were friends again': 'again' makes the earlier feeling past", () => {
    expect(edges("Odile hated Pax for a week after the fight; by Sunday Odile and Pax were friends again.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'were enemies; the flood has made them allies': 'them' after a verb of making, and 'has made' is now", () => {
    expect(edges("Odile and Pax were bitter enemies in town; the flood has made them allies.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'enemies since the war, … and are now the firmest of friends': the later 'now' ends the opposite feeling", () => {
    expect(edges("Odile and Pax, enemies since the war, shook hands at the gate and are now the firmest of friends.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("guard: a later 'now' with a feeling of the same sign keeps both", () => {
    expect(edges("Odile fears Pax, and now she hates Pax too.", "odile")).toEqual(["odile>pax fear-", "odile>pax hostility-"]);
  });

  it("'wrote that, were Pax older, she would make him her ally': an inverted condition inside the sentence", () => {
    expect(edges("Odile wrote that, were Pax a few years older, she would gladly make the boy her ally.")).toEqual([]);
  });

  it("'the novices whisper that Odile loathes Pax': talk passed on", () => {
    expect(edges("The novices whisper that Odile loathes Pax.")).toEqual([]);
  });

  it("'have buried their rivalry and now work as one': alliance", () => {
    expect(edges("Odile and Pax have buried their old rivalry and now work as one.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });
});

describe("modals, relatives, beliefs and pairs (blind47/48 round)", () => {
  it("'If Pax repays the loan, Odile may yet come to trust him': 'may' is a modal of the consequence", () => {
    expect(edges("If Pax repays the loan by midsummer, Odile may yet come to trust Pax.")).toEqual([]);
  });

  it("'a soft spot for her that no ledger could account for': 'her' before a relative is an object", () => {
    expect(edges("Lady Ines is Odile's aunt, and Odile has a soft spot for her that no ledger could account for.", "odile")).toEqual(["ines>odile family+", "odile>ines family+", "odile>ines friendship+"]);
  });

  it("'\"She and I are old friends\"': a pronoun read as someone already in the group is the other person", () => {
    expect(edges("Pax's debt was forgiven in full. Odile's note in the margin: \"She and I are old friends.\"", "odile")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("'Odile loves Pax; he loves her back': the feeling given back between pronouns is the reverse", () => {
    expect(edges("Odile loves Pax, and has since the flood; he loves her back, which surprises the whole quay.", "odile")).toEqual(["odile>pax love+", "pax>odile love+"]);
  });

  it("someone's collectors and toll-reeve are not them", () => {
    expect(edges("Odile distrusts Lady Ines's new toll-reeve and found Lady Ines's collectors honest.")).toEqual([]);
  });

  it("'In the old days Odile feared Pax. These days she fears no one': the earlier feeling is past", () => {
    expect(edges("In the old days Odile feared nobody on the river but Pax. These days she fears no one at all.")).toEqual([]);
  });

  it("'the landlord believes Odile and Pax are lovers': a belief about two others", () => {
    expect(edges("The landlord believes Odile and Pax are lovers.")).toEqual([]);
  });

  it("guard: 'nobody believed a word of it, least of all Pax, who despises Odile' is no belief frame", () => {
    expect(edges("Ren spread the tale, but nobody believed a word of it, least of all Pax, who has despised Ren for years.")).toEqual(["pax>ren hostility-"]);
  });

  it("'wonders whether Pax can be trusted': an embedded question, no edge (the brief)", () => {
    expect(edges("Odile wonders whether Pax can be trusted with the deeds.")).toEqual([]);
  });

  it("guard: 'doubts whether Pax can be trusted' is distrust", () => {
    expect(edges("Odile doubts whether Pax can be trusted with the deeds.")).toEqual(["odile>pax distrust-"]);
  });

  it("'pooled their coin, and now stand together': a group-only verb after 'and' goes on with the opening group", () => {
    expect(edges("Odile and Pax pooled their coin to buy the wharf, and now stand together against the guild.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
  });

  it("'which makes Odile and Pax cousins', 'each respects the other'", () => {
    expect(edges("Their mothers were sisters, which makes Odile and Pax cousins.")).toEqual(["odile>pax family+", "pax>odile family+"]);
    expect(edges("Odile and Pax keep the books together, and each respects the other.")).toEqual(["odile>pax respect+", "pax>odile respect+"]);
  });
});

describe("kinship in an address, and common idioms (blind47/48 round)", () => {
  it("'Dear Aunt Ines, … Your niece, Odile.': kinship said in a salutation and a signature", () => {
    const cast = [...PROBE_CAST, { id: "ada", name: "Mistress Ada Quill" }];
    const probe = relationshipProbes(cast, "odile");
    expect(probe.edges("Dear Aunt Ada, the crossing was rough, but Pax kept us safe. Your niece, Odile.")).toEqual(["ada>odile family+", "odile>ada family+"]);
  });

  it("guard: 'Brother' before a name is a religious title, no kinship", () => {
    const cast = [...PROBE_CAST, { id: "aldo", name: "Brother Aldo" }];
    expect(relationshipProbes(cast, "odile").edges("Dear Brother Aldo, the harvest is in.")).toEqual([]);
  });

  it("idioms a coverage probe found missing: 'in league', 'on the same side', 'in Pax's corner', 'close ranks', 'out to get', 'on bad terms', 'related', 'makes his blood run cold'", () => {
    expect(edges("Odile and Pax are in league.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile and Pax are on the same side.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile is in Pax's corner.")).toEqual(["odile>pax alliance+"]);
    expect(edges("Odile and Pax closed ranks against the council.")).toEqual(["odile>pax alliance+", "pax>odile alliance+"]);
    expect(edges("Odile is out to get Pax.")).toEqual(["odile>pax hostility-"]);
    expect(edges("Odile and Pax are on bad terms.")).toEqual(["odile>pax hostility-", "pax>odile hostility-"]);
    expect(edges("Odile and Pax are related.")).toEqual(["odile>pax family+", "pax>odile family+"]);
    expect(edges("Pax makes Odile's blood run cold.")).toEqual(["odile>pax fear-"]);
    expect(edges("Odile and Pax hit it off.")).toEqual(["odile>pax friendship+", "pax>odile friendship+"]);
  });

  it("guard: 'has no love for Pax' is a denial, no edge (the labels)", () => {
    expect(edges("Odile has no love for Pax.")).toEqual([]);
  });
});
