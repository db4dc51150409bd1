import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../graph/configuration.ts";
import { emitTextEvent } from "../graph/events.ts";
import { getRuntime, sessionIdOf } from "../graph/runtime.ts";
import type { TurnStateType, TurnStateUpdate } from "../graph/state.ts";
import { streamFiltered } from "../lib/models/filteredStream.ts";
import { cutAtLastSentence, MAX_REASONING_CHARS } from "../lib/models/narrativeText.ts";
import { intakeToolCalls } from "../lib/models/toolCallIntake.ts";
import { usageOf } from "../lib/models/usage.ts";
import { buildNarratorMessages } from "../lib/prompts/narrator.ts";
import { selectContext } from "../lib/prompts/selectContext.ts";
import { toolsJsonAsSent } from "../lib/prompts/tokenReport.ts";
import { writeToolSpecs } from "../lib/prompts/toolSpecs.ts";

/**
 * One streaming model call with the write tools bound: the model writes the narrative and may end
 * with a batch of write requests. Its output is untrusted: it streams through the model-output
 * filter, so reasoning and tool calls written as text never reach the player's tokens.
 */
export async function narrate(state: TurnStateType, config: LangGraphRunnableConfig): Promise<TurnStateUpdate> {
  if (!state.context) throw new Error("narrate: readTools has not run");
  const cfg = ensureConfiguration(config);
  if (state.counters.llm_calls >= cfg.maxLlmCalls) throw new Error(`model-call cap reached (${cfg.maxLlmCalls})`);
  const runtime = getRuntime(config);

  const context = selectContext(state.context, cfg.promptVariant, cfg.contextTokenBudget);
  const messages = buildNarratorMessages(cfg.promptVariant, context, state.action);
  const maxTokens = cfg.narrateMaxTokens ?? runtime.env.QS_NARRATE_MAX_TOKENS;
  const model = runtime.models.create({ model: cfg.model, sessionId: sessionIdOf(config), turn: context.turn, maxTokens });
  if (!model.bindTools) throw new Error("narrate: the model cannot call tools");
  const withTools = model.bindTools(writeToolSpecs(cfg.promptVariant));

  let ttft: number | null = null;
  const answer = await streamFiltered(withTools, messages, config, {
    holdUntilClose: runtime.models.holdsUntilThinkClose(cfg.model),
    onVisible: (text) => {
      if (!text) return;
      ttft ??= Date.now() - state.startedAt;
      emitTextEvent(config, "token", text);
    },
    onReasoning: (text) => emitTextEvent(config, "reasoning", text),
  });
  if (answer.filter.sawBareClose) runtime.models.noteBareThinkClose(cfg.model);

  const { full, filter } = answer;
  const truncated = answer.finishReason === "length";
  const requestedWrites = intakeToolCalls(
    { native: full.tool_calls ?? [], invalid: full.invalid_tool_calls ?? [], texts: filter.toolCallTexts, truncated },
    "call",
  );
  // Prose cut off mid-sentence by max_tokens ends at its last full sentence; prose before tool calls was complete.
  const prose = filter.visibleText.trim();
  const narrative = truncated && requestedWrites.length === 0 ? cutAtLastSentence(prose) : prose;
  const usage = usageOf(full, messages, toolsJsonAsSent(cfg.promptVariant));
  return {
    narrative,
    reasoning: answer.reasoning.slice(0, MAX_REASONING_CHARS),
    requestedWrites,
    counters: {
      ...state.counters,
      llm_calls: state.counters.llm_calls + 1,
      ttft_ms: ttft,
      input_tokens: state.counters.input_tokens + usage.input,
      output_tokens: state.counters.output_tokens + usage.output,
      tokens_estimated: (state.counters.tokens_estimated ?? false) || !usage.reported,
      finish_reason: answer.finishReason ?? null,
      narrative_from: "narrate",
    },
  };
}
