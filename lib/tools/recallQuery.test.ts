import { describe, expect, it } from "vitest";
import { countTokens } from "../common/tokens.ts";
import { stemTerm } from "../memory/terms.ts";
import { selectContext } from "../prompts/selectContext.ts";
import { renderMemory } from "../prompts/turnMessage.ts";
import type { TurnContext } from "./context.ts";
import { buildRecallQuery, QUERY_WEIGHTS } from "./recallQuery.ts";

const entities = [
  { id: "mara", name: "Mara Venn" },
  { id: "ilse", name: "Captain Ilse Dorn" },
  { id: "tomas", name: "Tomas Reed" },
];
const build = (action: string, recentInputs: string[] = []) => buildRecallQuery({ action, recentInputs, entities, playerId: "mara" });
const weightOf = (q: ReturnType<typeof build>, word: string) => q.terms.find((t) => t.term === stemTerm(word))?.weight;

describe("buildRecallQuery", () => {
  it("weights the action's words, their relatives and nothing else from a plain action", () => {
    const q = build("I go back for what I hid.", ["I talk with Tomas at the wagons."]);
    expect(weightOf(q, "hid")).toBe(QUERY_WEIGHTS.action);
    expect(weightOf(q, "buried")).toBe(QUERY_WEIGHTS.related);
    expect(weightOf(q, "wagons")).toBeUndefined(); // the recent turn's words are not searched
    expect(q.focus).toEqual([]);
    expect(q.carried).toEqual([]);
    expect(q.self).toBe("mara");
  });

  it("resolves a pronoun to the people of the newest recent turn that named someone, by name and without a boost", () => {
    const q = build("I remind her what she swore.", ["I talk with Tomas.", "I find Captain Ilse at the head of the column.", "I look at the sky."]);
    expect(q.carried).toEqual(["ilse"]);
    expect(q.focus).toEqual([]);
    expect(q.text).toContain("Captain Ilse Dorn");
    expect(weightOf(q, "dorn")).toBe(QUERY_WEIGHTS.names);
  });

  it("keeps named entities as the focus and ignores pronouns then", () => {
    const q = build("I tell Tomas his secret is safe.", ["I find Captain Ilse."]);
    expect(q.focus).toEqual(["tomas"]);
    expect(q.carried).toEqual([]);
    expect(q.text).toBe("I tell Tomas his secret is safe.");
  });

  it("has no self without the first person", () => {
    expect(build("Tomas counts the barrels.").self).toBeUndefined();
  });
});

describe("memory context within the token budget", () => {
  it("keeps the narrate request's memory lines within the budget however many hits come back", () => {
    const memories = Array.from({ length: 50 }, (_, i) => ({ id: `mem_${i}`, entity_id: "mara", scope: "event", content: `Mara hid object number ${i} under a wagon wheel near the camp, wrapped in oilcloth and twine.`, score: 1 - i / 100 }));
    const ctx: TurnContext = { turn: 9, player: { id: "mara", name: "Mara Venn" }, state: {}, world: {}, cast: entities.map((e) => ({ ...e, type: "character" as const, background: "" })), mentioned: [], memories, relationships: [] };
    for (const budget of [60, 200, 600]) {
      const kept = selectContext(ctx, "compact", budget).memories;
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.reduce((n, m) => n + countTokens(renderMemory(m)) + 2, 0)).toBeLessThanOrEqual(budget);
    }
  });
});
