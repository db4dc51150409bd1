import { describe, expect, it } from "vitest";
import { loadBundledScenario } from "../scenarios/catalog.ts";
import { draftFrom, type WriteDraft } from "./draft.ts";
import { runWrite } from "./writes.ts";

const scenario = loadBundledScenario("frontier-caravan");
const fresh = (): WriteDraft => draftFrom({ world: scenario.world, story: scenario.state, entities: scenario.entities });

describe("write tools", () => {
  it("update_state applies a batch and records the paths it invalidates", () => {
    const run = runWrite("update_state", { ops: [{ op: "dec", path: "player.water", value: 1 }, { op: "push", path: "inventory", value: "salt" }] }, fresh());
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.draft.story.player).toMatchObject({ water: 2 });
    expect(run.draft.writtenKeys).toEqual(["state:player.water", "state:inventory"]);
    expect(run.result).toEqual({ applied: 2, changed: ["player.water", "inventory"] });
  });

  it("a refused call returns a tool error and leaves the draft untouched", () => {
    const draft = fresh();
    const snapshot = structuredClone(draft);
    for (const [name, args] of [
      ["update_state", { ops: [{ op: "dec", path: "player.water" }, { op: "set", path: "player..x", value: 1 }] }],
      ["update_state", { ops: [] }],
      ["update_state", { ops: [{ op: "explode", path: "player" }] }],
      ["update_world", {}],
      ["update_world", { "Bad Key": 1 }],
      ["create_character", { id: "tomas", name: "Another Tomas" }],
      ["create_character", { id: "Not A Slug", name: "X" }],
      ["add_memories", { memories: [{ entity_id: "nobody", content: "x", scope: "event" }] }],
      ["add_memory", { entity_id: "tomas", content: "x", scope: "gossip" }],
      ["summon_dragon", {}],
    ] as const) {
      const run = runWrite(name, args, draft);
      expect(run.ok, `${name} ${JSON.stringify(args)}`).toBe(false);
      if (!run.ok) expect(run.error.length).toBeGreaterThan(5);
    }
    expect(draft).toEqual(snapshot);
  });

  it("update_world sets several keys in one call and null removes one", () => {
    const run = runWrite("update_world", { location: "the salt road", time: "midday", danger: null }, fresh());
    expect(run.ok && run.draft.world).toEqual({ time: "midday", weather: scenario.world.weather, location: "the salt road" });
  });

  it("create_character adds a new entity", () => {
    const run = runWrite("create_character", { id: "stranger", name: "Vey the Tinker", background: "A tinker with too many keys." }, fresh());
    expect(run.ok && run.draft.entities.at(-1)).toEqual({ id: "stranger", name: "Vey the Tinker", type: "character", background: "A tinker with too many keys." });
  });

  it("add_memories stages memories and extracts relationships by rule, without a model", () => {
    const run = runWrite(
      "add_memories",
      {
        memories: [
          { entity_id: "tomas", scope: "relationship", content: "Tomas now counts on Mara after she shared her water." },
          { entity_id: "tomas", scope: "event", visibility: "public", content: "Mara shared water with Tomas." },
          { entity_id: "okoro", scope: "relationship", content: "Okoro resents Captain Ilse Dorn for hiring him as a last resort." },
        ],
      },
      fresh(),
    );
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.draft.memories).toHaveLength(3);
    expect(run.draft.relationships.map((r) => [r.memoryIndex, r.relationship.from, r.relationship.to, r.relationship.type])).toEqual([
      [0, "tomas", "mara", "trust"],
      [2, "okoro", "ilse", "hostility"],
    ]);
  });
});
