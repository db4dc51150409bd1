/**
 * `npm run bench -- pgmemory` (or `npx tsx lib/dev/bench/pgMemory.ts`): memory on PostgreSQL.
 * Loads 1k and 10k memories into one session through instance A, then measures on a COLD instance
 * B (a new MemoryPool, as after a restart or on another machine) the build of the session's hnswlib
 * index from the rows and from a saved snapshot, the first search, an incremental catch-up after A writes a 5-memory turn, and
 * a warm search (one "anything new?" query + the search). Offline embedder; a throwaway local
 * PostgreSQL cluster (fsync off, loopback); writes lib/dev/bench/results/pgmemory.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { newSessionId } from "../../common/sessionIds.ts";
import { silentLogger } from "../../config/logger.ts";
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";
import { HNSW_DEFAULTS } from "../../memory/hnsw.ts";
import { PostgresMemoryBackend } from "../../memory/pgBackend.ts";
import type { PgSessionMemory } from "../../memory/pgStore.ts";
import { MemoryPool } from "../../memory/pool.ts";
import { quantile } from "../../metrics/stats.ts";
import { createPool } from "../../postgres/pool.ts";
import { startTestPostgres } from "../testing/postgres.ts";
import { machineInfo } from "./flows.ts";
import { syntheticMemories } from "./preload.ts";
import { markdownTable } from "./table.ts";

interface SizeResult {
  memories: number;
  /** Writing the memories through instance A, batches of 1,000 (embedding included). */
  loadMs: number;
  /** Cold index build on a new instance: rows read + vectors decoded + hnswlib inserts (median / max of the runs). */
  coldBuildMs: { median: number; max: number; runs: number };
  /** First search on a cold instance: open + build + query embedding + search + documents read (+ saving the snapshot). */
  firstSearchMs: { median: number; max: number };
  /** The same cold build when a snapshot of the index is in the database: load it + catch up. */
  snapshotBuildMs: { median: number; max: number; runs: number };
  snapshotFirstSearchMs: { median: number; max: number };
  /** B's catch-up after A wrote a 5-memory turn (p50 / p95 over the rounds). */
  catchUpMs: { p50: number; p95: number };
  /** A search on a warm instance with nothing new (the one catch-up query included). */
  warmSearchMs: { p50: number; p95: number };
}

const round = (x: number | null, d = 1): number => Number((x ?? NaN).toFixed(d));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

