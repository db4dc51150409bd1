import type { AIMessageChunk } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../graph/configuration.ts";
import { getRuntime, sessionIdOf } from "../graph/runtime.ts";
import type { TurnStateType, TurnStateUpdate } from "../graph/state.ts";
import { buildNarratorMessages } from "../lib/prompts/narrator.ts";
import { selectContext } from "../lib/prompts/selectContext.ts";
import { usageOf } from "../lib/models/usage.ts";
import { messageText } from "../lib/common/messageText.ts";
import { writeToolSpecs } from "../lib/prompts/toolSpecs.ts";

/**
 * One streaming model call with the write tools bound: the model writes the narrative (its
 * tokens are the only ones the client sees) and may end with a batch of write requests.
 */
export async function narrate(state: TurnStateType, config: LangGraphRunnableConfig): Promise<TurnStateUpdate> {
  if (!state.context) throw new Error("narrate: readTools has not run");
  const cfg = ensureConfiguration(config);
  if (state.counters.llm_calls >= cfg.maxLlmCalls) throw new Error(`model-call cap reached (${cfg.maxLlmCalls})`);
  const runtime = getRuntime(config);

  const context = selectContext(state.context, cfg.promptVariant, cfg.contextTokenBudget);
  const messages = buildNarratorMessages(cfg.promptVariant, context, state.action);
  const model = runtime.models.create({ model: cfg.model, sessionId: sessionIdOf(config), turn: context.turn });
  if (!model.bindTools) throw new Error("narrate: the model cannot call tools");
  const withTools = model.bindTools(writeToolSpecs(cfg.promptVariant));

  let full: AIMessageChunk | undefined;
  let ttft: number | null = null;
  for await (const chunk of await withTools.stream(messages, config)) {
    if (ttft === null && messageText(chunk).length > 0) ttft = Date.now() - state.startedAt;
    full = full ? full.concat(chunk) : chunk;
  }
  if (!full) throw new Error("narrate: the model returned nothing");

  const usage = usageOf(full, messages);
  return {
    narrative: messageText(full).trim(),
    requestedWrites: (full.tool_calls ?? []).map((c, i) => ({ id: c.id ?? `call_${i}`, name: c.name, args: c.args })),
    counters: {
      ...state.counters,
      llm_calls: state.counters.llm_calls + 1,
      ttft_ms: ttft,
      input_tokens: state.counters.input_tokens + usage.input,
      output_tokens: state.counters.output_tokens + usage.output,
    },
  };
}
