import { describe, expect, it } from "vitest";
import { extractRelationships } from "../relationships/extract.ts";
import type { Scenario } from "../scenarios/schema.ts";
import { AddMemoriesArgs, AddMemoryArgs, CreateCharacterArgs, UpdateStateArgs, UpdateWorldArgs } from "../tools/schemas.ts";
import { parseTurnMessage, type StoryBrief } from "./storyBrief.ts";
import { countWords, NARRATIVE_WORDS } from "./storyNarrative.ts";
import { planTurn, type TurnPlan } from "./storyPlanner.ts";
import { mulberry32, pick, rngFor } from "./storyRandom.ts";
import { ALL_WRITE_TOOLS, STORY_SCENARIOS, storyTurnMessage } from "../dev/testing/storyKit.ts";

const SCHEMAS = {
  update_state: UpdateStateArgs,
  update_world: UpdateWorldArgs,
  create_character: CreateCharacterArgs,
  add_memories: AddMemoriesArgs,
  add_memory: AddMemoryArgs,
} as const;

function play(scenario: Scenario, action: string, seed = "ses_test:1", bound: ReadonlySet<string> = ALL_WRITE_TOOLS) {
  const text = storyTurnMessage(scenario, action);
  const brief = parseTurnMessage(text) as StoryBrief;
  return { brief, plan: planTurn(brief, rngFor(seed, text), bound) };
}
const call = (plan: TurnPlan, name: string) => plan.toolCalls.find((c) => c.name === name)?.args;

/** Varied player actions built from a seeded generator: names, titles, items, places, odd input. */
function randomActions(scenario: Scenario, count: number, seed: number): string[] {
  const rng = mulberry32(seed);
  const people = scenario.entities.filter((e) => e.type === "character" && e.id !== scenario.player_id);
  const places = scenario.entities.filter((e) => e.type === "place");
  const forms = [
    (n: string) => `I share my water with ${n}.`,
    (n: string) => `I give ${n} my rope`,
    (n: string) => `I ask ${n} about the missing papers`,
    (n: string) => `I attack ${n} without warning!`,
    (n: string) => `I threaten ${n} quietly`,
    (n: string) => `I lie to ${n} about where I was last night`,
    (n: string) => `I tend ${n}'s wounds and thank ${n}`,
    (n: string) => `I watch ${n} from behind the crates`,
    (n: string) => `"We need to talk, ${n}," I say.`,
    (n: string) => `I persuade ${n} to come with me and ride to ${pick(rng, places).name}`,
    () => `I ride to ${pick(rng, places).name}`,
    () => "I rest until nightfall",
    () => "I sleep by the fire",
    () => "I search the abandoned stalls",
    () => "I buy a lantern and some bread",
    () => "I hire a guide who knows the back ways",
    () => "A stranger approaches; I greet the stranger",
    () => "I scout ahead and listen for riders",
    () => "I hum a song {and} scratch #notes in the dust",
    () => `I ${"walk slowly and carefully and ".repeat(12)}stop.`,
    () => "Why is everyone so quiet?",
    () => "",
  ];
  return Array.from({ length: count }, () => pick(rng, forms)(pick(rng, people).name.split(" ").slice(-1)[0]));
}

