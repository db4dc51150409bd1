/**
 * Relationship-extraction micro-benchmark (`npm run bench -- extraction`; not a test: the suite
 * asserts behaviour only). The first call compiles the cue lexicon; then every memory of the
 * labelled set is extracted repeatedly and timed one by one. Run with --expose-gc for the heap figures.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "../../metrics/stats.ts";
import { extractRelationships } from "../../relationships/extract.ts";
import { parseDataset } from "../../relationships/score.ts";
import type { EntityRef } from "../../relationships/types.ts";

const datasets = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "evals", "datasets");
const cast = JSON.parse(readFileSync(path.join(datasets, "relationships.entities.json"), "utf8")) as EntityRef[];
const lines = parseDataset(readFileSync(path.join(datasets, "relationships.jsonl"), "utf8"));
const gc = (globalThis as { gc?: () => void }).gc;

gc?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
extractRelationships(lines[0], cast);
const first = performance.now() - t0;
const grown = process.memoryUsage().heapUsed - heap0;
gc?.();
const kept = process.memoryUsage().heapUsed - heap0;

for (const line of lines) extractRelationships(line, cast); // JIT warm-up
const times: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const line of lines) {
    const t = performance.now();
    extractRelationships(line, cast);
    times.push((performance.now() - t) * 1000);
  }
}
const us = summarize(times);
process.stdout.write(
  `Relationship extraction (rules, no model), ${lines.length} labelled memories × 20, node ${process.version}\n` +
    `first call (compiles the cue lexicon): ${first.toFixed(0)} ms, heap +${(grown / 1e6).toFixed(1)} MB` +
    ` (${(kept / 1e6).toFixed(1)} MB kept after GC${gc ? "" : "; run with --expose-gc"})\n` +
    `per memory: p50 ${us.p50} µs, p95 ${us.p95} µs, mean ${us.mean} µs\n`,
);
