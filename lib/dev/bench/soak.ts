/**
 * `npm run bench -- soak`: memory over many sessions. Opens 1,000 sessions' memory stores through
 * one MemoryPool with the default LRU (64 open), adds memories to each, then searches every session
 * in rounds (each search reopens an evicted store), printing RSS and heap as it goes and after an
 * idle pause. Target: RSS < 700 MB at the end. Offline hashed n-gram embedder (256-d).
 * Flags: --sessions 1000 --memories 20 --rounds 3 --max-open 64
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { newSessionId } from "../../common/sessionIds.ts";
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";
import { MemoryPool } from "../../memory/pool.ts";
import { saveBenchResult } from "./hostile.ts";

export interface SoakOptions {
  sessions: number;
  memoriesPerSession: number;
  rounds: number;
  maxOpen: number;
}

export interface SoakSample {
  phase: string;
  sessions_touched: number;
  rss_mb: number;
  heap_used_mb: number;
  external_mb: number;
  open_stores: number;
}

export interface SoakResult {
  embedder: string;
  options: SoakOptions;
  samples: SoakSample[];
  final_rss_mb: number;
  peak_rss_mb: number;
  ok: boolean;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const WORDS = ["caravan", "water", "raiders", "Tomas", "Bess", "well", "dust", "trust", "debt", "map", "storm", "horse", "salt", "ridge"];

/** Runs the lane and prints its table; returns the numbers. */
export async function runSoakBench(options: SoakOptions, log: (line: string) => void = () => undefined): Promise<SoakResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-soak-"));
  const embeddings = new HashedNgramEmbeddings();
  const pool = new MemoryPool({ dataDir, embeddings, embedderId: embeddings.id, maxOpen: options.maxOpen });
  const samples: SoakSample[] = [];
  const sample = (phase: string, touched: number) => {
    const m = process.memoryUsage();
    samples.push({ phase, sessions_touched: touched, rss_mb: mb(m.rss), heap_used_mb: mb(m.heapUsed), external_mb: mb(m.external), open_stores: pool.openCount });
  };
  const ids = Array.from({ length: options.sessions }, () => newSessionId());
  const every = Math.max(1, Math.floor(options.sessions / 5));
  try {
    sample("start", 0);
    for (const [i, id] of ids.entries()) {
      const memories = Array.from({ length: options.memoriesPerSession }, (_, j) => ({
        entity_id: j % 2 ? "tomas" : "bess",
        content: `${WORDS[(i + j) % WORDS.length]} ${WORDS[(i * 7 + j) % WORDS.length]} at turn ${j} of session ${i}`,
        scope: "event" as const,
      }));
      await pool.use(id, (store) => store.add(memories, { turn: 1 }));
      if ((i + 1) % every === 0) sample("fill", i + 1);
    }
    log(`bench soak: ${options.sessions} sessions filled`);
    for (let round = 1; round <= options.rounds; round++) {
      for (const [i, id] of ids.entries()) {
        await pool.use(id, (store) => store.search({ query: WORDS[(i + round) % WORDS.length], k: 8 }));
      }
      sample(`search round ${round}`, options.sessions);
      log(`bench soak: search round ${round} done`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    sample("idle 2 s", options.sessions);
  } finally {
    await pool.closeAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const final = samples.at(-1) as SoakSample;
  const result: SoakResult = {
    embedder: `offline hashed n-grams (${embeddings.id})`,
    options,
    samples,
    final_rss_mb: final.rss_mb,
    peak_rss_mb: Math.max(...samples.map((s) => s.rss_mb)),
    ok: final.rss_mb < 700,
  };
  printSoak(result);
  return result;
}

function printSoak(r: SoakResult): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const o = r.options;
  out(`\n## Soak: ${o.sessions} sessions × ${o.memoriesPerSession} memories, ${o.rounds} search rounds, LRU ${o.maxOpen} (${r.embedder}; target final RSS < 700 MB)\n`);
  out("| phase | sessions | RSS MB | heap used MB | external MB | open stores |\n|---|---:|---:|---:|---:|---:|");
  for (const s of r.samples) out(`| ${s.phase} | ${s.sessions_touched} | ${s.rss_mb} | ${s.heap_used_mb} | ${s.external_mb} | ${s.open_stores} |`);
  out(`\npeak RSS ${r.peak_rss_mb} MB, final ${r.final_rss_mb} MB: ${r.ok ? "ok" : "OVER TARGET"}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { sessions: { type: "string" }, memories: { type: "string" }, rounds: { type: "string" }, "max-open": { type: "string" } },
  });
  const options: SoakOptions = {
    sessions: Number(values.sessions ?? 1000),
    memoriesPerSession: Number(values.memories ?? 20),
    rounds: Number(values.rounds ?? 3),
    maxOpen: Number(values["max-open"] ?? 64),
  };
  runSoakBench(options, (line) => process.stderr.write(`${line}\n`))
    .then((result) => process.stderr.write(`bench soak: wrote ${saveBenchResult("soak", result)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`bench soak failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
