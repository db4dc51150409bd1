import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { compareEdges, parseDataset, sameEdges, scoredEdges, type DatasetLine, type ScoredEdge } from "../lib/relationships/score.ts";
import { EntityRefSchema, RELATIONSHIP_TYPES, type EntityRef } from "../lib/relationships/types.ts";

/** The labelled relationship datasets under evals/datasets/ (owned by the relationships work). */
export const DATASET_SPLITS: Record<"labelled" | "holdout" | "unseen", readonly string[]> = {
  labelled: ["relationships.jsonl"],
  holdout: ["relationships.holdout.jsonl"],
  // The first-contact sets (written before the extractor read them, never tuned to): see extractionSets.ts.
  unseen: ["relationships.blind7.jsonl", "relationships.blind41.jsonl", "relationships.blind44.jsonl", "relationships.blind45.jsonl", "relationships.blind46.jsonl", "relationships.blind51.jsonl", "relationships.blind52.jsonl", "relationships.blind53.jsonl", "relationships.blind54.jsonl", "relationships.blind55.jsonl", "relationships.blind56.jsonl", "relationships.blind59.jsonl", "relationships.blind60.jsonl", "relationships.blind61.jsonl", "relationships.blind62.jsonl", "relationships.blind64.jsonl", "relationships.blind66.jsonl", "relationships.blind67.jsonl", "relationships.blind70.jsonl", "relationships.blind72.jsonl", "relationships.blind74.jsonl", "relationships.blind75.jsonl", "relationships.blind76.jsonl", "relationships.blind77.jsonl", "relationships.blind80.jsonl", "relationships.blind81.jsonl", "relationships.blind83.jsonl", "relationships.blind84.jsonl", "relationships.blind85.jsonl"],
};
export type DatasetSplit = keyof typeof DATASET_SPLITS;

const datasets = path.join(path.dirname(fileURLToPath(import.meta.url)), "datasets");

/** The cast the labelled memories refer to. */
export function loadDatasetEntities(): EntityRef[] {
  const raw: unknown = JSON.parse(readFileSync(path.join(datasets, "relationships.entities.json"), "utf8"));
  return z.array(EntityRefSchema).parse(raw);
}

/** The labelled lines of one split. */
export function loadDataset(split: DatasetSplit): DatasetLine[] {
  return DATASET_SPLITS[split].flatMap((file) => parseDataset(readFileSync(path.join(datasets, file), "utf8")));
}

/**
 * True/false positives and false negatives of one line, per type (`tp_trust`, ...) and over all
 * types (`tp_all`, ...), as named scores; every key is present (zeros included) so that the
 * derived metrics can always be evaluated. Same rule as relationships/score.ts.
 */
export function edgeCounts(expected: readonly ScoredEdge[], got: readonly ScoredEdge[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of [...RELATIONSHIP_TYPES, "all"]) for (const k of ["tp", "fp", "fn"]) counts[`${k}_${t}`] = 0;
  for (const [kind, edges] of Object.entries(compareEdges(expected, got))) {
    for (const e of edges) {
      counts[`${kind}_${e.type}`]++;
      counts[`${kind}_all`]++;
    }
  }
  return counts;
}

/** Per-line scoring shared with relationships/score.ts. */
export { sameEdges, scoredEdges as extractScored };

/** The derived metrics of the relationships config: per-type precision and recall, then micro averages. */
export function relationshipDerivedMetrics(): Array<{ name: string; value: string }> {
  const ratio = (num: string, den: string) => `(${den}) == 0 ? 1 : ${num} / (${den})`;
  return [
    ...[...RELATIONSHIP_TYPES, "all"].flatMap((t) => [
      { name: `precision_${t}`, value: ratio(`tp_${t}`, `tp_${t} + fp_${t}`) },
      { name: `recall_${t}`, value: ratio(`tp_${t}`, `tp_${t} + fn_${t}`) },
    ]),
    { name: "exact_rate", value: "exact / __count" },
  ];
}
