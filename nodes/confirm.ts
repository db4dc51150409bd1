import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../graph/configuration.ts";
import { emitToolEvent } from "../graph/events.ts";
import { commitTurn, enrichmentTasks } from "../graph/commit.ts";
import { getRuntime, sessionIdOf } from "../graph/runtime.ts";
import type { TurnStateType, TurnStateUpdate } from "../graph/state.ts";
import type { MemoryDoc } from "../lib/memory/types.ts";
import { usageOf } from "../lib/models/usage.ts";
import { buildConfirmMessages } from "../lib/prompts/confirm.ts";
import { runWrites } from "../lib/tools/runWrites.ts";
import { messageText } from "../lib/common/messageText.ts";
import { writeToolSpecs } from "../lib/prompts/toolSpecs.ts";
import { countToolCalls, type RequestedToolCall } from "../lib/tools/records.ts";

/**
 * Closes the turn: one short model call over the write results only (with at most one round
 * of corrected writes when one failed), then commits the draft — memories to the session's
 * index, everything else in a single checkpointed update.
 */
export async function confirm(state: TurnStateType, config: LangGraphRunnableConfig): Promise<TurnStateUpdate> {
  if (!state.draft) throw new Error("confirm: writeTools has not run");
  const cfg = ensureConfiguration(config);
  const runtime = getRuntime(config);
  const sessionId = sessionIdOf(config);
  let { draft, counters } = state;
  let writes = state.writes;
  let confirmation = "";

  if (writes.length > 0 && counters.llm_calls < cfg.maxLlmCalls) {
    const failed = writes.some((w) => !w.ok && !w.skipped);
    const repairBudget = cfg.maxToolCalls - countToolCalls([...state.reads, ...writes]).tool_calls;
    const canRepair = failed && cfg.allowRepair && repairBudget > 0;
    const model = runtime.models.create({ model: cfg.model, sessionId, turn: state.turn + 1 });
    const callable = canRepair && model.bindTools ? model.bindTools(writeToolSpecs(cfg.promptVariant)) : model;
    const messages = buildConfirmMessages(writes);
    // "nostream" keeps these tokens out of the client's narrative stream.
    const answer = await callable.invoke(messages, { ...config, tags: [...(config.tags ?? []), "nostream"] });
    const usage = usageOf(answer, messages);
    confirmation = messageText(answer).trim();
    counters = {
      ...counters,
      llm_calls: counters.llm_calls + 1,
      input_tokens: counters.input_tokens + usage.input,
      output_tokens: counters.output_tokens + usage.output,
    };
    const repairs: RequestedToolCall[] = canRepair
      ? (answer.tool_calls ?? []).map((c, i) => ({ id: c.id ?? `repair_${i}`, name: c.name, args: c.args }))
      : [];
    if (repairs.length > 0) {
      const repaired = runWrites(repairs, draft, "repair", repairBudget, (r) => emitToolEvent(config, r));
      draft = repaired.draft;
      writes = [...writes, ...repaired.records];
      counters = { ...counters, repaired: true };
    }
  }

  // Past this point the turn writes outside the checkpoint: not for a turn already abandoned.
  config.signal?.throwIfAborted();
  let stored: MemoryDoc[] = [];
  if (draft.memories.length > 0) {
    stored = await runtime.memory.use(sessionId, (store) => store.add(draft.memories, { turn: state.turn + 1 }));
  }
  // Queued before the checkpoint commits; the worker waits for this session's turn to end.
  runtime.enrichment?.enqueue(enrichmentTasks(sessionId, state.turn + 1, draft, stored));
  return commitTurn({
    state,
    draft,
    writes,
    counters,
    confirmation,
    storedMemories: stored,
    model: runtime.models.describe(cfg.model),
    now: new Date(),
  });
}
