import { describe, expect, it } from "vitest";
import { splitClauses, tokenize } from "./text.ts";

const norms = (text: string): string[] => tokenize(text).map((t) => t.norm);

describe("tokenize", () => {
  it("splits a pronoun contraction into the pronoun and its auxiliary, keeping offsets", () => {
    expect(norms("I'm sure she’s wary; we've seen it, they'll know")).toEqual(["i", "am", "sure", "she", "is", "wary", ";", "we", "have", "seen", "it", ",", "they", "will", "know"]);
    const [i, am] = tokenize("I'm here");
    expect([i.text, i.start, i.end, am.text, am.start, am.end]).toEqual(["I", 0, 1, "'m", 1, 3]);
  });

  it("reads 'd before a past participle as 'had', otherwise as 'would'", () => {
    expect(norms("I'd trusted him; I'd trust him")).toEqual(["i", "had", "trusted", "him", ";", "i", "would", "trust", "him"]);
  });

  it("keeps a name's possessive, and reads the notes' shorthand 'w/' and 'vs.'", () => {
    const t = tokenize("Tomas's feud w/ Quill vs. Corvin");
    expect(t.map((x) => x.norm)).toEqual(["tomas", "feud", "with", "quill", "against", ".", "corvin"]);
    expect(t[0].possessive).toBe(true);
  });
});

describe("splitClauses", () => {
  const clauses = (text: string): string[] => {
    const t = tokenize(text);
    return splitClauses(t).map((c) => t.slice(c.start, c.end).map((x) => x.text).join(" "));
  };

  it("keeps a heading of joined names with its dash or colon, and splits other dashes", () => {
    expect(clauses("Ada & Hale — enemies.")).toEqual(["Ada & Hale — enemies"]);
    expect(clauses("Corvin/Quill: cousins.")).toEqual(["Corvin / Quill : cousins"]);
    expect(clauses("Hale — trusts no one.")).toEqual(["Hale", "trusts no one"]);
  });

  it("does not end a sentence at 'vs.' or split at 'have since'", () => {
    expect(clauses("Quill holds a grudge vs. Corvin.")).toEqual(["Quill holds a grudge vs . Corvin"]);
    expect(clauses("They have since become friends.")).toEqual(["They have since become friends"]);
  });
});
