import { describe, expect, it } from "vitest";
import { renderTurnMessage } from "../prompts/turnMessage.ts";
import type { TurnContext } from "../tools/context.ts";
import { parseTurnMessage, stateNumber, stateValue } from "./storyBrief.ts";
import { STORY_SCENARIOS, storyTurnMessage } from "../dev/testing/storyKit.ts";

const ctx: TurnContext = {
  turn: 7,
  player: { id: "mara", name: "Mara Venn" },
  state: { player: { health: 9, max_health: 10, water: 2 }, inventory: ["rope", "forger's pen"], "flags.route_sold": true },
  world: { time: "dusk, day 4 of the crossing", weather: "still | heavy air", location: "Greyfall gate", danger: 3 },
  cast: [
    { id: "tomas", name: "Tomas Reed", type: "character", background: "Water-master; honest ; frightened of failing." },
    { id: "ilse", name: "Captain Ilse Dorn", type: "character", background: "" },
    { id: "greyfall", name: "Greyfall", type: "place", background: "Mining town." },
  ],
  mentioned: ["tomas"],
  memories: [{ id: "m1", entity_id: "tomas", scope: "relationship", content: "Tomas now counts on Mara Venn.", score: 0.9 }],
  relationships: [
    { from: "tomas", to: "mara", type: "trust", sentiment: 0.6, strength: 0.72 },
    { from: "ilse", to: "mara", type: "distrust", sentiment: -0.35, strength: 0.4 },
  ],
};

describe("parseTurnMessage", () => {
  it("round-trips everything renderTurnMessage writes", () => {
    const brief = parseTurnMessage(renderTurnMessage(ctx, "I   share my water\nwith Tomas.", { backgroundChars: 200 }));
    expect(brief).toBeDefined();
    expect(brief?.turn).toBe(7);
    expect(brief?.player).toEqual({ id: "mara", name: "Mara Venn" });
    expect(brief?.world).toEqual({ time: "dusk, day 4 of the crossing", weather: "still | heavy air", location: "Greyfall gate", danger: "3" });
    expect(brief?.cast).toEqual([
      { id: "tomas", name: "Tomas Reed", type: "character", background: "Water-master; honest ; frightened of failing." },
      { id: "ilse", name: "Captain Ilse Dorn", type: "character", background: "" },
      { id: "greyfall", name: "Greyfall", type: "place", background: "Mining town." },
    ]);
    expect(brief?.state).toEqual(ctx.state);
    expect(brief?.memories).toEqual([{ entity_id: "tomas", scope: "relationship", content: "Tomas now counts on Mara Venn." }]);
    expect(brief?.relationships).toEqual([
      { from: "tomas", to: "mara", type: "trust", sentiment: 0.6, strength: 0.72 },
      { from: "ilse", to: "mara", type: "distrust", sentiment: -0.35, strength: 0.4 },
    ]);
    expect(brief?.action).toBe("I share my water with Tomas.");
  });

  it("keeps names only when backgrounds are not rendered, and parses both bundled scenarios", () => {
    const names = parseTurnMessage(renderTurnMessage(ctx, "look", { backgroundChars: 0 }));
    expect(names?.cast.map((e) => [e.id, e.background])).toEqual([["tomas", ""], ["ilse", ""], ["greyfall", ""]]);
    for (const scenario of Object.values(STORY_SCENARIOS)) {
      const brief = parseTurnMessage(storyTurnMessage(scenario, "I wait."));
      expect(brief?.cast.length).toBe(scenario.entities.length - 1);
      expect(brief?.world.location).toBe(scenario.world.location);
    }
  });

  it("is tolerant: missing sections are empty, no action line means not a turn", () => {
    const brief = parseTurnMessage("Player action: I wait by the fire.");
    expect(brief).toMatchObject({ turn: 0, world: {}, cast: [], state: {}, memories: [], relationships: [], action: "I wait by the fire." });
    expect(parseTurnMessage("Write results:\n- update_state ok: {}")).toBeUndefined();
    expect(parseTurnMessage("hello")).toBeUndefined();
  });

  it("looks state values up through whichever read path holds them", () => {
    const brief = parseTurnMessage(renderTurnMessage(ctx, "x", { backgroundChars: 0 }));
    if (!brief) throw new Error("no brief");
    expect(stateNumber(brief, "player.water")).toBe(2);
    expect(stateValue(brief, "inventory")).toEqual(["rope", "forger's pen"]);
    expect(stateValue(brief, "flags.route_sold")).toBe(true);
    expect(stateValue(brief, "player.coins")).toBeUndefined();
    expect(stateNumber(brief, "inventory")).toBeUndefined();
  });
});
