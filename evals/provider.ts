import type { ApiProvider, CallApiContextParams, ProviderResponse } from "promptfoo";
import { EvalEngine, type EvalTurnMetadata } from "./engineHarness.ts";
import { PROMPT_VARIANTS, type PromptVariant } from "../lib/prompts/variants.ts";

/** Scenario used when a test gives no `scenario` var. */
export const DEFAULT_SCENARIO = "frontier-caravan";

/** Provider options from promptfooconfig.yaml (`providers[].config`). */
export interface EngineProviderConfig {
  /** Default scenario for tests without a `scenario` var. */
  scenario?: string;
}

/** Which variant a promptfoo prompt stands for: its label, else its raw text ("verbose" / "compact"). */
export function variantOf(prompt: string, label?: string): PromptVariant {
  for (const candidate of [label, prompt]) {
    const name = candidate?.trim();
    if (name && (PROMPT_VARIANTS as readonly string[]).includes(name)) return name as PromptVariant;
  }
  throw new Error(`prompt "${label ?? prompt}" is not a narrator prompt variant (${PROMPT_VARIANTS.join(", ")})`);
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  throw new Error(`test var "${name}" must be a string or a list of strings`);
}

/**
 * promptfoo provider (`file://evals/provider.ts`) that plays a real engine turn — read tools,
 * narrate with the prompt variant, writes, confirm — on a fresh session of a bundled scenario.
 * The prompt text names the variant; the vars give `scenario`, `input` and optional `setup`.
 * The model is the offline storyteller unless QS_EVAL_REAL=1 (then the configured endpoint).
 */
export default class EngineProvider implements ApiProvider {
  private engine?: Promise<EvalEngine>;
  readonly config: EngineProviderConfig;
  private readonly providerId: string;

  constructor(options: { id?: string; config?: EngineProviderConfig } = {}) {
    this.config = options.config ?? {};
    this.providerId = options.id ?? "quietstories-engine";
  }

  id(): string {
    return this.providerId;
  }

  async callApi(prompt: string, context?: CallApiContextParams): Promise<ProviderResponse> {
    try {
      const vars = context?.vars ?? {};
      const variant = variantOf(prompt, context?.prompt?.label);
      const input = typeof vars.input === "string" ? vars.input.trim() : "";
      if (!input) throw new Error('the test has no "input" var');
      const scenario = typeof vars.scenario === "string" && vars.scenario ? vars.scenario : (this.config.scenario ?? DEFAULT_SCENARIO);
      this.engine ??= EvalEngine.open();
      const { record, metadata } = await (await this.engine).play({ variant, scenario, input, setup: stringList(vars.setup, "setup") });
      const result: ProviderResponse & { metadata: EvalTurnMetadata } = {
        output: record.narrative,
        tokenUsage: {
          prompt: record.metrics.input_tokens,
          completion: record.metrics.output_tokens,
          total: record.metrics.input_tokens + record.metrics.output_tokens,
          numRequests: record.metrics.llm_calls,
        },
        metadata,
      };
      return result;
    } catch (error) {
      return { error: `engine turn failed: ${(error as Error).message}` };
    }
  }

  /** Called by promptfoo at the end of the eval: closes the engine and removes its data. */
  async cleanup(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    await (await engine)?.close();
  }
}
