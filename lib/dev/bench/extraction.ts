/**
 * Relationship-extraction micro-benchmark (`npm run bench -- extraction`; not a test: the suite
 * asserts behaviour only). The first call compiles the cue lexicon; then every memory of the
 * labelled set is extracted repeatedly and timed one by one. Run with --expose-gc for the heap figures.
 * The worst-case part feeds seeded word salad made of cue words, names, pronouns, quotation marks and
 * the clause words the rules look at (every rule path at once, no sentence breaks) at sizes up to the
 * 2,000-character cap of a memory, to show the cost per memory is bounded and grows about linearly.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "../../metrics/stats.ts";
import { cueForms } from "../../relationships/cueGraph.ts";
import { extractRelationships } from "../../relationships/extract.ts";
import { LEXICON } from "../../relationships/lexicon.ts";
import { parseDataset } from "../../relationships/score.ts";
import { RELATIONSHIP_TYPES, type EntityRef } from "../../relationships/types.ts";

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
// Throughput, less sensitive to timer and scheduling noise than per-call times: the mean per memory
// over 20 whole passes, median of 7 such blocks.
const blocks: number[] = [];
for (let block = 0; block < 7; block++) {
  const t = performance.now();
  for (let round = 0; round < 20; round++) for (const line of lines) extractRelationships(line, cast);
  blocks.push(((performance.now() - t) * 1000) / (20 * lines.length));
}
const throughput = summarize(blocks).p50 ?? 0;
process.stdout.write(
  `Relationship extraction (rules, no model), ${lines.length} labelled memories × 20, node ${process.version}\n` +
    `first call (compiles the cue lexicon): ${first.toFixed(0)} ms, heap +${(grown / 1e6).toFixed(1)} MB` +
    ` (${(kept / 1e6).toFixed(1)} MB kept after GC${gc ? "" : "; run with --expose-gc"})\n` +
    `per memory: p50 ${us.p50} µs, p95 ${us.p95} µs, mean ${us.mean} µs\n` +
    `throughput: ${throughput.toFixed(1)} µs per memory (mean over 20 passes, median of 7 blocks)\n`,
);

/** Seeded salad of the words the rules react to, cut to `chars` characters; no full stop, so it is one sentence. */
function cueSalad(chars: number, seed: number): string {
  const cueWords = RELATIONSHIP_TYPES.flatMap((type) => LEXICON[type].flatMap((spec) => [...cueForms(spec, type)].map((f) => f.words.join(" "))));
  const glue = ["we", "they", "she", "he", "her", "him", "I", "you", "and", "but", "than", "if", "not", "never", "once", "now", "perhaps", "said", "told", "\u201c", "\u201d", '"', ",", ";", "\u2014", "who", "that", "each other", "both", "her brother", "the Captain"];
  const names = cast.flatMap((e) => e.name.split(/\s+/));
  let state = seed;
  const pick = <T,>(xs: readonly T[]): T => xs[(state = (state * 1103515245 + 12345) % 2147483648) % xs.length];
  const words: string[] = [];
  let length = 0;
  while (length < chars) {
    const pool = [cueWords, glue, names][(state = (state * 1103515245 + 12345) % 2147483648) % 3];
    const word = pick(pool);
    words.push(word);
    length += word.length + 1;
  }
  return words.join(" ").slice(0, chars);
}

const worst: string[] = [];
for (const chars of [500, 1000, 2000]) {
  const salads = Array.from({ length: 20 }, (_, i) => cueSalad(chars, i + 1));
  for (const content of salads) extractRelationships({ entity_id: cast[0].id, content }, cast); // warm-up
  const ms: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const content of salads) {
      const t = performance.now();
      extractRelationships({ entity_id: cast[0].id, content }, cast);
      ms.push(performance.now() - t);
    }
  }
  const { p50, max } = summarize(ms);
  worst.push(`| ${chars} | ${(p50 ?? 0).toFixed(2)} | ${(max ?? 0).toFixed(2)} | ${(((p50 ?? 0) / chars) * 1000).toFixed(2)} |`);
}
process.stdout.write(
  `\nWorst case: seeded cue-word salad (cue words, cast names, pronouns, quotes, clause words; no sentence break), 20 salads × 3 per size; a memory is at most 2,000 characters\n` +
    `| chars | p50 ms | max ms | p50 µs per char |\n|---:|---:|---:|---:|\n${worst.join("\n")}\n`,
);
