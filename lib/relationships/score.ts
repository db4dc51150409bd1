import { z } from "zod";
import { extractRelationships, type ExtractOptions } from "./extract.ts";
import { type EntityRef, type ExtractedRelationship, RELATIONSHIP_TYPES, type RelationshipType, RelationshipTypeSchema } from "./types.ts";

/** One expected edge in a labelled line: direction, type and sentiment sign. */
export const ExpectedEdgeSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  type: RelationshipTypeSchema,
  sign: z.union([z.literal(1), z.literal(-1)]),
});

/** One labelled memory of evals/datasets/relationships*.jsonl. */
export const DatasetLineSchema = z.object({
  id: z.string().min(1),
  entity_id: z.string().min(1),
  content: z.string(),
  expected: z.array(ExpectedEdgeSchema),
});

/** A labelled memory. */
export type DatasetLine = z.infer<typeof DatasetLineSchema>;
/** An expected (or predicted) edge reduced to what is scored. */
export type ScoredEdge = z.infer<typeof ExpectedEdgeSchema>;

/** Per-type counts: an edge counts as a true positive only with the right direction, type and sign. */
export interface TypeScore {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

/** A line whose predicted edge set differs from the expected one. */
export interface ScoreFailure {
  id: string;
  content: string;
  expected: ScoredEdge[];
  got: ScoredEdge[];
}

/** Micro precision and recall over all types, of every edge found or only of those that pass the enrichment threshold. */
export interface EdgeFigures {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Result of {@link scoreExtraction}. */
export interface ExtractionScore {
  /**
   * Only the edges that go straight into the graph (confidence ≥ the enrichment threshold): a
   * wrong one here is never reviewed, so this precision matters more than exact match.
   */
  confident: EdgeFigures;
  /** Share of lines whose predicted set of (from, to, type, sign) equals the expected set exactly. */
  accuracy: number;
  total: number;
  correct: number;
  perType: Record<RelationshipType, TypeScore>;
  failures: ScoreFailure[];
}

/** Parse a JSONL dataset (blank lines skipped); throws with the line number on a bad line. */
export function parseDataset(jsonl: string): DatasetLine[] {
  return jsonl
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = DatasetLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`dataset line ${n}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
      return parsed.data;
    });
}

const keyOf = (e: ScoredEdge): string => `${e.from}|${e.to}|${e.type}|${e.sign}`;

/** What the extractor found in one memory, reduced to what is scored (direction, type, sign). */
export function scoredEdges(memory: { entity_id: string; content: string }, entities: readonly EntityRef[], options?: ExtractOptions): ScoredEdge[] {
  return toScored(extractRelationships({ entity_id: memory.entity_id, content: memory.content }, entities, options));
}

const toScored = (found: readonly ExtractedRelationship[]): ScoredEdge[] =>
  found.map((r) => ({ from: r.from, to: r.to, type: r.type, sign: r.sentiment < 0 ? -1 : 1 }));

/**
 * One line's comparison: found edges that are right (tp) or wrong (fp), and expected edges
 * missed (fn). An edge counts only with the right direction, type and sign.
 */
export function compareEdges(expected: readonly ScoredEdge[], got: readonly ScoredEdge[]): { tp: ScoredEdge[]; fp: ScoredEdge[]; fn: ScoredEdge[] } {
  const want = new Set(expected.map(keyOf));
  const have = new Set(got.map(keyOf));
  return { tp: got.filter((e) => want.has(keyOf(e))), fp: got.filter((e) => !want.has(keyOf(e))), fn: expected.filter((e) => !have.has(keyOf(e))) };
}

/** True when both edge sets are equal (order and duplicates ignored). */
export function sameEdges(expected: readonly ScoredEdge[], got: readonly ScoredEdge[]): boolean {
  const want = new Set(expected.map(keyOf));
  const have = new Set(got.map(keyOf));
  return want.size === have.size && [...want].every((k) => have.has(k));
}

/**
 * Score the rule-based extractor on a labelled dataset. Pure: no I/O, deterministic. Used by the
 * unit accuracy test; the promptfoo eval scores line by line with the same helpers.
 */
export function scoreExtraction(dataset: readonly DatasetLine[], entities: readonly EntityRef[], options?: ExtractOptions): ExtractionScore {
  const counts = Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<RelationshipType, { tp: number; fp: number; fn: number }>;
  const failures: ScoreFailure[] = [];
  let correct = 0;
  const sure = { tp: 0, fp: 0, fn: 0 };
  for (const line of dataset) {
    const found = extractRelationships({ entity_id: line.entity_id, content: line.content }, entities, options);
    const got = toScored(found);
    const passed = compareEdges(line.expected, toScored(found.filter((r) => !r.needsEnrichment)));
    sure.tp += passed.tp.length;
    sure.fp += passed.fp.length;
    sure.fn += passed.fn.length;
    const { tp, fp, fn } = compareEdges(line.expected, got);
    for (const e of tp) counts[e.type].tp++;
    for (const e of fp) counts[e.type].fp++;
    for (const e of fn) counts[e.type].fn++;
    if (sameEdges(line.expected, got)) correct++;
    else failures.push({ id: line.id, content: line.content, expected: line.expected, got });
  }
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
  const perType = Object.fromEntries(
    RELATIONSHIP_TYPES.map((t) => {
      const c = counts[t];
      return [t, { ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) }];
    }),
  ) as Record<RelationshipType, TypeScore>;
  const total = dataset.length;
  const confident = { ...sure, precision: ratio(sure.tp, sure.tp + sure.fp), recall: ratio(sure.tp, sure.tp + sure.fn) };
  return { accuracy: total === 0 ? 1 : correct / total, total, correct, perType, failures, confident };
}
