import { describe, expect, it } from "vitest";
import { V1_CARD, V2_CARD, V3_CARD } from "../dev/testing/cards.ts";
import { emptyGraph, reduceRelationships } from "../relationships/graph.ts";
import { activateLore, keyOccurs } from "../scenarios/lorebook.ts";
import { ScenarioSchema } from "../scenarios/schema.ts";
import { exportCard, LEARNED_HEADING } from "./export.ts";
import { slugOf } from "../scenarios/slug.ts";
import { substituteMacros } from "./macros.ts";
import { cardToScenario } from "./mapping.ts";
import { cardFromJson } from "./parse.ts";

describe("card → scenario", () => {
  it("substitutes {{char}}, {{user}} (any case), <BOT>, <USER> and drops {{original}}", () => {
    expect(substituteMacros("{{char}} greets {{User}}; <BOT> waves at <USER>. {{original}}", { char: "Sera", user: "Mara" })).toBe("Sera greets Mara; Sera waves at Mara.");
    expect(substituteMacros("{{unknown:a,b}} stays", { char: "S", user: "U" })).toBe("{{unknown:a,b}} stays");
  });

  it("maps a V2 card: cast, premise, greetings, notes, lorebook and metadata", () => {
    const { scenario, warnings, cardBook } = cardToScenario(cardFromJson(V2_CARD), { player: "Mara" });
    expect(ScenarioSchema.parse(scenario)).toEqual(scenario);
    expect(scenario.title).toBe("Sera Vell");
    expect(scenario.player_id).toBe("mara");
    expect(scenario.entities).toEqual([
      { id: "mara", name: "Mara", type: "character", background: "" },
      { id: "sera-vell", name: "Sera Vell", type: "character", background: expect.stringMatching(/^Sera Vell is a lamp-lighter .* owes Mara a favour\.\n\nPersonality: curious, wry$/) },
    ]);
    expect(scenario.premise).toMatch(/^Fog rolls over Vell Harbour as Mara looks for a missing ship\.\n\nSera Vell: Sera Vell is a lamp-lighter/);
    expect(scenario.greetings).toEqual([
      'Sera Vell lowers her lantern. "Looking for the Gull, Mara?"',
      "The harbour bell rings as Sera Vell finds Mara at the quay.",
      "Sera Vell is already waiting at the lighthouse.",
    ]);
    expect(scenario.notes).toEqual(["From the card's system prompt: Write Sera Vell with dry humour.", "From the card's post-history instructions: Keep Mara's choices to Mara."]);
    expect(scenario.lorebook?.map((e) => e.keys)).toEqual([["Gull"], ["Lighthouse"], ["tide"], []]); // the disabled entry is left out
    expect(scenario.lorebook?.[0].content).toBe("The Gull sank last winter; Sera Vell saw it go down.");
    expect(scenario.metadata).toMatchObject({
      source: "character_card",
      spec: "chara_card_v2",
      character_id: "sera-vell",
      card: { creator_notes: "Best with slow-burn mysteries.", tags: ["mystery", "harbour"], creator: "test-author", extensions: { depth_prompt: { depth: 4 } }, description: V2_CARD.data.description },
      character_book: { name: "Vell lore" },
    });
    // The book as written is kept beside the scenario (for the session's index row), not in it.
    expect(JSON.parse(cardBook!)).toMatchObject({ name: "Vell lore", entries: V2_CARD.data.character_book.entries.map((e) => ({ secondary_keys: [], ...e })) });
    expect((JSON.parse(cardBook!) as { played: string[] }).played).toEqual(Array.from({ length: 4 }, () => expect.stringMatching(/^[0-9a-f]{16}$/))); // the disabled entry is kept, not played
    expect(JSON.stringify(scenario)).not.toContain("played");
    expect(warnings).toEqual([]);
  });

  it("maps V1 with the default player, and V3 skipping regex lorebook keys with a warning", () => {
    const v1 = cardToScenario(cardFromJson(V1_CARD)).scenario;
    expect(v1.entities.map((e) => [e.id, e.name])).toEqual([["you", "You"], ["captain-ilse", "Captain Ilse"]]);
    expect(v1.premise).toMatch(/^You boards the Heron/);
    expect(v1.greetings).toEqual(['"You\'re late, You," says Captain Ilse.']);
    const v3 = cardToScenario(cardFromJson(V3_CARD), { player: "Orrin Ash" });
    expect(v3.scenario.player_id).toBe("player"); // the player's name would collide with the character's id
    expect(v3.scenario.lorebook).toHaveLength(1);
    expect(v3.warnings).toEqual([expect.stringMatching(/lorebook entry 1 has only regular-expression keys \("\^fire\.\*\$"\), which are not run; skipped/)]);
    expect(v3.scenario.metadata).toMatchObject({ spec: "chara_card_v3", card: { nickname: "Ash", assets: [{ type: "icon" }] } });
  });

  it("shortens a long description for the cast and says so", () => {
    const long = { ...V2_CARD, data: { ...V2_CARD.data, description: "word ".repeat(600) } };
    const { scenario, warnings } = cardToScenario(cardFromJson(long));
    expect(scenario.entities[1].background.length).toBeLessThanOrEqual(1000);
    expect(scenario.entities[1].background.endsWith("…")).toBe(true);
    expect(warnings).toContain("Sera Vell's background was shortened to 1000 characters (the card keeps the full text in metadata)");
  });

  it("makes entity ids from names", () => {
    expect(slugOf("Élise Moreau", "x")).toBe("elise-moreau");
    expect(slugOf("水", "character")).toBe("character");
    expect(slugOf("42 Wolves", "x")).toBe("c-42-wolves");
  });
});

