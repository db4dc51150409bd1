import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { TurnContext } from "./context.ts";
import { compactPrompt } from "./compact.ts";
import { renderTurnMessage, type RenderOptions } from "./turnMessage.ts";

export type PromptVariant = "compact" | "verbose";

/** One narrator prompt variant: its system text, tool descriptions and how it renders context. */
export interface NarratorPrompt {
  variant: PromptVariant;
  system: string;
  /** Model-facing description per write tool name. */
  toolDescriptions: Record<string, string>;
  render: RenderOptions;
}

const VARIANTS: Partial<Record<PromptVariant, NarratorPrompt>> = { compact: compactPrompt };

/** Registers a variant (the verbose baseline lives in its own module). */
export function registerVariant(prompt: NarratorPrompt): void {
  VARIANTS[prompt.variant] = prompt;
}

export function narratorPrompt(variant: PromptVariant): NarratorPrompt {
  const prompt = VARIANTS[variant];
  if (!prompt) throw new Error(`prompt variant "${variant}" is not available`);
  return prompt;
}

/** The narrate call's messages: the variant's system prompt and the rendered turn. */
export function buildNarratorMessages(variant: PromptVariant, ctx: TurnContext, input: string): BaseMessage[] {
  const prompt = narratorPrompt(variant);
  return [new SystemMessage(prompt.system), new HumanMessage(renderTurnMessage(ctx, input, prompt.render))];
}
