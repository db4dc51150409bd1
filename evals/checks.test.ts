import { describe, expect, it } from "vitest";
import { checkInCharacter, checkLength, checkMentions, checkRelationshipHints, checkRelationshipMemories, checkToolBudget, checkToolSchemas, nameKeys } from "./checks.ts";
import type { ToolCallRecord } from "../lib/tools/records.ts";

const call = (name: string, args: unknown, phase: ToolCallRecord["phase"] = "write"): ToolCallRecord => ({
  id: `c_${name}`,
  name,
  phase,
  args: args as ToolCallRecord["args"],
  ok: true,
  ms: 1,
});
const cast = [
  { id: "mara", name: "Mara Venn" },
  { id: "tomas", name: "Tomas Reed" },
  { id: "ilse", name: "Captain Ilse Dorn" },
];
const prose = "You hand Tomas the spyglass. He turns it over in his hands, then raises it to the ridge and holds his breath. ".repeat(3);

describe("narrative checks", () => {
  it("length: counts words and applies the bounds", () => {
    expect(checkLength(prose).ok).toBe(true);
    expect(checkLength("").ok).toBe(false);
    expect(checkLength("Too short.").reason).toMatch(/^2 words/);
    expect(checkLength("word ".repeat(300)).ok).toBe(false);
  });

  it("mentions: whole words, case-insensitive, any of several targets", () => {
    expect(checkMentions(prose, ["Tomas"]).ok).toBe(true);
    expect(checkMentions("Tomas's hands shake.", ["tomas"]).ok).toBe(true);
    expect(checkMentions("The Tomasina sails.", ["Tomas"]).ok).toBe(false);
    expect(checkMentions(prose, ["Ilse", "ridge"]).reason).toBe('mentions "ridge"');
    expect(checkMentions(prose, []).ok).toBe(false);
  });

  it("in character: catches AI talk, tool names, JSON, markdown and echoed prompts", () => {
    expect(checkInCharacter(prose).ok).toBe(true);
    expect(checkInCharacter(`${prose} "Wait," she says — "the well is dry."`).ok).toBe(true);
    expect(checkInCharacter("As an AI, I cannot ride a horse.").reason).toMatch(/AI self-reference/);
    expect(checkInCharacter("You rest. (update_state: water -1)").reason).toMatch(/tool name/);
    expect(checkInCharacter('You rest. {"op": "dec"}').reason).toMatch(/JSON/);
    expect(checkInCharacter("## The Camp\nYou rest.").reason).toMatch(/heading/);
    expect(checkInCharacter("You see:\n- a well\n- a wagon").reason).toMatch(/list/);
    expect(checkInCharacter("Turn 2. Player: Mara Venn (mara) and so on").reason).toMatch(/echoed/);
  });
});

describe("tool call checks", () => {
  it("schemas: valid calls pass, bad arguments and unknown tools fail", () => {
    const good = [
      call("read_world", {}, "read"),
      call("update_state", { ops: [{ op: "dec", path: "player.water", value: 1 }] }),
      call("add_memories", { memories: [{ entity_id: "tomas", content: "Mara gave me water.", scope: "event" }] }),
    ];
    expect(checkToolSchemas(good)).toEqual({ ok: true, reason: "3 tool calls valid" });
    const bad = checkToolSchemas([call("update_state", { ops: [{ op: "double", path: "x" }] }), call("teleport", {})]);
    expect(bad.ok).toBe(false);
    expect(bad.reason).toMatch(/update_state: ops\.0\.op/);
    expect(bad.reason).toMatch(/teleport: unknown tool/);
  });

  it("relationship memories must name their holder and another entity", () => {
    const named = call("add_memories", {
      memories: [
        { entity_id: "tomas", content: "Tomas now counts on Mara after she shared her water.", scope: "relationship" },
        { entity_id: "tomas", content: "He was thirsty.", scope: "event" },
      ],
    });
    expect(checkRelationshipMemories([named], cast).ok).toBe(true);
    const vague = call("add_memory", { entity_id: "ilse", content: "She distrusts him now.", scope: "relationship" });
    expect(checkRelationshipMemories([vague], cast).ok).toBe(false);
    const titled = call("add_memory", { entity_id: "ilse", content: "Ilse no longer trusts Tomas.", scope: "relationship" });
    expect(checkRelationshipMemories([titled], cast).ok).toBe(true);
    expect(checkRelationshipMemories([], cast).reason).toBe("no relationship memories this turn");
  });

  it("relationship memories must carry an edge hint the rules confirm", () => {
    const hinted = call("add_memories", {
      memories: [{ entity_id: "tomas", content: "Tomas now counts on Mara after she shared her water.", scope: "relationship", edge: { about: "mara", type: "trust" } }],
    });
    expect(checkRelationshipHints([hinted], cast)).toMatchObject({ ok: true });
    const wrong = call("add_memory", { entity_id: "tomas", content: "Tomas now counts on Mara.", scope: "relationship", edge: { about: "mara", type: "fear" } });
    expect(checkRelationshipHints([wrong], cast)).toMatchObject({ ok: false, reason: expect.stringMatching(/tomas→mara fear not read/) });
    const bare = call("add_memory", { entity_id: "tomas", content: "Tomas now counts on Mara.", scope: "relationship" });
    expect(checkRelationshipHints([bare], cast)).toMatchObject({ ok: false, reason: expect.stringMatching(/no edge hint/) });
    expect(checkRelationshipHints([], cast).ok).toBe(true);
  });

  it("name keys skip titles", () => {
    expect(nameKeys("Captain Ilse Dorn")).toEqual(["Captain Ilse Dorn", "Ilse", "Dorn"]);
    expect(nameKeys("Dr. Yuen Hale")).toEqual(["Dr. Yuen Hale", "Yuen", "Hale"]);
  });

  it("budget: at most 6 tool calls", () => {
    expect(checkToolBudget(6).ok).toBe(true);
    expect(checkToolBudget(7).ok).toBe(false);
  });
});
