import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { extractRelationships } from "../relationships/extract.ts";
import { parseDataset, type DatasetLine, type ScoredEdge } from "../relationships/score.ts";
import { EntityRefSchema, RELATIONSHIP_TYPES, type EntityRef } from "../relationships/types.ts";

/** The labelled relationship datasets under evals/datasets/ (owned by the relationships work). */
export const DATASET_SPLITS = {
  labelled: "relationships.jsonl",
  holdout: "relationships.holdout.jsonl",
  // The newest set written blind and scored once at the end of a round: the closest to unseen text.
  unseen: "relationships.blind6.jsonl",
} as const;
export type DatasetSplit = keyof typeof DATASET_SPLITS;

const datasets = path.join(path.dirname(fileURLToPath(import.meta.url)), "datasets");

/** The cast the labelled memories refer to. */
export function loadDatasetEntities(): EntityRef[] {
  const raw: unknown = JSON.parse(readFileSync(path.join(datasets, "relationships.entities.json"), "utf8"));
  return z.array(EntityRefSchema).parse(raw);
}

/** The labelled lines of one split. */
export function loadDataset(split: DatasetSplit): DatasetLine[] {
  return parseDataset(readFileSync(path.join(datasets, DATASET_SPLITS[split]), "utf8"));
}

/** What the extractor found in one memory, reduced to what is scored (direction, type, sign). */
export function extractScored(line: Pick<DatasetLine, "entity_id" | "content">, entities: readonly EntityRef[]): ScoredEdge[] {
  return extractRelationships({ entity_id: line.entity_id, content: line.content }, entities).map((r) => ({
    from: r.from,
    to: r.to,
    type: r.type,
    sign: r.sentiment < 0 ? -1 : 1,
  }));
}

const keyOf = (e: ScoredEdge): string => `${e.from}|${e.to}|${e.type}|${e.sign}`;

/**
 * True/false positives and false negatives of one line, per type (`tp_trust`, ...) and over all
 * types (`tp_all`, ...), as named scores; every key is present (zeros included) so that the
 * derived metrics can always be evaluated. Same rule as relationships/score.ts: an edge counts
 * only with the right direction, type and sign.
 */
export function edgeCounts(expected: readonly ScoredEdge[], got: readonly ScoredEdge[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of [...RELATIONSHIP_TYPES, "all"]) for (const k of ["tp", "fp", "fn"]) counts[`${k}_${t}`] = 0;
  const want = new Set(expected.map(keyOf));
  const have = new Set(got.map(keyOf));
  const add = (kind: string, type: string) => {
    counts[`${kind}_${type}`]++;
    counts[`${kind}_all`]++;
  };
  for (const e of got) add(want.has(keyOf(e)) ? "tp" : "fp", e.type);
  for (const e of expected) if (!have.has(keyOf(e))) add("fn", e.type);
  return counts;
}

/** True when both edge sets are equal (order and duplicates ignored). */
export function sameEdges(expected: readonly ScoredEdge[], got: readonly ScoredEdge[]): boolean {
  const want = new Set(expected.map(keyOf));
  const have = new Set(got.map(keyOf));
  return want.size === have.size && [...want].every((k) => have.has(k));
}

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
