import type { AssertionValueFunctionContext, GradingResult } from "promptfoo";
import type { EvalTurnMetadata } from "./engineHarness.ts";
import {
  checkInCharacter,
  checkLength,
  checkMentions,
  checkRelationshipHints,
  checkRelationshipMemories,
  checkToolBudget,
  checkToolSchemas,
  LIMITS,
  type Check,
} from "./checks.ts";

/**
 * promptfoo `javascript` assertions for narrator turns, referenced from promptfooconfig.yaml as
 * `file://evals/assertions.ts:<name>`. Each one is deterministic and reads the turn's tool calls
 * and metrics from the provider's response metadata. No default export: promptfoo would
 * otherwise look the named functions up on it.
 */

type AssertionContext = Pick<AssertionValueFunctionContext, "vars" | "metadata" | "config">;

function metadataOf(context: AssertionContext): EvalTurnMetadata {
  const metadata = context.metadata as EvalTurnMetadata | undefined;
  if (!metadata?.metrics || !Array.isArray(metadata.toolCalls)) throw new Error("the response has no engine metadata (is the provider file://evals/provider.ts?)");
  return metadata;
}

const num = (context: AssertionContext, key: string, fallback: number): number =>
  typeof context.config?.[key] === "number" ? (context.config[key] as number) : fallback;

function targetsOf(context: AssertionContext): string[] {
  const target = context.vars.target;
  if (typeof target === "string") return [target];
  return Array.isArray(target) ? target.filter((t): t is string => typeof t === "string") : [];
}

const grade = (check: Check): GradingResult => ({ pass: check.ok, score: check.ok ? 1 : 0, reason: check.reason });

/** The narrative exists and has minWords..maxWords words (config overrides LIMITS). */
export function narrativeLength(output: string, context: AssertionContext): GradingResult {
  return grade(checkLength(output, num(context, "minWords", LIMITS.minWords), num(context, "maxWords", LIMITS.maxWords)));
}

/** The narrative names the entity the player acted on (test var `target`: a name or a list of names). */
export function mentionsTarget(output: string, context: AssertionContext): GradingResult {
  return grade(checkMentions(output, targetsOf(context)));
}

/** No out-of-character text: no AI talk, tool names, JSON or markdown structure. */
export function inCharacter(output: string): GradingResult {
  return grade(checkInCharacter(output));
}

/** Every tool call of the turn validates against its zod schema (tools/schemas.ts). */
export function toolCallsValid(_output: string, context: AssertionContext): GradingResult {
  return grade(checkToolSchemas(metadataOf(context).toolCalls));
}

/** Every relationship memory the model wrote names both entities. */
export function relationshipMemoriesNamed(_output: string, context: AssertionContext): GradingResult {
  const metadata = metadataOf(context);
  return grade(checkRelationshipMemories(metadata.toolCalls, metadata.cast));
}

/** Every relationship memory carries an edge hint that the rules confirm. */
export function relationshipHintsAgree(_output: string, context: AssertionContext): GradingResult {
  const metadata = metadataOf(context);
  return grade(checkRelationshipHints(metadata.toolCalls, metadata.cast));
}

/** The turn used at most maxToolCalls tool calls. */
export function toolCallBudget(_output: string, context: AssertionContext): GradingResult {
  return grade(checkToolBudget(metadataOf(context).metrics.tool_calls, num(context, "maxToolCalls", LIMITS.maxToolCalls)));
}

/**
 * The whole turn as one score for the metrics (metric `turn_pass`: 1 when every check above
 * passes, else 0). It never fails the test itself (the checks above do), so a failing check is
 * reported once. Counts (tokens, tool calls, words) are not scores: promptfoo shows named scores
 * as percentages, so the summary averages them from each turn's metadata instead.
 */
export function turnSummary(output: string, context: AssertionContext): GradingResult {
  const metadata = metadataOf(context);
  const checks: Array<[string, Check]> = [
    ["length", checkLength(output)],
    ["mentions", checkMentions(output, targetsOf(context))],
    ["in character", checkInCharacter(output)],
    ["schemas", checkToolSchemas(metadata.toolCalls)],
    ["relationships", checkRelationshipMemories(metadata.toolCalls, metadata.cast)],
    ["hints", checkRelationshipHints(metadata.toolCalls, metadata.cast)],
    ["budget", checkToolBudget(metadata.metrics.tool_calls)],
  ];
  const failed = checks.filter(([, c]) => !c.ok).map(([name]) => name);
  return {
    pass: true,
    score: failed.length === 0 ? 1 : 0,
    reason: failed.length === 0 ? "every check passed" : `failed: ${failed.join(", ")}`,
  };
}
