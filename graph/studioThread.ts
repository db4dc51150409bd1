import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { loadBundledScenario } from "../lib/scenarios/catalog.ts";
import { initialStateFor } from "./initialState.ts";
import { isStudioRun } from "./runtime.ts";
import type { TurnStateType, TurnStateUpdate } from "./state.ts";

/** True when the thread has no story yet (a new LangGraph Studio / SDK thread). */
export function hasNoStory(state: TurnStateType): boolean {
  return !state.scenario?.name;
}

/**
 * The story a turn plays on. A thread that a LangGraph client opened without the API starts the
 * configured scenario; a server thread without a story (deleted meanwhile) is an error, never a new story.
 */
export function storyForTurn(state: TurnStateType, config: LangGraphRunnableConfig, scenarioName: string): { state: TurnStateType; started?: TurnStateUpdate } {
  if (!hasNoStory(state)) return { state };
  if (!isStudioRun(config)) throw new Error("readTools: this thread has no session");
  const { input: _input, messages: _messages, ...started } = initialStateFor(scenarioName, loadBundledScenario(scenarioName));
  return { state: { ...state, ...started, relationships: { edges: {} } } as TurnStateType, started };
}
