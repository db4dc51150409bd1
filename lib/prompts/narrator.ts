import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { TurnContext } from "./context.ts";
import { compactPrompt } from "./compact.ts";
import { renderTurnMessage, type RenderOptions } from "./turnMessage.ts";
import { verbosePrompt } from "./verbose.ts";

/** The narrator prompt variants; `compact` is the default of the turn graph's configuration. */
export type PromptVariant = "compact" | "verbose";

/** Every variant, in report order (baseline first). */
export const PROMPT_VARIANTS: readonly PromptVariant[] = ["verbose", "compact"];

/** One narrator prompt variant: its system text, tool descriptions and how it renders context. */
export interface NarratorPrompt {
  variant: PromptVariant;
  system: string;
  /** Model-facing description per write tool name. */
  toolDescriptions: Record<string, string>;
  render: RenderOptions;
}

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
