import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { TurnContext } from "../tools/context.ts";
import { compactPrompt } from "./compact.ts";
import { renderTurnMessage } from "./turnMessage.ts";
import { PROMPT_VARIANTS, type NarratorPrompt, type PromptVariant } from "./variants.ts";
import { verbosePrompt } from "./verbose.ts";

const VARIANTS: Readonly<Record<PromptVariant, NarratorPrompt>> = { compact: compactPrompt, verbose: verbosePrompt };

/** The prompt of a variant; throws for a name that is not a variant (e.g. unchecked input). */
export function narratorPrompt(variant: PromptVariant): NarratorPrompt {
  const prompt = VARIANTS[variant];
  if (!prompt) throw new Error(`prompt variant "${String(variant)}" is not available; use ${PROMPT_VARIANTS.join(" or ")}`);
  return prompt;
}

/** The narrate call's messages: the variant's system prompt and the rendered turn. */
export function buildNarratorMessages(variant: PromptVariant, ctx: TurnContext, input: string): BaseMessage[] {
  const prompt = narratorPrompt(variant);
  return [new SystemMessage(prompt.system), new HumanMessage(renderTurnMessage(ctx, input, prompt.render))];
}
