/**
 * A ceiling, not a model: answers each queued pair from the set's own labels, to tell how far the
 * rules plus background enrichment can go and how good a real model must be to get there. Each
 * direction of each answer (every labelled edge held that way) is right with probability `edges`
 * when the labels give it a feeling and `none` when they give none (a fixed hash of the line and
 * pair, so runs repeat). A wrong answer misses a labelled feeling or reads it as a neighbouring type,
 * and gives an unlabelled direction the rules' guess or another edge of the line.
 *
 *   npx tsx evals/graphSets.ts --oracle 0.9,0.98 --sets blind83,blind84
 */
import type { EnrichmentResult, NewEnrichmentTask } from "../lib/enrichment/queue.ts";
import type { DatasetLine } from "../lib/relationships/score.ts";
import { TYPE_SIGN, type RelationshipType } from "../lib/relationships/types.ts";

/** A type a reader might take for this one (same sign, nearby meaning). */
const CONFUSED_WITH: Record<RelationshipType, RelationshipType> = {
  trust: "respect", respect: "trust", love: "friendship", friendship: "alliance", alliance: "friendship",
  distrust: "hostility", hostility: "distrust", fear: "hostility", rivalry: "hostility", family: "friendship",
};

/** Uniform in [0, 1) from a string (FNV-1a): the same line and pair always draw the same number. */
export function draw(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

type Edge = EnrichmentResult["edges"][number];
const edgeOf = (from: string, to: string, type: RelationshipType, sign: 1 | -1 = 1): Edge => ({ from, to, type, sentiment: (TYPE_SIGN[type] === 0 ? sign : TYPE_SIGN[type]) * 0.6 });

/** The labels' edges held one way, made wrong with probability 1 − the accuracy that applies. */
function answerOne(line: DatasetLine, task: NewEnrichmentTask, from: string, to: string, right: OracleAccuracy): Edge[] {
  const truth = line.expected.filter((e) => e.from === from && e.to === to);
  const accuracy = truth.length > 0 ? right.edges : right.none;
  const u = draw(`${line.id}|${from}|${to}`);
  if (u < accuracy) return truth.map((e) => edgeOf(from, to, e.type, e.sign));
  // Wrong: half the misses say none, half take a neighbouring type; a false edge is the rules' guess or another pair's type.
  const half = (u - accuracy) / (1 - accuracy) < 0.5;
  if (truth.length > 0) return half ? [] : truth.map((e) => edgeOf(from, to, CONFUSED_WITH[e.type]));
  return [edgeOf(from, to, task.guess_type ?? line.expected[0]?.type ?? "friendship")];
}

/** How often the oracle is right on a direction the labels give a feeling (`edges`) or none (`none`). */
export interface OracleAccuracy {
  edges: number;
  none: number;
}

/** A classifier over `lines` (found by the task's memory id) that answers every edge of the pair from the labels. */
export function oracleClassifier(lines: readonly DatasetLine[], accuracy: OracleAccuracy): (task: NewEnrichmentTask) => Promise<EnrichmentResult> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  return async (task) => {
    const line = byId.get(task.memory_id);
    if (!line) throw new Error(`oracle: no labelled line ${task.memory_id}`);
    const edges = [...answerOne(line, task, task.from, task.to, accuracy), ...answerOne(line, task, task.to, task.from, accuracy)];
    return { edges, confidence: 0.9, reason: "oracle (the labels), not a model" };
  };
}
