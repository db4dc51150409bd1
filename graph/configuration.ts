import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { DEFAULT_PROMPT_VARIANT, PROMPT_VARIANTS } from "../lib/prompts/variants.ts";

/**
 * Per-run settings of the turn graph. Passed to StateGraph as its configuration schema,
 * so LangGraph Studio renders them as a form; `ensureConfiguration` fills the defaults.
 */
export const TurnConfigurationSchema = z.object({
  /** Model id: "offline-storyteller" (deterministic stand-in) or a model name of the configured endpoint. */
  model: z.string().min(1).optional().describe("Model id; empty = the server's configured model"),
  /** Which narrator prompt to use. */
  promptVariant: z.enum(PROMPT_VARIANTS).default(DEFAULT_PROMPT_VARIANT).describe("Narrator prompt variant"),
  /** Hard cap on tool calls per turn (reads + writes + repairs). */
  maxToolCalls: z.number().int().min(1).max(50).default(6).describe("Max tool calls per turn"),
  /** Hard cap on model calls per turn; a repair round rides on the confirm call, it adds none. */
  maxLlmCalls: z.number().int().min(1).max(10).default(2).describe("Max model calls per turn"),
  /** Whether confirm may answer a failed write with one round of corrected writes. */
  allowRepair: z.boolean().default(true).describe("Allow one repair round after a failed write"),
  /** Memories retrieved for the narrator per turn. */
  memoryK: z.number().int().min(0).max(50).default(6).describe("Memories retrieved per turn"),
  /** How memories are searched: hybrid (keyword + vector, fused; lib/memory/hybrid.ts) or vector only. */
  memoryRetrieval: z.enum(["hybrid", "vector"]).default("hybrid").describe("Memory search: hybrid (keyword + vector) or vector only"),
  /** Bundled scenario a thread starts from when it has no story yet (LangGraph Studio). */
  scenario: z.string().min(1).default("frontier-caravan").describe("Scenario for a new Studio thread"),
  /** Token budget for the retrieved context (memories + relationships) in the prompt. */
  contextTokenBudget: z.number().int().min(50).max(8000).default(600).describe("Token budget for retrieved context"),
  /** max_tokens of the narrate call; unset = QS_NARRATE_MAX_TOKENS. */
  narrateMaxTokens: z.number().int().min(64).max(32768).optional().describe("max_tokens of the narrate call (empty = QS_NARRATE_MAX_TOKENS)"),
  /** max_tokens of the confirm call; unset = QS_CONFIRM_MAX_TOKENS. */
  confirmMaxTokens: z.number().int().min(32).max(32768).optional().describe("max_tokens of the confirm call (empty = QS_CONFIRM_MAX_TOKENS)"),
});

export type TurnConfiguration = z.infer<typeof TurnConfigurationSchema>;

/** Reads the turn settings from a run's config, validated, with defaults filled in. */
export function ensureConfiguration(config?: LangGraphRunnableConfig): TurnConfiguration {
  const configurable = (config?.configurable ?? {}) as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(TurnConfigurationSchema.shape)) {
    if (configurable[key] !== undefined && configurable[key] !== "") picked[key] = configurable[key];
  }
  return TurnConfigurationSchema.parse(picked);
}
