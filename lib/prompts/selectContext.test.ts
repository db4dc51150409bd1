import { describe, expect, it } from "vitest";
import type { TurnContext } from "../tools/context.ts";
import { selectContext } from "./selectContext.ts";

const ctx = (memories: TurnContext["memories"]): TurnContext => ({
  turn: 2,
  player: { id: "ren", name: "Ren Calloway" },
  state: {},
  world: {},
  cast: [
    { id: "ren", name: "Ren Calloway", type: "character", background: "" },
    { id: "nessa", name: "Nessa Quill", type: "character", background: "Smuggler." },
    { id: "hale", name: "Dr. Yuen Hale", type: "character", background: "Physician." },
  ],
  mentioned: ["nessa"],
  memories,
  relationships: [],
});

describe("selectContext (compact)", () => {
  it("keeps memories that name a focus entity and drops weak bystander ones, matching names by word", () => {
    const selected = selectContext(
      ctx([
        { id: "m1", entity_id: "hale", scope: "event", content: "Hale saw Quill at the quay.", score: 0.1 },
        { id: "m2", entity_id: "hale", scope: "event", content: "The children sang at the current's edge.", score: 0.1 },
        { id: "m3", entity_id: "hale", scope: "event", content: "Hale treated Calloway's cut hand.", score: 0.1 },
      ]),
      "compact",
      600,
    );
    // "Quill" names Nessa and "Calloway" the player; "children"/"current" must not match "Ren".
    expect(selected.memories.map((m) => m.id)).toEqual(["m1", "m3"]);
  });
});