export async function runPgMemoryBench(opts: { sizes?: number[]; outDir?: string | null; log?: (line: string) => void } = {}) {
  const log = opts.log ?? (() => undefined);
  const emb = new HashedNgramEmbeddings();
  const cluster = await startTestPostgres();
  const db = createPool(await cluster.createDatabase(), silentLogger, { max: 8, applicationName: "bench-pgmemory" });
  const instance = () => new MemoryPool({ dataDir: "/unused", embeddings: emb, embedderId: emb.id, dimension: emb.dimension, backend: new PostgresMemoryBackend(db) });
  const sizes: SizeResult[] = [];
  try {
    for (const size of opts.sizes ?? [1000, 10_000]) {
      log(`pgmemory: ${size} memories`);
      const id = newSessionId();
      const a = instance();
      const all = syntheticMemories(Array.from({ length: 20 }, (_, i) => `npc_${i}`), size);
      const loadMs = await time(async () => {
        for (let i = 0; i < all.length; i += 1000) await a.use(id, (s) => s.add(all.slice(i, i + 1000), { turn: 1 }));
      });
      // A cold instance = a new MemoryPool (as after a restart or on another machine).
      const coldRuns = async (fromSnapshot: boolean, runs: number) => {
        const builds: number[] = [];
        const firsts: number[] = [];
        for (let r = 0; r < runs; r++) {
          if (!fromSnapshot) await db.query("DELETE FROM memory_index_snapshots WHERE session_id = $1", [id]);
          const cold = instance();
          firsts.push(await time(() => cold.use(id, (s) => s.search({ query: "the lantern by the river", k: 10 }))));
          const report = await cold.use(id, async (s) => (s as PgSessionMemory).lastBuild);
          if (report?.fromSnapshot !== fromSnapshot) throw new Error(`expected a build ${fromSnapshot ? "from the snapshot" : "from the rows"}`);
          builds.push(report.ms);
          await cold.closeAll();
        }
        const bs = sorted(builds);
        const fs = sorted(firsts);
        return { build: { median: round(quantile(bs, 0.5)), max: round(bs.at(-1)!), runs }, first: { median: round(quantile(fs, 0.5)), max: round(fs.at(-1)!) } };
      };
      const rows = await coldRuns(false, size >= 10_000 ? 2 : 5);
      const snap = await coldRuns(true, size >= 10_000 ? 3 : 5);
      const b = instance();
      await b.use(id, (s) => s.search({ query: "warm up", k: 10 }));
      const catchUps: number[] = [];
      const warm: number[] = [];
      for (let r = 0; r < 20; r++) {
        await a.use(id, (s) => s.add(all.slice(r * 5, r * 5 + 5), { turn: 2 + r }));
        catchUps.push(await time(() => b.use(id, (s) => (s as PgSessionMemory).sync())));
        warm.push(await time(() => b.use(id, (s) => s.search({ query: `the storm over the harbour ${r}`, k: 10 }))));
      }
      await Promise.all([a.closeAll(), b.closeAll()]);
      sizes.push({
        memories: size,
        loadMs: round(loadMs, 0),
        coldBuildMs: rows.build,
        firstSearchMs: rows.first,
        snapshotBuildMs: snap.build,
        snapshotFirstSearchMs: snap.first,
        catchUpMs: { p50: round(quantile(sorted(catchUps), 0.5), 2), p95: round(quantile(sorted(catchUps), 0.95), 2) },
        warmSearchMs: { p50: round(quantile(sorted(warm), 0.5), 2), p95: round(quantile(sorted(warm), 0.95), 2) },
      });
    }
  } finally {
    await db.end();
    await cluster.stop();
  }
  const machine = machineInfo();
  const load = os.loadavg().map((x) => round(x, 1));
  const result = {
    model: "none (engine code only); offline hashed n-gram embedder",
    embedder: `${emb.id}, ${emb.dimension}-d`,
    hnsw: { M: HNSW_DEFAULTS.M, efConstruction: HNSW_DEFAULTS.efConstruction, ef: HNSW_DEFAULTS.ef },
    postgres: "throwaway local PostgreSQL 15 cluster (Debian), loopback TCP, fsync off",
    machine: { ...machine, loadAverageAtEnd: load, note: "a shared 2-core box (other engineers' jobs ran meanwhile): treat figures as upper bounds" },
    date: new Date().toISOString(),
    sizes,
    summary: "",
  };
  result.summary = [
    `Memory on PostgreSQL — ${result.embedder}; hnsw M=${result.hnsw.M} efConstruction=${result.hnsw.efConstruction} ef=${result.hnsw.ef}; ${result.postgres}; node ${machine.node}, ${machine.cpus} CPUs (shared 2-core box, load average ${load.join(" / ")} at the end)`,
    "",
    markdownTable(
      ["memories", "load through A (ms)", "cold build from rows, median / max (ms)", "first search, from rows (ms)", "cold build from snapshot, median / max (ms)", "first search, from snapshot (ms)", "catch-up after a 5-memory turn p50 / p95 (ms)", "warm search p50 / p95 (ms)"],
      sizes.map((s) => [
        s.memories.toLocaleString("en"), String(s.loadMs), `${s.coldBuildMs.median} / ${s.coldBuildMs.max} (${s.coldBuildMs.runs} runs)`,
        `${s.firstSearchMs.median} / ${s.firstSearchMs.max}`, `${s.snapshotBuildMs.median} / ${s.snapshotBuildMs.max} (${s.snapshotBuildMs.runs} runs)`,
        `${s.snapshotFirstSearchMs.median} / ${s.snapshotFirstSearchMs.max}`, `${s.catchUpMs.p50} / ${s.catchUpMs.p95}`, `${s.warmSearchMs.p50} / ${s.warmSearchMs.p95}`,
      ]),
    ),
  ].join("\n");
  const outDir = opts.outDir === undefined ? path.join(path.dirname(fileURLToPath(import.meta.url)), "results") : opts.outDir;
  if (outDir !== null) {
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, "pgmemory.json"), JSON.stringify(result, null, 2) + "\n");
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runPgMemoryBench({ log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${result.summary}\n(JSON in lib/dev/bench/results/pgmemory.json)\n`);
}
