/**
 * The relationship graph a labelled set ends with when the engine's whole path runs: the rules admit
 * what they are sure of (or what a correct narrator hint confirms), and every pair they queue goes
 * to the configured model's background enrichment (`classify_relationship`, the call the worker
 * makes), whose answer is applied like the worker's (`none` applies nothing). This is the figure
 * that rules-only scoring (extractionSets.ts) cannot give: it needs a model, and it says which.
 *
 *   npx tsx evals/graphSets.ts [--sets blind31,blind32] [--limit N] [--concurrency 4] [--oracle 0.9,0.98]
 *
 * The model comes from the same environment as the engine (QS_MODEL_PROVIDER, OPENAI_BASE_URL,
 * QS_MODEL, ...); with none configured it is the offline storyteller (deterministic, not an LLM),
 * which keeps the rules' own readings: a stand-in, not a model's judgement. `--oracle` answers from the labels
 * instead (oracleClassifier.ts): the ceiling the design allows, and what a model must reach.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { classifyWithModel } from "../lib/enrichment/classify.ts";
import type { EnrichmentResult, NewEnrichmentTask } from "../lib/enrichment/queue.ts";
import { readingsOfPair } from "../lib/enrichment/request.ts";
import { loadEnv, type Env } from "../lib/config/env.ts";
import { createChatModelFactory } from "../lib/models/factory.ts";
import { analyzeRelationshipMemory } from "../lib/relationships/extract.ts";
import { admitEdges } from "../lib/relationships/hint.ts";
import { compareEdges, parseDataset, type DatasetLine, type ScoredEdge } from "../lib/relationships/score.ts";
import type { EntityRef } from "../lib/relationships/types.ts";
import { observationsOf } from "../lib/sessions/enrichmentHost.ts";
import { correctHint, datasetCast, LABELLED_SETS } from "./extractionSets.ts";
import { oracleClassifier } from "./oracleClassifier.ts";

/** Asks the model about one queued pair (the worker's call); throws when it gives no valid answer. */
export type Classify = (task: NewEnrichmentTask) => Promise<EnrichmentResult>;

export type HintMode = "none" | "correct";

export interface GraphFigures {
  lines: number;
  /** Lines whose final graph edges equal the labels exactly. */
  exact: number;
  precision: number;
  recall: number;
  /** Wrong edges in the final graph, and how many of them a model answer put there (the rest: rules or hint). */
  wrong: number;
  wrongFromModel: number;
  /** Enrichment calls made, answered `none`, and failed (no valid answer: nothing applied). */
  calls: number;
  none: number;
  failed: number;
}

const signOf = (sentiment: number): 1 | -1 => (sentiment < 0 ? -1 : 1);

/** An edge the memory leaves in the graph, and whether a model answer put it there. */
export type GraphEdge = ScoredEdge & { byModel: boolean };

/** One line through the write path and enrichment: the edges its memory leaves in the graph. */
export async function graphEdgesOf(line: DatasetLine, cast: readonly EntityRef[], classify: Classify, mode: HintMode, tally: Pick<GraphFigures, "calls" | "none" | "failed">): Promise<GraphEdge[]> {
  const known = new Set(cast.map((c) => c.id));
  const hint = mode === "correct" ? correctHint(line) : undefined;
  const analysis = analyzeRelationshipMemory(line, cast);
  // "correct" plays a narrator that hints as the prompts ask, so an unhinted line is queued (batch).
  const { admitted, queued } = admitEdges(line.entity_id, hint, analysis, known, mode === "correct");
  const edges = new Map<string, GraphEdge>();
  const put = (e: GraphEdge) => void edges.set(`${e.from}|${e.to}|${e.type}`, e);
  for (const r of admitted) put({ from: r.from, to: r.to, type: r.type, sign: signOf(r.sentiment), byModel: false });
  for (const pair of queued) {
    tally.calls++;
    const task: NewEnrichmentTask = {
      session_id: "eval", memory_id: line.id, entity_id: line.entity_id, content: line.content, from: pair.from, to: pair.to, reason: pair.reason, turn: 1,
      ...(pair.guess ? { guess_type: pair.guess.type, guess_confidence: pair.guess.confidence } : {}),
    };
    const answer = await classify(task).catch(() => undefined);
    // Applied as the worker applies it (observationsOf: a type's fixed sign wins over the answer's).
    const observations = answer ? observationsOf(task, answer) : [];
    if (!answer) tally.failed++;
    else if (observations.length === 0) tally.none++;
    for (const o of observations) put({ from: o.from, to: o.to, type: o.type, sign: signOf(o.sentiment), byModel: true });
  }
  return [...edges.values()];
}

