import type { Scenario } from "../lib/scenarios/schema.ts";
import type { TurnStateUpdate } from "./state.ts";
import { emptyCounters } from "./records.ts";

/**
 * The committed state of a new session, before its first turn. `greeting` picks the opening among
 * the scenario's greetings (validated by the caller; see `openingOf`).
 */
export function initialStateFor(scenarioName: string, scenario: Scenario, greeting = 0): TurnStateUpdate {
  const opening = scenario.greetings?.[greeting];
  return {
    scenario: {
      name: scenarioName,
      title: scenario.title,
      premise: scenario.premise,
      player_id: scenario.player_id,
      ...(opening ? { opening } : {}),
      ...(scenario.notes?.length ? { notes: [...scenario.notes] } : {}),
      ...(scenario.lorebook?.length ? { lorebook: structuredClone(scenario.lorebook) } : {}),
      ...(scenario.metadata ? { metadata: structuredClone(scenario.metadata) } : {}),
    },
    world: structuredClone(scenario.world),
    story: structuredClone(scenario.state),
    entities: structuredClone(scenario.entities),
    relationships: { replace: { edges: {} } },
    turn: 0,
    readCache: { entries: {} },
    input: "",
    messages: [],
    action: "",
    narrative: "",
    context: null,
    reads: [],
    requestedWrites: [],
    draft: null,
    writes: [],
    counters: emptyCounters(),
  };
}
