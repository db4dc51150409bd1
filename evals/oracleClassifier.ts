/**
 * A ceiling, not a model: answers each queued pair from the set's own labels, to tell how far the
 * rules plus background enrichment can go and how good a real model must be to get there. Each
 * direction of each answer is right with probability `edges` when the labels give it a feeling and
 * `none` when they give none (a fixed hash of the line and pair, so runs repeat). A wrong answer
 * misses a labelled feeling or reads it as a neighbouring type, and gives an unlabelled direction
 * the rules' guess or another edge of the line.
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

const sentimentOf = (type: RelationshipType | "none", sign = 1): number => (type === "none" ? 0 : (TYPE_SIGN[type] === 0 ? sign : TYPE_SIGN[type]) * 0.6);

/** How often the oracle is right on a direction the labels give a feeling (`edges`) or none (`none`). */
export interface OracleAccuracy {
  edges: number;
  none: number;
}

/** The labels' answer for one direction, made wrong with probability 1 − the accuracy that applies. */
function answerOne(line: DatasetLine, task: NewEnrichmentTask, from: string, to: string, right: OracleAccuracy): { type: RelationshipType | "none"; sentiment: number } {
  const truth = line.expected.find((e) => e.from === from && e.to === to);
  const accuracy = truth ? right.edges : right.none;
  const u = draw(`${line.id}|${from}|${to}`);
  if (u < accuracy) return truth ? { type: truth.type, sentiment: sentimentOf(truth.type, truth.sign) } : { type: "none", sentiment: 0 };
  // Wrong: half the misses say none, half take a neighbouring type; a false edge is the rules' guess or another pair's type.
  const half = (u - accuracy) / (1 - accuracy) < 0.5;
  if (truth) return half ? { type: "none", sentiment: 0 } : { type: CONFUSED_WITH[truth.type], sentiment: sentimentOf(CONFUSED_WITH[truth.type]) };
  const wrong = task.guess_type ?? line.expected[0]?.type ?? "friendship";
  return { type: wrong, sentiment: sentimentOf(wrong) };
}

/** A classifier over `lines` (found by the task's memory id) that answers both directions from the labels. */
export function oracleClassifier(lines: readonly DatasetLine[], accuracy: OracleAccuracy): (task: NewEnrichmentTask) => Promise<EnrichmentResult> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  return async (task) => {
    const line = byId.get(task.memory_id);
    if (!line) throw new Error(`oracle: no labelled line ${task.memory_id}`);
    const forward = answerOne(line, task, task.from, task.to, accuracy);
    const reverse = answerOne(line, task, task.to, task.from, accuracy);
    return { type: forward.type, sentiment: forward.sentiment, reverse_type: reverse.type, reverse_sentiment: reverse.sentiment, confidence: 0.9, reason: "oracle (the labels), not a model" };
  };
}
