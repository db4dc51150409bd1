import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../graph/configuration.ts";
import { emitToolEvent } from "../graph/events.ts";
import type { TurnStateType, TurnStateUpdate } from "../graph/state.ts";
import { draftFrom } from "../lib/tools/draft.ts";
import { runWrites } from "../lib/tools/runWrites.ts";
import { countToolCalls } from "../lib/tools/records.ts";

/**
 * Runs the writes the model asked for, after its narrative has streamed. Each call is
 * validated by its schema and applied to a draft all-or-nothing; confirm commits the draft.
 */
export async function writeTools(state: TurnStateType, config: LangGraphRunnableConfig): Promise<TurnStateUpdate> {
  const cfg = ensureConfiguration(config);
  const budget = cfg.maxToolCalls - countToolCalls(state.reads).tool_calls;
  const { draft, records } = runWrites(state.requestedWrites, draftFrom(state), "write", budget, (r) => emitToolEvent(config, r));
  return { draft, writes: records };
}
