import { loadBundledScenario } from "../scenarios/catalog.ts";
import type { TurnContext } from "../tools/context.ts";

/** The player's action of the sample turn. */
export const SAMPLE_INPUT = "I share my water ration with Tomas and ask him quietly what he knows about the route.";

/**
 * A typical mid-story turn of the bundled "frontier-caravan" scenario, as the read tools would
 * hand it to the narrator: turn 4, the whole story state, the cast, six memories from the
 * search (memoryK = 6, some about bystanders) and the relationship edges of the entities found.
 * Used by the token report and its test, so both measure the same realistic message.
 */
export function sampleTurnContext(): TurnContext {
  const scenario = loadBundledScenario("frontier-caravan");
  const player = scenario.entities.find((e) => e.id === scenario.player_id);
  if (!player) throw new Error("frontier-caravan has no player entity");
  return {
    turn: 4,
    player: { id: player.id, name: player.name },
    state: { ...scenario.state, player: { health: 9, max_health: 10, water: 3, coins: 12 } },
    world: { ...scenario.world, time: "noon, day 3 of the crossing" },
    cast: scenario.entities.map(({ id, name, type, background }) => ({ id, name, type, background })),
    mentioned: ["tomas"],
    memories: [
      { id: "mem_1", entity_id: "tomas", scope: "event", content: "Mara rode back to warn me that the east barrels were leaking before we broke camp.", score: 0.62 },
      { id: "mem_2", entity_id: "tomas", scope: "relationship", content: "Tomas is starting to trust Mara after she warned him about the leaking barrels.", score: 0.58 },
      { id: "mem_3", entity_id: "tomas", scope: "belief", content: "Okoro led us past the south fork without looking at the map; I think he knows a route he is not telling us.", score: 0.51 },
      { id: "mem_4", entity_id: "ilse", scope: "event", content: "Mara questioned my order to ration the horses' water in front of the drivers.", score: 0.33 },
      { id: "mem_5", entity_id: "bess", scope: "goal", content: "Bess wants to keep her medicine chest closed until the pass, whatever the captain says.", score: 0.21 },
      { id: "mem_6", entity_id: "okoro", scope: "emotion", content: "Okoro felt the dust on the horizon like an old warning.", score: 0.18 },
    ],
    relationships: [
      { from: "tomas", to: "mara", type: "trust", sentiment: 0.55, strength: 0.61 },
      { from: "tomas", to: "okoro", type: "distrust", sentiment: -0.5, strength: 0.57 },
      { from: "ilse", to: "mara", type: "distrust", sentiment: -0.4, strength: 0.44 },
      { from: "ilse", to: "tomas", type: "respect", sentiment: 0.3, strength: 0.22 },
      { from: "okoro", to: "ilse", type: "hostility", sentiment: -0.45, strength: 0.52 },
      { from: "ashfoot", to: "okoro", type: "fear", sentiment: -0.6, strength: 0.66 },
      { from: "bess", to: "tomas", type: "friendship", sentiment: 0.5, strength: 0.35 },
      { from: "bess", to: "ilse", type: "distrust", sentiment: -0.2, strength: 0.12 },
    ],
  };
}
