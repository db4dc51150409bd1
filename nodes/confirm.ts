import type { BaseMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration, type TurnConfiguration } from "../graph/configuration.ts";
import { emitTextEvent, emitToolEvent } from "../graph/events.ts";
import { commitTurn, enrichmentTasks } from "../graph/commit.ts";
import type { TurnCounters } from "../graph/records.ts";
import { getRuntime, sessionIdOf, type TurnRuntime } from "../graph/runtime.ts";
import type { TurnStateType, TurnStateUpdate } from "../graph/state.ts";
import type { MemoryDoc } from "../lib/memory/types.ts";
import { classifyModelError, ModelOutputError } from "../lib/models/errors.ts";
import { streamFiltered, type FilteredAnswer } from "../lib/models/filteredStream.ts";
import { MAX_REASONING_CHARS } from "../lib/models/narrativeText.ts";
import { intakeToolCalls } from "../lib/models/toolCallIntake.ts";
import { usageOf } from "../lib/models/usage.ts";
import { buildConfirmMessages, buildNarrateChangesMessages, engineConfirmation } from "../lib/prompts/confirm.ts";
import { toolsJsonAsSent } from "../lib/prompts/tokenReport.ts";
import { writeToolSpecs } from "../lib/prompts/toolSpecs.ts";
import { runWrites } from "../lib/tools/runWrites.ts";
import { countToolCalls } from "../lib/tools/records.ts";

/** Time kept back from the turn timeout for the commit after the confirm call (memories, checkpoint). */
const commitReserveMs = (turnTimeoutMs: number) => Math.min(1000, turnTimeoutMs / 20);

/**
 * Closes the turn: one short model call over the write results only (with at most one round of
 * corrected writes when one failed), then commits the draft — memories to the session's index,
 * everything else in a single checkpointed update.
 *
 * Two fallbacks keep a turn honest: when narrate sent no prose, this call narrates the applied
 * changes instead (streamed to the player) and the engine writes the confirmation; when the player
 * has read the narrative and this call fails or runs out of time, the engine writes the
 * confirmation and the turn is kept.
 */
