import { TurnConfigurationSchema } from "../../graph/configuration.ts";
import { SAMPLE_INPUT, sampleTurnContext } from "../prompts/sampleContext.ts";
import { formatTokenReport, tokenReport } from "../prompts/tokenReport.ts";

/**
 * `npm run prompts`: tokens (o200k_base, bundled ranks, no network) of each narrator prompt
 * variant for a typical turn of the bundled frontier-caravan scenario.
 */
const budget = TurnConfigurationSchema.shape.contextTokenBudget.parse(undefined);
const report = tokenReport(sampleTurnContext(), SAMPLE_INPUT, budget);
process.stdout.write(
  [
    "Narrator prompt tokens (o200k_base), sample turn: frontier-caravan turn 4, 6 memories, 8 edges,",
    `context budget ${budget} tokens; the tool schemas are the same JSON for both variants.`,
    "",
    formatTokenReport(report),
    "",
  ].join("\n"),
);
