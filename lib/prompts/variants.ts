import type { RenderOptions } from "./turnMessage.ts";

/** The narrator prompt variants, in report order (baseline first); `compact` is the default. */
export const PROMPT_VARIANTS = ["verbose", "compact"] as const;

export type PromptVariant = (typeof PROMPT_VARIANTS)[number];

export const DEFAULT_PROMPT_VARIANT: PromptVariant = "compact";

/** One narrator prompt variant: its system text, tool descriptions and how it renders context. */
export interface NarratorPrompt {
  variant: PromptVariant;
  system: string;
  /** Model-facing description per write tool name. */
  toolDescriptions: Record<string, string>;
  render: RenderOptions;
}
