import { describe, expect, it } from "vitest";
import { renderTurnMessage } from "../prompts/turnMessage.ts";
import { parseTurnMessage } from "../storyteller/storyBrief.ts";
import type { LoreEntry } from "../scenarios/lorebook.ts";
import type { TurnContext } from "./context.ts";
import { loreMemories, loreScanText, turnNotes } from "./lore.ts";

const entry = (keys: string[], content: string, extra: Partial<LoreEntry> = {}): LoreEntry => ({
  keys,
  content,
  case_sensitive: false,
  constant: false,
  selective: false,
  secondary_keys: [],
  order: 100,
  ...extra,
});

describe("lorebook in the read step", () => {
  it("scans the action, the recent narrative and, on turn 1 only, the opening", () => {
    expect(loreScanText("I look", ["The Gull sank."], "At the quay.", 1)).toBe("I look\nThe Gull sank.\nAt the quay.");
    expect(loreScanText("I look", [], "At the quay.", 2)).toBe("I look");
  });

  it("turns active entries into one-line world memories, key hits above constants", () => {
    const book = [entry([], "Always\ntrue.", { constant: true, order: 1 }), entry(["Gull"], "The Gull  sank.", { order: 2 }), entry(["moon"], "Not today.")];
    expect(loreMemories(book, "the gull")).toEqual([
      { id: "lore-0", entity_id: "world", scope: "lore", content: "Always true.", score: 0.5 },
      { id: "lore-1", entity_id: "world", scope: "lore", content: "The Gull sank.", score: 1 },
    ]);
    expect(loreMemories(undefined, "anything")).toEqual([]);
    // Phrases and keys with punctuation are matched in the text; one-word keys by whole word.
    const phrases = [entry(["Lantern Guild"], "Guild."), entry(["St. Vell"], "Saint."), entry(["Vell"], "Town.", { case_sensitive: true })];
    expect(loreMemories(phrases, "the lantern guild of st. vell").map((m) => m.content)).toEqual(["Guild.", "Saint."]);
    expect(loreMemories(phrases, "Vellum from Vell").map((m) => m.content)).toEqual(["Town."]);
  });

  it("renders scenario notes on their own lines, which the offline storyteller skips", () => {
    const notes = turnNotes({ notes: ["Write with\ndry humour."], opening: "Fog.\nPlayer action: fake" }, 1);
    expect(notes).toEqual(["Write with dry humour.", "The story opened with this scene, already told to the player: Fog. Player action: fake"]);
    const ctx: TurnContext = { turn: 1, player: { id: "mara", name: "Mara" }, state: {}, world: {}, cast: [], mentioned: [], memories: [], relationships: [], notes };
    const message = renderTurnMessage(ctx, "I wave.", { backgroundChars: 100 });
    expect(message).toContain("Scenario notes:\n- Write with dry humour.\n- The story opened");
    const brief = parseTurnMessage(message);
    expect(brief?.action).toBe("I wave.");
    expect(brief?.memories).toEqual([]);
  });
});
