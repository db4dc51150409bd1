import { renderTurnMessage } from "../../prompts/turnMessage.ts";
import type { ContextEdge, ContextMemory, TurnContext } from "../../tools/context.ts";
import type { Scenario } from "../../scenarios/schema.ts";
import frontier from "../../scenarios/frontier-caravan.json" with { type: "json" };
import harbour from "../../scenarios/harbour-intrigue.json" with { type: "json" };

/** The bundled scenarios the offline storyteller's tests play. */
export const STORY_SCENARIOS = { frontier: frontier as Scenario, harbour: harbour as Scenario };

/** All write tools, as names. */
export const ALL_WRITE_TOOLS: ReadonlySet<string> = new Set(["update_state", "update_world", "create_character", "add_memories", "add_memory"]);

/**
 * A narrate-call user message for `scenario` and `input`, rendered by the engine's own
 * renderTurnMessage so tests follow the real layout.
 */
export function storyTurnMessage(
  scenario: Scenario,
  input: string,
  extra: { turn?: number; memories?: ContextMemory[]; relationships?: ContextEdge[]; world?: Record<string, string> } = {},
): string {
  const player = scenario.entities.find((e) => e.id === scenario.player_id);
  const ctx: TurnContext = {
    turn: extra.turn ?? 1,
    player: { id: scenario.player_id, name: player?.name ?? scenario.player_id },
    state: scenario.state,
    world: { ...scenario.world, ...extra.world },
    cast: scenario.entities.map(({ id, name, type, background }) => ({ id, name, type, background })),
    mentioned: [],
    memories: extra.memories ?? [],
    relationships: extra.relationships ?? [],
  };
  return renderTurnMessage(ctx, input, { backgroundChars: 160 });
}