/** A set's final-graph figures; lines run `concurrency` at a time. */
export async function graphFigures(lines: readonly DatasetLine[], cast: readonly EntityRef[], classify: Classify, mode: HintMode, concurrency = 4): Promise<GraphFigures> {
  const f: GraphFigures = { lines: lines.length, exact: 0, precision: 1, recall: 1, wrong: 0, wrongFromModel: 0, calls: 0, none: 0, failed: 0 };
  let tp = 0, fp = 0, fn = 0, next = 0;
  const worker = async () => {
    while (next < lines.length) {
      const line = lines[next++];
      const c = compareEdges(line.expected, await graphEdgesOf(line, cast, classify, mode, f));
      f.wrongFromModel += c.fp.filter((e) => (e as GraphEdge).byModel).length;
      tp += c.tp.length;
      fp += c.fp.length;
      fn += c.fn.length;
      if (c.fp.length === 0 && c.fn.length === 0) f.exact++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { ...f, wrong: fp, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "datasets");

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The configured model as the enrichment worker calls it, and its name for the report. */
export function modelClassifier(env: Env, cast: readonly EntityRef[]): { classify: Classify; model: string } {
  const models = createChatModelFactory(env);
  const names = Object.fromEntries(cast.map((c) => [c.id, c.name]));
  return { classify: (task) => classifyWithModel(models.create({ sessionId: "eval", turn: 1 }), task, names, { readings: readingsOfPair(task, cast) }), model: models.describe() };
}

/** `--oracle <edges>[,<none>]`: the labels answer (see oracleClassifier.ts), named so in every report. */
function oracleOf(lines: readonly DatasetLine[], spec: string): { classify: Classify; model: string } {
  const [edges, none = edges] = spec.split(",").map(Number);
  if (![edges, none].every((q) => q >= 0 && q <= 1)) throw new Error("--oracle takes one or two accuracies between 0 and 1 (edges[,none])");
  return { classify: oracleClassifier(lines, { edges, none }), model: `oracle: the labels, right on ${edges} of labelled directions and ${none} of unlabelled ones (a ceiling, not a model)` };
}

async function main(): Promise<void> {
  const cast = datasetCast();
  // "blind29" or "relationships.blind29.jsonl"; "relationships" is the labelled development set.
  const wanted = option("sets")?.split(",").map((s) => (s.endsWith(".jsonl") ? s : s === "relationships" ? "relationships.jsonl" : `relationships.${s}.jsonl`));
  const sets = wanted ?? LABELLED_SETS.filter((s) => s.status === "first-contact").map((s) => s.file);
  const limit = Number(option("limit") ?? Infinity);
  const linesBySet = new Map(sets.map((file) => [file, parseDataset(readFileSync(path.join(DIR, file), "utf8")).slice(0, limit)]));
  const oracle = option("oracle");
  const { classify, model } = oracle === undefined ? modelClassifier(loadEnv(), cast) : oracleOf([...linesBySet.values()].flat(), oracle);
  const concurrency = Number(option("concurrency") ?? 4);
  const f3 = (v: number) => v.toFixed(3);
  const rows: Array<Record<string, unknown>> = [];
  process.stdout.write(`Final graph per set, model: ${model}\n\nset | hint | exact | P / R (wrong, of which by the model) | enrichment calls (none, failed)\n--|--|--|--|--\n`);
  const pooled = { none: [] as GraphFigures[], correct: [] as GraphFigures[] };
  for (const file of sets) {
    const lines = linesBySet.get(file) ?? [];
    for (const mode of ["none", "correct"] as const) {
      const g = await graphFigures(lines, cast, classify, mode, concurrency);
      rows.push({ set: file, hint: mode, model, ...g });
      pooled[mode].push(g);
      process.stdout.write(`${file} | ${mode} | ${f3(g.exact / g.lines)} (${g.exact}/${g.lines}) | ${f3(g.precision)} / ${f3(g.recall)} (${g.wrong}, ${g.wrongFromModel}) | ${g.calls} (${g.none}, ${g.failed})\n`);
    }
  }
  if (sets.length > 1) {
    for (const mode of ["none", "correct"] as const) {
      const sum = (k: "lines" | "exact" | "wrong" | "wrongFromModel" | "calls" | "none" | "failed") => pooled[mode].reduce((n, g) => n + g[k], 0);
      const atTarget = pooled[mode].filter((g) => g.exact / g.lines >= 0.9).length;
      process.stdout.write(`all ${sets.length} sets (${atTarget} at ≥ 0.90) | ${mode} | ${f3(sum("exact") / sum("lines"))} (${sum("exact")}/${sum("lines")}) | (${sum("wrong")}, ${sum("wrongFromModel")}) | ${sum("calls")} (${sum("none")}, ${sum("failed")})\n`);
    }
  }
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "graph-sets.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ model, at: new Date().toISOString(), rows }, null, 2)}\n`);
  process.stdout.write(`\nwritten: ${path.relative(process.cwd(), out)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
