import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { RELATIONSHIP_TYPES } from "../lib/relationships/types.ts";
import { countWords } from "./checks.ts";

/** The parts of promptfoo's results JSON (`-o file.json`) the summaries read. */
const ResultsFileSchema = z.looseObject({
  results: z.looseObject({
    prompts: z.array(
      z.looseObject({
        label: z.string(),
        metrics: z
          .looseObject({
            testPassCount: z.number(),
            testFailCount: z.number(),
            testErrorCount: z.number(),
            namedScores: z.record(z.string(), z.number().nullable()).default({}),
          })
          .optional(),
      }),
    ),
    results: z.array(
      z.looseObject({
        promptIdx: z.number(),
        testIdx: z.number(),
        success: z.boolean(),
        error: z.string().nullish(),
        vars: z.record(z.string(), z.unknown()).default({}),
        response: z.looseObject({ output: z.unknown().optional(), metadata: z.record(z.string(), z.unknown()).optional() }).nullish(),
      }),
    ),
  }),
});
export type ResultsFile = z.infer<typeof ResultsFileSchema>;

/** Reads and validates a promptfoo results file. */
export function readResults(file: string): ResultsFile {
  return ResultsFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** One variant's line of the comparison table. */
export interface VariantRow {
  variant: string;
  tests: number;
  passed: number;
  errors: number;
  /** Share of tests that passed every assertion (promptfoo's own verdict). */
  passRate: number;
  /** Derived metrics of promptfooconfig.yaml (null when promptfoo could not compute them). */
  checksPassRate: number | null;
  meanInputTokens: number | null;
  meanToolCalls: number | null;
  meanWords: number | null;
}

/** The narrator A/B in numbers, with a fingerprint of every output (equal runs, equal prints). */
export interface NarratorSummary {
  model: string;
  rows: VariantRow[];
  fingerprint: string;
}

const metric = (scores: Record<string, number | null>, name: string): number | null => {
  const v = scores[name];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};


/** Means of one variant's turns, from each result's metadata (null when no turn reported them). */
function turnMeans(rows: ResultsFile["results"]["results"]): Pick<VariantRow, "meanInputTokens" | "meanToolCalls" | "meanWords"> {
  const turns = rows.flatMap((r) => {
    const m = r.response?.metadata?.metrics as { input_tokens?: unknown; tool_calls?: unknown } | undefined;
    return typeof m?.input_tokens === "number" && typeof m.tool_calls === "number" && typeof r.response?.output === "string"
      ? [{ input: m.input_tokens, tools: m.tool_calls, words: countWords(r.response.output) }]
      : [];
  });
  const mean = (pick: (t: (typeof turns)[number]) => number) => (turns.length === 0 ? null : turns.reduce((n, t) => n + pick(t), 0) / turns.length);
  return { meanInputTokens: mean((t) => t.input), meanToolCalls: mean((t) => t.tools), meanWords: mean((t) => t.words) };
}

/** Summarises a narrator results file per variant. */
export function summariseNarrator(results: ResultsFile): NarratorSummary {
  const rows = results.results.prompts.map((p, index): VariantRow => {
    const m = p.metrics ?? { testPassCount: 0, testFailCount: 0, testErrorCount: 0, namedScores: {} };
    const tests = m.testPassCount + m.testFailCount + m.testErrorCount;
    return {
      variant: p.label,
      tests,
      passed: m.testPassCount,
      errors: m.testErrorCount,
      passRate: tests === 0 ? 0 : m.testPassCount / tests,
      checksPassRate: metric(m.namedScores, "pass_rate"),
      ...turnMeans(results.results.results.filter((r) => r.promptIdx === index)),
    };
  });
  const model = results.results.results.map((r) => r.response?.metadata?.model).find((m): m is string => typeof m === "string") ?? "unknown model";
  const hash = createHash("sha256");
  for (const r of [...results.results.results].sort((a, b) => a.testIdx - b.testIdx || a.promptIdx - b.promptIdx)) {
    const calls = Array.isArray(r.response?.metadata?.toolCalls) ? (r.response.metadata.toolCalls as Array<Record<string, unknown>>) : [];
    // Call ids and timings differ between runs by design; what was called, with what, and the outcome must not.
    const stable = calls.map(({ name, phase, args, ok, result, error }) => [name, phase, args, ok, result ?? null, error ?? null]);
    hash.update(JSON.stringify([r.testIdx, r.promptIdx, r.success, r.response?.output ?? r.error ?? null, stable]));
    hash.update("\n");
  }
  return { model, rows, fingerprint: hash.digest("hex").slice(0, 16) };
}

/** Plain-text table with right-aligned numbers. */
export function formatTable(head: string[], rows: string[][]): string {
  const lines = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? "").length)));
  const render = (l: string[]) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [render(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(render)].join("\n");
}

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, digits: number) => (x === null ? "n/a" : x.toFixed(digits));