export async function confirm(state: TurnStateType, config: LangGraphRunnableConfig): Promise<TurnStateUpdate> {
  if (!state.draft) throw new Error("confirm: writeTools has not run");
  const cfg = ensureConfiguration(config);
  const runtime = getRuntime(config);
  const sessionId = sessionIdOf(config);
  let { draft, counters } = state;
  let writes = state.writes;
  let confirmation = "";
  let narrative: string | undefined;
  let reasoning = state.reasoning;

  if (!state.narrative) {
    if (counters.llm_calls >= cfg.maxLlmCalls) {
      throw new ModelOutputError("the model sent no story text and the model-call cap leaves no second call; nothing was saved");
    }
    const messages = buildNarrateChangesMessages(state.action, writes);
    const answer = await callModel(runtime, cfg, state, config, messages, cfg.narrateMaxTokens ?? runtime.env.QS_NARRATE_MAX_TOKENS, false, (text) => {
      if (!text) return;
      if (counters.ttft_ms === null) counters = { ...counters, ttft_ms: Date.now() - state.startedAt };
      emitTextEvent(config, "token", text);
    });
    counters = { ...addUsage(counters, answer, messages, ""), narrative_from: "confirm" };
    narrative = answer.filter.visibleText.trim();
    reasoning = joinReasoning(reasoning, answer.reasoning);
    if (!narrative) throw new ModelOutputError("the model sent no story text, twice (only tool calls or reasoning); nothing was saved");
    confirmation = engineConfirmation(writes);
  } else if (writes.length > 0 && counters.llm_calls < cfg.maxLlmCalls) {
    const failed = writes.some((w) => !w.ok && !w.skipped);
    const repairBudget = cfg.maxToolCalls - countToolCalls([...state.reads, ...writes]).tool_calls;
    const canRepair = failed && cfg.allowRepair && repairBudget > 0;
    const messages = buildConfirmMessages(writes);
    const deadlineMs = Math.min(runtime.env.QS_MODEL_TIMEOUT_MS, runtime.env.QS_TURN_TIMEOUT_MS - (Date.now() - state.startedAt) - commitReserveMs(runtime.env.QS_TURN_TIMEOUT_MS));
    try {
      if (deadlineMs <= 0) throw new Error("no time left in the turn for the confirm call (timeout)");
      const local = AbortSignal.timeout(deadlineMs);
      const signal = config.signal ? AbortSignal.any([config.signal, local]) : local;
      const answer = await callModel(runtime, cfg, state, { ...config, signal }, messages, cfg.confirmMaxTokens ?? runtime.env.QS_CONFIRM_MAX_TOKENS, canRepair, () => {});
      counters = addUsage(counters, answer, messages, canRepair ? toolsJsonAsSent(cfg.promptVariant) : "");
      reasoning = joinReasoning(reasoning, answer.reasoning);
      confirmation = answer.filter.visibleText.trim() || engineConfirmation(writes);
      const { full, filter } = answer;
      const repairs = canRepair
        ? intakeToolCalls({ native: full.tool_calls ?? [], invalid: full.invalid_tool_calls ?? [], texts: filter.toolCallTexts, truncated: answer.finishReason === "length" }, "repair")
        : [];
      if (repairs.length > 0) {
        const repaired = runWrites(repairs, draft, "repair", repairBudget, (r) => emitToolEvent(config, r));
        draft = repaired.draft;
        writes = [...writes, ...repaired.records];
        counters = { ...counters, repaired: true };
      }
    } catch (error) {
      // The turn's own cancellation (client gone, turn timeout) still ends the turn.
      if (config.signal?.aborted) throw error;
      const failure = classifyModelError(error);
      runtime.logger.warn({ sessionId, code: failure?.code, err: error }, "confirm call failed; the engine writes the confirmation and keeps the turn");
      confirmation = engineConfirmation(writes);
      counters = { ...counters, llm_calls: counters.llm_calls + (deadlineMs > 0 ? 1 : 0), confirm_fallback: true };
    }
  }

  // Past this point the turn writes outside the checkpoint: not for a turn already abandoned.
  config.signal?.throwIfAborted();
  let stored: MemoryDoc[] = [];
  if (draft.memories.length > 0) {
    stored = await runtime.memory.use(sessionId, (store) => store.add(draft.memories, { turn: state.turn + 1 }));
  }
  // Queued before the checkpoint commits; the worker waits for this session's turn to end.
  await runtime.enrichment?.enqueue(enrichmentTasks(sessionId, state.turn + 1, draft, stored));
  return commitTurn({
    state,
    draft,
    writes,
    counters,
    confirmation,
    narrative,
    reasoning: reasoning || undefined,
    storedMemories: stored,
    model: runtime.models.describe(cfg.model),
    now: new Date(),
  });
}

/** One filtered, streaming model call; tools bound only for a repair round. */
async function callModel(
  runtime: TurnRuntime,
  cfg: TurnConfiguration,
  state: TurnStateType,
  config: LangGraphRunnableConfig,
  messages: BaseMessage[],
  maxTokens: number,
  withTools: boolean,
  onVisible: (text: string) => void,
): Promise<FilteredAnswer> {
  const model = runtime.models.create({ model: cfg.model, sessionId: sessionIdOf(config), turn: state.turn + 1, maxTokens });
  const callable = withTools && model.bindTools ? model.bindTools(writeToolSpecs(cfg.promptVariant)) : model;
  const answer = await streamFiltered(callable, messages, config, {
    holdUntilClose: runtime.models.holdsUntilThinkClose(cfg.model),
    onVisible,
    onReasoning: (text) => emitTextEvent(config, "reasoning", text),
  });
  if (answer.filter.sawBareClose) runtime.models.noteBareThinkClose(cfg.model);
  return answer;
}

function addUsage(counters: TurnCounters, answer: FilteredAnswer, messages: BaseMessage[], toolsJson: string): TurnCounters {
  const usage = usageOf(answer.full, messages, toolsJson);
  return {
    ...counters,
    llm_calls: counters.llm_calls + 1,
    input_tokens: counters.input_tokens + usage.input,
    output_tokens: counters.output_tokens + usage.output,
    tokens_estimated: (counters.tokens_estimated ?? false) || !usage.reported,
  };
}

function joinReasoning(before: string, added: string): string {
  return (before && added ? `${before}\n\n${added}` : before || added).slice(0, MAX_REASONING_CHARS);
}
