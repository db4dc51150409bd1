import { describe, expect, it } from "vitest";
import { PROBE_CAST, relationshipProbes } from "../dev/testing/relationshipProbes.ts";

// Classes of wrong edges that passed the threshold on blind13/14 (issue 15, third calibration round),
// probed with sentences written for these tests, not taken from the sets.
const { edges, sure } = relationshipProbes(PROBE_CAST, "ren");

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
    // No love; wanting him hanged is hostility (the brief: wanting to harm someone).
    expect(edges("Ren would love to see Pax hanged for the fire.")).toEqual(["ren>pax hostility-"]);
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
  it("'not yet' is a feeling expected later: no edge (a plain 'not' is none either; 'can't' turns it)", () => {
    expect(edges("Ren does not yet trust Pax with the keys.")).toEqual([]);
    expect(edges("Ren doesn't yet trust Pax.")).toEqual([]);
    expect(edges("Ren does not trust Pax.")).toEqual([]);
    expect(edges("Ren can't trust Pax.")).toEqual(["ren>pax distrust-"]);
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
