import type { AssertionValueFunctionContext, GradingResult } from "promptfoo";
import { ExpectedEdgeSchema, type ScoredEdge } from "../lib/relationships/score.ts";
import { edgeCounts, sameEdges } from "./extraction.ts";

const Edges = ExpectedEdgeSchema.array();
const show = (edges: readonly ScoredEdge[]) => (edges.length === 0 ? "none" : edges.map((e) => `${e.from}→${e.to} ${e.type}${e.sign < 0 ? "-" : "+"}`).join(", "));

/**
 * Compares the extractor's edges (provider output) with `vars.expected`. Passes on an exact match
 * (metric `exact`) and reports per-type tp/fp/fn counts as named scores, from which
 * relationships.yaml derives per-type precision and recall.
 */
export function extractionMatches(output: string, context: Pick<AssertionValueFunctionContext, "vars">): GradingResult {
  const expected = Edges.parse(context.vars.expected);
  const got = Edges.parse(JSON.parse(output));
  const exact = sameEdges(expected, got);
  return {
    pass: exact,
    score: exact ? 1 : 0,
    reason: exact ? `exact: ${show(got)}` : `expected ${show(expected)}; got ${show(got)}`,
    namedScores: edgeCounts(expected, got),
  };
}
