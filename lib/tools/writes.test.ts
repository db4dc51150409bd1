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

  describe("the narrator's edge hint on a relationship memory", () => {
    const stage = (memory: Record<string, unknown>) => {
      const run = runWrite("add_memories", { memories: [{ entity_id: "tomas", scope: "relationship", ...memory }] }, fresh());
      if (!run.ok) throw new Error(run.error);
      return run;
    };
    const edges = (run: ReturnType<typeof stage>) => run.draft.relationships.map((r) => [r.relationship.from, r.relationship.to, r.relationship.type, r.relationship.confidence]);

    it("agreement: the rules' edge goes into the graph with high confidence, even one the rules alone would have queued", () => {
      const run = stage({ content: "Mara shared her water. He trusts her now.", edge: { about: "mara", type: "trust" } });
      const plain = runWrite("add_memories", { memories: [{ entity_id: "tomas", scope: "relationship", content: "Mara shared her water. He trusts her now." }] }, fresh());
      expect(plain.ok && plain.draft.enrichments.map((e) => [e.reason, e.guess?.type])).toEqual([["low_confidence", "trust"]]);
      expect(edges(run)).toEqual([["tomas", "mara", "trust", 0.95]]);
      expect(run.draft.enrichments).toEqual([]);
      expect(run.result).toEqual({ stored: 1, relationships: ["tomas→mara trust"] });
    });

    it("agreement: the hinted bond's reverse keeps the rules' verdict; any other edge the rules read goes to enrichment", () => {
      const mutual = stage({ content: "Tomas and Mara are rivals now.", edge: { about: "mara", type: "rivalry" } });
      expect(edges(mutual).map((e) => e.slice(0, 3).join(" ")).sort()).toEqual(["mara tomas rivalry", "tomas mara rivalry"]);
      // The reverse read from other words is another reading: it waits for the model.
      const other = stage({ content: "Mara despises Tomas, and he has come to despise her too.", edge: { about: "mara", type: "hostility" } });
      expect(edges(other).map((e) => e.slice(0, 3).join(" "))).toEqual(["tomas mara hostility"]);
      expect(other.draft.enrichments.map((e) => [e.from, e.to, e.reason, e.guess?.type])).toEqual([["mara", "tomas", "low_confidence", "hostility"]]);
      // The same word with another strength ("a little") is another reading too.
      const weaker = stage({ content: "Tomas trusts Mara, and Mara trusts Tomas a little.", edge: { about: "mara", type: "trust" } });
      expect(edges(weaker).map((e) => e.slice(0, 3).join(" "))).toEqual(["tomas mara trust"]);
      const more = stage({ content: "Tomas trusts Mara and fears Okoro.", edge: { about: "mara", type: "trust" } });
      expect(edges(more)).toEqual([["tomas", "mara", "trust", 0.95]]);
      expect(more.draft.enrichments.map((e) => [e.from, e.to, e.reason, e.guess?.type])).toEqual([["tomas", "okoro", "low_confidence", "fear"]]);
    });

    it("in a batch where the narrator hints, a relationship memory it leaves unhinted goes to enrichment instead of the graph", () => {
      const run = runWrite("add_memories", { memories: [
        { entity_id: "tomas", scope: "relationship", content: "Tomas now counts on Mara.", edge: { about: "mara", type: "trust" } },
        { entity_id: "okoro", scope: "relationship", content: "Okoro resents Ilse." },
      ] }, fresh());
      if (!run.ok) throw new Error(run.error);
      expect(edges(run).map((e) => e.slice(0, 3))).toEqual([["tomas", "mara", "trust"]]);
      expect(run.draft.enrichments.map((e) => [e.from, e.to, e.reason, e.guess?.type])).toEqual([["okoro", "ilse", "unhinted", "hostility"]]);
      const alone = runWrite("add_memories", { memories: [{ entity_id: "okoro", scope: "relationship", content: "Okoro resents Ilse." }] }, fresh());
      expect(alone.ok && alone.draft.relationships.map((r) => r.relationship.type)).toEqual(["hostility"]);
    });

    it("a hint may name its holder when the feeling is someone else's; an unknown holder sends the pair to enrichment", () => {
      const other = stage({ content: "Okoro now fears Mara.", edge: { about: "mara", type: "fear", holder: "okoro" } });
      expect(edges(other)).toEqual([["okoro", "mara", "fear", 0.95]]);
      const unknown = stage({ content: "Okoro now fears Mara.", edge: { about: "mara", type: "fear", holder: "nobody" } });
      expect(unknown.draft.relationships).toEqual([]);
      expect(unknown.draft.enrichments.map((e) => [e.from, e.to, e.reason])).toEqual([["okoro", "mara", "hint_disagrees"]]);
    });

    it("a family hint's sign sets the tie's sign both ways (the rules read it from a few words); other types keep theirs", () => {
      const sign = (run: ReturnType<typeof stage>) => run.draft.relationships.map((r) => `${r.relationship.from}>${r.relationship.to} ${r.relationship.type}${Math.sign(r.relationship.sentiment)}`).sort();
      const text = "Tomas and his sister Mara share a roof and little else.";
      expect(sign(stage({ content: text, edge: { about: "mara", type: "family" } }))).toEqual(["mara>tomas family1", "tomas>mara family1"]);
      expect(sign(stage({ content: text, edge: { about: "mara", type: "family", sign: -1 } }))).toEqual(["mara>tomas family-1", "tomas>mara family-1"]);
      expect(sign(stage({ content: "Tomas now counts on Mara.", edge: { about: "mara", type: "trust", sign: -1 } }))).toEqual(["tomas>mara trust1"]);
      expect(runWrite("add_memories", { memories: [{ entity_id: "tomas", scope: "relationship", content: text, edge: { about: "mara", type: "family", sign: 0 } }] }, fresh()).ok).toBe(false);
    });

    it("disagreement: nothing from the memory enters the graph; the pair goes to enrichment with the rules' guess", () => {
      const run = stage({ content: "Tomas now counts on Mara after she shared her water.", edge: { about: "mara", type: "fear" } });
      expect(run.draft.relationships).toEqual([]);
      expect(run.draft.enrichments.map((e) => [e.from, e.to, e.reason, e.guess?.type])).toEqual([["tomas", "mara", "hint_disagrees", "trust"]]);
      expect(run.result).toMatchObject({ relationships: [], queued_for_enrichment: 1 });
    });

    it("a pair goes to enrichment once, however many of its edges wait (the model reads them all in one call)", () => {
      const run = stage({ content: "Tomas and Mara are sisters, and the two of them fear each other.", edge: { about: "mara", type: "trust" } });
      expect(run.draft.relationships).toEqual([]);
      expect(run.draft.enrichments.map((e) => [[e.from, e.to].sort().join("+"), e.reason])).toEqual([["mara+tomas", "hint_disagrees"]]);
      expect(run.result).toMatchObject({ queued_for_enrichment: 1 });
    });

    it("a memory sends at most 6 pairs to the model, the owner's first, and a turn at most 24; the record says how many were left out", () => {
      let draft = fresh();
      for (const [id, name] of [["ansel", "Ansel"], ["bree", "Bree"], ["cato", "Cato"], ["dov", "Dov"], ["edda", "Edda"]]) {
        const made = runWrite("create_character", { id, name, type: "character" }, draft);
        if (!made.ok) throw new Error(made.error);
        draft = made.draft;
      }
      const crowd = (n: number) => ({ entity_id: "tomas", scope: "relationship", content: `Tomas, Mara, Ansel, Bree, Cato, Dov and Edda waited by wagon ${n}.` });
      const one = runWrite("add_memories", { memories: [crowd(1)] }, draft);
      if (!one.ok) throw new Error(one.error);
      expect(one.draft.enrichments).toHaveLength(6);
      expect(one.draft.enrichments.every((e) => e.from === "tomas" || e.to === "tomas")).toBe(true); // 21 pairs named, the owner's 6 kept
      expect(one.result).toMatchObject({ queued_for_enrichment: 6, enrichment_skipped: 15, enrichment_limits: expect.stringMatching(/6 pairs per memory and 24 per turn/) });
      const five = runWrite("add_memories", { memories: [1, 2, 3, 4, 5].map(crowd) }, draft);
      if (!five.ok) throw new Error(five.error);
      expect(five.draft.enrichments).toHaveLength(24);
      expect(five.result).toMatchObject({ queued_for_enrichment: 24, enrichment_skipped: 5 * 15 + 6 });
      const quiet = runWrite("add_memories", { memories: [{ entity_id: "tomas", scope: "relationship", content: "Tomas walked beside Mara all morning." }] }, draft);
      expect(quiet.ok && quiet.result).not.toHaveProperty("enrichment_skipped");
    });

    it("an unknown type, or rules that read nothing, send the hinted pair to enrichment", () => {
      const unknownType = stage({ content: "Tomas now counts on Mara after she shared her water.", edge: { about: "mara", type: "gratitude" } });
      expect(unknownType.draft.relationships).toEqual([]);
      expect(unknownType.draft.enrichments.map((e) => [e.from, e.to, e.reason])).toEqual([["tomas", "mara", "hint_disagrees"]]);
      const nothingRead = stage({ content: "Tomas walked beside Mara all morning.", edge: { about: "mara", type: "friendship" } });
      expect(nothingRead.draft.relationships).toEqual([]);
      expect(nothingRead.draft.enrichments.map((e) => [e.from, e.to, e.reason, e.guess])).toEqual([["tomas", "mara", "hint_disagrees", undefined]]);
    });

    it("no hint: the rules alone decide, as before", () => {
      const run = stage({ content: "Tomas now counts on Mara after she shared her water." });
      expect(edges(run)).toEqual([["tomas", "mara", "trust", 0.85]]);
    });

    it("a malformed hint is refused with a reason", () => {
      const run = runWrite("add_memories", { memories: [{ entity_id: "tomas", scope: "relationship", content: "x", edge: { about: "mara" } }] }, fresh());
      expect(run.ok).toBe(false);
      if (!run.ok) expect(run.error).toMatch(/edge\.type/);
    });
  });
});
