import type { TurnContext } from "../tools/context.ts";
import { narratorPrompt } from "./narrator.ts";
import { renderTurnMessage } from "./turnMessage.ts";
import { selectContext } from "./selectContext.ts";
import { countTokens } from "../common/tokens.ts";
import { writeToolSpecs, type ModelToolSpec } from "./toolSpecs.ts";
import { PROMPT_VARIANTS, type PromptVariant } from "./variants.ts";

/** Token counts (o200k_base) of what one variant sends to the narrator model for one turn. */
export interface VariantTokens {
  variant: PromptVariant;
  /** The system prompt. */
  system: number;
  /** The write tools' descriptions (the variant's wording), summed. */
  toolDescriptions: number;
  /** The write tools' JSON schemas (`parameters`), summed: the same for every variant. */
  toolSchemas: number;
  /** The rendered user message of the sample turn, after the variant's context selection. */
  userMessage: number;
  /** The headline figure: system prompt + tool descriptions. */
  prompt: number;
  /** Everything sent: system + tool specs as JSON (name, description, parameters) + user message. */
  total: number;
}

/** Both variants' counts and the compact variant's reductions against the verbose baseline. */
export interface TokenReport {
  rows: VariantTokens[];
  /** 1 - compact/verbose of system prompt + tool descriptions. */
  promptReduction: number;
  /** 1 - compact/verbose of the user message. */
  userMessageReduction: number;
  /** 1 - compact/verbose of everything sent. */
  totalReduction: number;
}

/** Budget for the narrate request's tool schemas (`parameters`, summed), checked by the prompt tests. */
export const TOOL_SCHEMA_TARGET = 500;

/** The write tools as an OpenAI-compatible endpoint receives them: name, description, parameters. */
export function toolSpecJson(variant: PromptVariant): ModelToolSpec[] {
  return writeToolSpecs(variant).map((t) => t.function);
}

/** The `tools` array of the narrate request as JSON, as the endpoint receives it (for token estimates). */
export function toolsJsonAsSent(variant: PromptVariant): string {
  return JSON.stringify(writeToolSpecs(variant));
}

/** Counts one variant's tokens for a turn (the context goes through the variant's selection). */
export function variantTokens(variant: PromptVariant, ctx: TurnContext, input: string, contextTokenBudget: number): VariantTokens {
  const prompt = narratorPrompt(variant);
  const specs = toolSpecJson(variant);
  const system = countTokens(prompt.system);
  const toolDescriptions = specs.reduce((n, s) => n + countTokens(s.description), 0);
  const toolSchemas = specs.reduce((n, s) => n + countTokens(JSON.stringify(s.parameters)), 0);
  const userMessage = countTokens(renderTurnMessage(selectContext(ctx, variant, contextTokenBudget), input, prompt.render));
  const sentTools = countTokens(toolsJsonAsSent(variant));
  return { variant, system, toolDescriptions, toolSchemas, userMessage, prompt: system + toolDescriptions, total: system + sentTools + userMessage };
}

/** The token report of every variant for one turn. */
export function tokenReport(ctx: TurnContext, input: string, contextTokenBudget: number): TokenReport {
  const rows = PROMPT_VARIANTS.map((v) => variantTokens(v, ctx, input, contextTokenBudget));
  const by = (v: PromptVariant) => rows.find((r) => r.variant === v) as VariantTokens;
  const cut = (key: "prompt" | "userMessage" | "total") => 1 - by("compact")[key] / by("verbose")[key];
  return { rows, promptReduction: cut("prompt"), userMessageReduction: cut("userMessage"), totalReduction: cut("total") };
}

/** The report as a plain-text table. */
export function formatTokenReport(report: TokenReport): string {
  const head = ["variant", "system", "tool descr.", "tool schemas", "user msg", "system+descr.", "total sent"];
  const lines = [head, ...report.rows.map((r) => [r.variant, r.system, r.toolDescriptions, r.toolSchemas, r.userMessage, r.prompt, r.total].map(String))];
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const table = lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    ...table,
    "",
    `tool schemas: ${report.rows[0].toolSchemas} tokens (target ≤ ${TOOL_SCHEMA_TARGET}); one memory-writing tool, no $defs, defaulted fields optional`,
    `compact vs verbose: system+descriptions -${pct(report.promptReduction)}, user message -${pct(report.userMessageReduction)}, total sent -${pct(report.totalReduction)}`,
  ].join("\n");
}
