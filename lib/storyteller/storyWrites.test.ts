import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { STORY_SCENARIOS, storyTurnMessage } from "../dev/testing/storyKit.ts";
import { draftFrom } from "../tools/draft.ts";
import { AddMemoriesArgs, CreateCharacterArgs, UpdateStateArgs, UpdateWorldArgs } from "../tools/schemas.ts";
import { runWrite } from "../tools/writes.ts";
import { OfflineStoryteller } from "./offlineStoryteller.ts";

const SPECS = [
  { name: "update_state", description: "state ops", schema: UpdateStateArgs },
  { name: "update_world", description: "world keys", schema: UpdateWorldArgs },
  { name: "create_character", description: "new entity", schema: CreateCharacterArgs },
  { name: "add_memories", description: "memories", schema: AddMemoriesArgs },
];
const ACTIONS = [
  "I share my water with Tomas.",
  "I draw my knife and threaten Okoro.",
  "I attack Tomas with my fists.",
  "I lie to Ilse about the map.",
  "I thank Tomas for the ride.",
  "I confide in Tomas about my past.",
  "I tend Tomas's wounds.",
  "I try to persuade Captain Ilse to come with me.",
  "I hire a guide for the salt road.",
];

describe("the offline storyteller's edge hints", () => {
  it.each(ACTIONS)("every relationship memory carries a hint the rules agree with: %s", async (action) => {
    const scenario = STORY_SCENARIOS.frontier;
    const model = new OfflineStoryteller({ seed: `hint:${action}`, tokenDelayMs: 0 }).bindTools(SPECS);
    const reply = await model.invoke([new SystemMessage("You narrate an interactive story."), new HumanMessage(storyTurnMessage(scenario, action))]);
    let draft = draftFrom({ world: scenario.world, story: scenario.state, entities: scenario.entities });
    for (const call of reply.tool_calls ?? []) {
      const run = runWrite(call.name, call.args, draft);
      expect(run.ok, `${call.name}: ${run.ok ? "" : run.error}`).toBe(true);
      if (run.ok) draft = run.draft;
    }
    const hinted = draft.memories.filter((m) => m.scope === "relationship");
    expect(hinted.length).toBeGreaterThan(0);
    for (const m of hinted) expect(m.edge, m.content).toBeDefined();
    expect(draft.enrichments.filter((e) => e.reason === "hint_disagrees")).toEqual([]);
    expect(draft.relationships.filter((r) => r.relationship.confidence === 0.95)).toHaveLength(hinted.length);
  });
});