describe("lorebook activation", () => {
  const lore = cardToScenario(cardFromJson(V2_CARD)).scenario.lorebook ?? [];
  const active = (text: string) => activateLore(lore, text).map((a) => a.entry.keys[0] ?? "constant");

  it("brings an entry in by key, and not without it; constant entries always", () => {
    expect(active("I ask about the Gull.")).toEqual(["Gull", "constant"]);
    expect(active("I ask about the weather.")).toEqual(["constant"]);
    expect(active("Gulls cry overhead.")).toEqual(["constant"]); // whole words only
  });

  it("honours case sensitivity and selective secondary keys", () => {
    expect(active("the gull")).toEqual(["Gull", "constant"]); // case-insensitive entry
    expect(active("the lighthouse")).toEqual(["constant"]); // case-sensitive key "Lighthouse"
    expect(active("the Lighthouse")).toEqual(["Lighthouse", "constant"]);
    expect(active("the tide turns")).toEqual(["constant"]); // selective: needs "moon" too
    expect(active("the tide under a full moon")).toEqual(["tide", "constant"]);
    expect(keyOccurs("St. Vell", "at st. vell's gate", false)).toBe(true);
  });
});

describe("cast member → V2 card", () => {
  it("exports the card's own fields, the lorebook and the learned edges, marked", () => {
    const { scenario, cardBook } = cardToScenario(cardFromJson(V2_CARD), { player: "Mara" });
    const at = new Date(0).toISOString();
    const relationships = reduceRelationships(emptyGraph(), [{ from: "sera-vell", to: "mara", type: "trust", sentiment: 0.6, strength: 0.8, confidence: 0.9, memoryId: "m1", turn: 2, at }]);
    const story = { scenario: { title: scenario.title, lorebook: scenario.lorebook, metadata: scenario.metadata }, entities: scenario.entities, relationships, turn: 2, cardBook };
    const card = exportCard(story, scenario.entities[1], { sessionId: "s1" }) as { spec: string; data: Record<string, unknown> };
    expect(card.spec).toBe("chara_card_v2");
    expect(card.data).toMatchObject({ name: "Sera Vell", first_mes: V2_CARD.data.first_mes, system_prompt: V2_CARD.data.system_prompt, tags: ["mystery", "harbour"] });
    expect(card.data.description).toBe(`${V2_CARD.data.description}\n\n${LEARNED_HEADING} After 2 turns of "Sera Vell":\n- Sera Vell → Mara: trust +0.60 (strength 0.80)`);
    // The card's book as imported: the disabled entry the story does not play comes back too.
    expect((card.data.character_book as { entries: unknown[] }).entries).toEqual(V2_CARD.data.character_book.entries.map((e) => ({ secondary_keys: [], ...e })));
    // The player, who came from no card, exports from the cast, with the lorebook the session plays.
    const player = exportCard(story, scenario.entities[0], { sessionId: "s1" }) as { data: Record<string, unknown> };
    expect(player.data).toMatchObject({ name: "Mara", first_mes: "" });
    expect((player.data.character_book as { entries: unknown[] }).entries).toHaveLength(4);
    expect(player.data.description).toMatch(/^\[Learned in a QuietStories story\]/);
  });

  it("round-trips: import → export → import gives the same scenario", () => {
    const { scenario: first, cardBook } = cardToScenario(cardFromJson(V2_CARD), { player: "Mara" });
    const story = { scenario: { title: first.title, lorebook: first.lorebook, metadata: first.metadata }, entities: first.entities, relationships: emptyGraph(), turn: 0, cardBook };
    const second = cardToScenario(cardFromJson(exportCard(story, first.entities[1], { sessionId: "s1" })), { player: "Mara" }).scenario;
    const withoutExt = (s: typeof first) => ({ ...s, metadata: { ...s.metadata, card: { ...(s.metadata?.card as object), extensions: {} } } });
    expect(withoutExt(second)).toEqual(withoutExt(first));
    expect((second.metadata?.card as { extensions: Record<string, unknown> }).extensions).toMatchObject({ talkativeness: "0.5", quietstories: { session: "s1", entity_id: "sera-vell" } });
  });
});