const META = /as an ai|language model|update_state|update_world|create_character|add_memor|tool call|\bjson\b|[{}[\]#`*]|^\s*#/im;

describe("planTurn over many random actions", () => {
  const cases = [
    ...randomActions(STORY_SCENARIOS.frontier, 50, 11).map((a) => [STORY_SCENARIOS.frontier, a] as const),
    ...randomActions(STORY_SCENARIOS.harbour, 50, 12).map((a) => [STORY_SCENARIOS.harbour, a] as const),
  ];

  it("writes 80–200 words of in-world prose with no meta text", () => {
    cases.forEach(([scenario, action], i) => {
      const { plan } = play(scenario, action, `ses_rand:${i}`);
      const words = countWords(plan.narrative);
      expect(words, action).toBeGreaterThanOrEqual(NARRATIVE_WORDS.min);
      expect(words, action).toBeLessThanOrEqual(NARRATIVE_WORDS.max);
      expect(plan.narrative, action).not.toMatch(META);
      expect(plan.narrative).not.toMatch(/undefined|NaN|\{\w+\}/);
    });
  });

  it("emits valid arguments for every tool, at most once per tool, in order", () => {
    const order = ["update_state", "update_world", "create_character", "add_memories", "add_memory"];
    cases.forEach(([scenario, action], i) => {
      const { brief, plan } = play(scenario, action, `ses_rand:${i}`);
      const names = plan.toolCalls.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      expect([...names].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(names);
      for (const c of plan.toolCalls) expect(() => SCHEMAS[c.name as keyof typeof SCHEMAS].parse(c.args), `${action}: ${c.name}`).not.toThrow();
      const known = new Set([brief.player.id, ...brief.cast.map((e) => e.id), ...[call(plan, "create_character")?.id].filter(Boolean)]);
      const memories = (call(plan, "add_memories")?.memories ?? []) as Array<{ entity_id: string }>;
      for (const m of memories) expect(known.has(m.entity_id)).toBe(true);
    });
  });

  it("varies the prose: a 20-turn story repeats few sentences", () => {
    const sentences = randomActions(STORY_SCENARIOS.frontier, 20, 99)
      .flatMap((a, i) => play(STORY_SCENARIOS.frontier, a, `ses_story:${i + 1}`).plan.narrative.split(/(?<=[.!?”])\s+/));
    expect(new Set(sentences).size / sentences.length).toBeGreaterThan(0.7);
  });
});

describe("planTurn tool calls", () => {
  it("sharing water with Tomas: dec player.water and a relationship memory owned by tomas naming both", () => {
    const { plan } = play(STORY_SCENARIOS.frontier, "I share my water with Tomas.");
    expect(call(plan, "update_state")).toEqual({ ops: [{ op: "dec", path: "player.water", value: 1 }] });
    const memories = AddMemoriesArgs.parse(call(plan, "add_memories")).memories;
    expect(memories).toContainEqual(expect.objectContaining({ entity_id: "tomas", scope: "event", visibility: "public" }));
    const bond = memories.find((m) => m.scope === "relationship");
    expect(bond).toMatchObject({ entity_id: "tomas", visibility: "private" });
    expect(bond?.content).toMatch(/^Tomas .*Mara Venn/);
    expect(plan.narrative).toMatch(/Tomas/);
  });

  it("relationship memories are understood by the rule-based extractor", () => {
    const cast = [...STORY_SCENARIOS.frontier.entities];
    const expected: Array<[string, string, string]> = [
      ["I share my water with Tomas.", "tomas", "trust"],
      ["I lie to Okoro about the route", "okoro", "distrust"],
      ["I thank Bess for the stew", "bess", "respect"],
      ["I threaten Tomas", "tomas", "fear"],
    ];
    for (const [action, from, type] of expected) {
      const { plan } = play(STORY_SCENARIOS.frontier, action, "ses_rel:3");
      const bond = AddMemoriesArgs.parse(call(plan, "add_memories")).memories.find((m) => m.scope === "relationship");
      if (!bond) throw new Error(`no relationship memory for ${action}`);
      const found = extractRelationships(bond, cast);
      expect(found.map((r) => [r.from, r.to]), bond.content).toContainEqual([from, "mara"]);
      expect(found.map((r) => r.type), bond.content).toContain(type);
    }
  });

  it("every relationship memory it writes, for any action, is understood by the extractor", () => {
    let checked = 0;
    for (const [name, scenario] of Object.entries(STORY_SCENARIOS)) {
      for (const [i, action] of randomActions(scenario, 80, name === "frontier" ? 21 : 22).entries()) {
        const { plan } = play(scenario, action, `ses_bonds:${i}`);
        // As in the engine's draft: a character created this turn is in the cast when memories are written.
        const created = plan.toolCalls.filter((c) => c.name === "create_character").map((c) => c.args as { id: string; name: string });
        const cast = [...scenario.entities, ...created];
        const batch = plan.toolCalls.find((c) => c.name === "add_memories");
        if (!batch) continue;
        for (const bond of AddMemoriesArgs.parse(batch.args).memories.filter((m) => m.scope === "relationship")) {
          const edges = extractRelationships(bond, cast).filter((r) => r.from === bond.entity_id);
          expect(edges.length, `${action} → ${bond.content}`).toBeGreaterThan(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("travel moves the location and the time on", () => {
    const { plan } = play(STORY_SCENARIOS.frontier, "I ride to Greyfall.");
    expect(call(plan, "update_world")).toMatchObject({ location: "Greyfall", time: "morning, day 3 of the crossing" });
    expect(plan.narrative).toMatch(/Greyfall/);
  });

  it("rest advances a phase; sleeping through the night rolls the day count", () => {
    expect(call(play(STORY_SCENARIOS.harbour, "I wait in the tavern").plan, "update_world")).toMatchObject({ time: "night, two nights before the vote" });
    const world = { time: "night, day 3 of the crossing" };
    const text = storyTurnMessage(STORY_SCENARIOS.frontier, "I sleep under the wagon", { world });
    const plan = planTurn(parseTurnMessage(text) as StoryBrief, rngFor("s", text), ALL_WRITE_TOOLS);
    expect(call(plan, "update_world")).toMatchObject({ time: "dawn, day 4 of the crossing" });
  });

  it("introducing a stranger creates a character with a new id, and remembers the meeting", () => {
    const { brief, plan } = play(STORY_SCENARIOS.harbour, "I hire a sailor to row me across the harbour");
    const created = CreateCharacterArgs.parse(call(plan, "create_character"));
    expect(brief.cast.map((e) => e.id)).not.toContain(created.id);
    expect(created.type).toBe("character");
    const memories = AddMemoriesArgs.parse(call(plan, "add_memories")).memories;
    expect(memories.filter((m) => m.entity_id === created.id).map((m) => m.scope)).toEqual(["event", "relationship"]);
    expect(plan.narrative).toContain(created.name);
  });

  it("giving, buying, fighting and healing change the state paths that exist", () => {
    expect(call(play(STORY_SCENARIOS.frontier, "I give my spyglass to Okoro").plan, "update_state")).toEqual({
      ops: [{ op: "remove", path: "inventory", value: "spyglass" }],
    });
    const bought = call(play(STORY_SCENARIOS.harbour, "I buy a lantern").plan, "update_state") as { ops: Array<{ op: string; path: string }> };
    expect(bought.ops.map((o) => `${o.op} ${o.path}`)).toEqual(["dec player.coins", "push inventory"]);
    const hurt = [1, 2, 3, 4, 5, 6].map((i) => call(play(STORY_SCENARIOS.frontier, "I attack Okoro", `s:${i}`).plan, "update_state"));
    expect(hurt.some((a) => JSON.stringify(a).includes('"dec","path":"player.health"'))).toBe(true);
    const healed = planTurn(
      { ...(parseTurnMessage(storyTurnMessage(STORY_SCENARIOS.frontier, "I bandage my wounds")) as StoryBrief), state: { player: { health: 9, max_health: 10 } } },
      mulberry32(1),
      ALL_WRITE_TOOLS,
    );
    expect(call(healed, "update_state")).toEqual({ ops: [{ op: "inc", path: "player.health", value: 1 }] });
  });

  it("only calls bound tools, and none when nothing is bound", () => {
    const action = "I share my water with Tomas and ride to Greyfall";
    const all = play(STORY_SCENARIOS.frontier, action).plan;
    expect(all.toolCalls.map((c) => c.name)).toEqual(["update_state", "update_world", "add_memories"]);
    const some = play(STORY_SCENARIOS.frontier, action, "ses_test:1", new Set(["update_world", "add_memory"])).plan;
    expect(some.toolCalls.map((c) => c.name)).toEqual(["update_world", "add_memory"]);
    expect(() => AddMemoryArgs.parse(call(some, "add_memory"))).not.toThrow();
    expect(some.narrative).toBe(all.narrative);
    expect(play(STORY_SCENARIOS.frontier, action, "ses_test:1", new Set()).plan.toolCalls).toEqual([]);
  });

  it("is deterministic per seed and usually differs between seeds", () => {
    const a = play(STORY_SCENARIOS.harbour, "I ask Nessa about the drowned clerk", "ses_a:4");
    const b = play(STORY_SCENARIOS.harbour, "I ask Nessa about the drowned clerk", "ses_a:4");
    expect(b.plan).toEqual(a.plan);
    const others = ["ses_b:4", "ses_c:4", "ses_d:4", "ses_e:4"].map((s) => play(STORY_SCENARIOS.harbour, "I ask Nessa about the drowned clerk", s).plan.narrative);
    expect(others.filter((n) => n !== a.plan.narrative).length).toBeGreaterThanOrEqual(3);
  });

  it("colours reactions by known relationships", () => {
    const cold = storyTurnMessage(STORY_SCENARIOS.frontier, "I talk to Tomas", {
      relationships: [{ from: "tomas", to: "mara", type: "hostility", sentiment: -0.9, strength: 0.9 }],
      memories: [{ id: "m", entity_id: "tomas", scope: "relationship", content: "Tomas detests Mara Venn.", score: 1 }],
    });
    for (const seed of ["1", "2", "3"]) {
      const plan = planTurn(parseTurnMessage(cold) as StoryBrief, rngFor(seed, cold), ALL_WRITE_TOOLS);
      const bond = AddMemoriesArgs.parse(call(plan, "add_memories")).memories.find((m) => m.scope === "relationship");
      expect(bond?.content).toMatch(/Tomas is wary of Mara Venn/);
    }
  });
});