/** The comparison table: variant, pass rate, mean input tokens, mean tool calls, mean words. */
export function formatNarratorTable(summary: NarratorSummary): string {
  return formatTable(
    ["variant", "tests", "pass rate", "mean input tokens", "mean tool calls", "mean words"],
    summary.rows.map((r) => [
      r.variant,
      String(r.tests),
      `${pct(r.passRate)} (${r.passed}/${r.tests})`,
      fixed(r.meanInputTokens, 0),
      fixed(r.meanToolCalls, 2),
      fixed(r.meanWords, 0),
    ]),
  );
}

/** The CI gate: the compact variant must pass at least as often as the verbose baseline. */
export function gateCompact(summary: NarratorSummary): { ok: boolean; reason: string } {
  const verbose = summary.rows.find((r) => r.variant === "verbose");
  const compact = summary.rows.find((r) => r.variant === "compact");
  if (!verbose || !compact || verbose.tests === 0 || compact.tests === 0) return { ok: false, reason: "the results lack a verbose or a compact column" };
  const ok = compact.passRate >= verbose.passRate;
  const verdict = `compact ${pct(compact.passRate)} ${ok ? ">=" : "<"} verbose ${pct(verbose.passRate)}`;
  return { ok, reason: ok ? `pass rate: ${verdict}` : `compact regressed: ${verdict}` };
}

/** Relationship extraction in numbers: per-type precision/recall (derived metrics) and exact rate per split. */
export interface RelationshipSummary {
  tests: number;
  exactRate: number;
  perType: Array<{ type: string; precision: number | null; recall: number | null }>;
  bySplit: Array<{ split: string; tests: number; exact: number }>;
}

/** Summarises a relationships results file. */
export function summariseRelationships(results: ResultsFile): RelationshipSummary {
  const scores = results.results.prompts[0]?.metrics?.namedScores ?? {};
  const rows = results.results.results;
  const splits = new Map<string, { tests: number; exact: number }>();
  for (const r of rows) {
    const split = typeof r.vars.split === "string" ? r.vars.split : "all";
    const s = splits.get(split) ?? { tests: 0, exact: 0 };
    s.tests++;
    if (r.success) s.exact++;
    splits.set(split, s);
  }
  return {
    tests: rows.length,
    exactRate: rows.length === 0 ? 0 : rows.filter((r) => r.success).length / rows.length,
    perType: [...RELATIONSHIP_TYPES, "all"].map((t) => ({ type: t, precision: metric(scores, `precision_${t}`), recall: metric(scores, `recall_${t}`) })),
    bySplit: [...splits].map(([split, s]) => ({ split, ...s })),
  };
}

/** The per-type precision/recall table and the exact-match rate per split. */
export function formatRelationshipTable(summary: RelationshipSummary): string {
  const table = formatTable(
    ["type", "precision", "recall"],
    summary.perType.map((r) => [r.type, fixed(r.precision, 3), fixed(r.recall, 3)]),
  );
  const splits = summary.bySplit.map((s) => `${s.split} ${s.exact}/${s.tests}`).join(", ");
  return `${table}\nexact edge sets: ${pct(summary.exactRate)} (${splits})`;
}
