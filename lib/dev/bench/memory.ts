import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";
import { memoryDir } from "../../memory/files.ts";
import { HNSW_DEFAULTS } from "../../memory/hnsw.ts";
import { MemoryPool } from "../../memory/pool.ts";
import { SessionMemoryStore } from "../../memory/store.ts";
import { quantile } from "../../metrics/stats.ts";
import { syntheticMemoryMaker } from "./preload.ts";
import { newSessionId } from "../../common/sessionIds.ts";

/** Options of the memory micro-benchmark. */
export interface MemoryBenchOptions {
  /** Memories in one session to measure at (default [1000, 10000]). */
  sizes?: number[];
  /** Where to write memory.json (default dev/bench/results); null = don't write. */
  outDir?: string | null;
  /** Sessions opened at once for the RSS measurement (default 100). */
  sessions?: number;
}

/** p50/p95 in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
}

/** Measurements at one session size. */
export interface SizeResult {
  memories: number;
  /** One add of a 5-memory turn batch at this size (embedding + SQLite + atomic index save). */
  addMs: Percentiles;
  /** One search, k=10, query embedding included. */
  searchMs: Percentiles;
  /** Same with an entity filter (1 of 20 entities). */
  filteredSearchMs: Percentiles;
  recallAt10: number;
  /** Recall@10 of entity-filtered searches vs brute force over that entity's memories. */
  filteredRecallAt10: number;
  indexBytes: number;
  docsBytes: number;
  openMs: number;
}

/** Everything the bench measured. */
export interface MemoryBenchResult {
  embedder: string;
  dimension: number;
  hnsw: { M: number; efConstruction: number; ef: number };
  sizes: SizeResult[];
  manySessions: { sessions: number; memoriesEach: number; rssDeltaMB: number; openMs: number };
  node: string;
  cpus: number;
  date: string;
}

const ENTITIES = Array.from({ length: 20 }, (_, i) => `npc_${i}`);

function percentiles(xs: number[]): Percentiles {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5) ?? 0), p95: round(quantile(sorted, 0.95) ?? 0) };
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function dirBytes(dir: string, name: string): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir)) if (f.startsWith(name)) total += (await stat(path.join(dir, f))).size;
  return total;
}

async function measureSize(dataDir: string, size: number, emb: HashedNgramEmbeddings): Promise<SizeResult> {
  const sessionId = newSessionId();
  const opts = { dataDir, sessionId, embeddings: emb, embedderId: emb.id };
  const store = await SessionMemoryStore.open(opts);
  const make = syntheticMemoryMaker(ENTITIES, size);
  const addSamples = 40;
  const bulk = size - addSamples * 5;
  // Fill in large batches (one index save each), then time realistic 5-memory turn batches.
  for (let i = 0; i < bulk; i += 1000) {
    const n = Math.min(1000, bulk - i);
    await store.add(Array.from({ length: n }, (_, j) => make(i + j)), { turn: Math.floor(i / 5) });
  }
  const addTimes: number[] = [];
  for (let t = 0; t < addSamples; t++) {
    const batch = Array.from({ length: 5 }, (_, j) => make(bulk + t * 5 + j));
    const t0 = performance.now();
    await store.add(batch, { turn: 10_000 + t });
    addTimes.push(performance.now() - t0);
  }

  // Exact cosine over the very same vectors (the embedder is deterministic) for recall@10.
  const all = store.list({ limit: 1 }).total;
  const labels: number[] = [];
  const texts: string[] = [];
  const owners: string[] = [];
  const d = memoryDir(dataDir, sessionId);
  for (let offset = 0; offset < all; offset += 200) {
    for (const m of store.list({ limit: 200, offset }).items) {
      labels.push(m.label);
      texts.push(m.content);
      owners.push(m.entity_id);
    }
  }
  const vectors = await emb.embedDocuments(texts);
  const queries = Array.from({ length: 200 }, (_, i) => make(1_000_000 + i).content.replace(/\(note \d+\)/, ""));
  const searchTimes: number[] = [];
  const filteredTimes: number[] = [];
  let found = 0;
  let foundFiltered = 0;
  // Count a hit as correct if its score reaches the 10th exact score (ties are interchangeable).
  const recallOf = (hits: Array<{ score: number }>, exact: number[]): number => {
    const kth = exact.sort((a, b) => b - a)[Math.min(9, exact.length - 1)] - 1e-5;
    return hits.filter((h) => h.score >= kth).length;
  };
  for (const [qi, query] of queries.entries()) {
    const entity = ENTITIES[qi % ENTITIES.length];
    const t0 = performance.now();
    const hits = await store.search({ query, k: 10 });
    searchTimes.push(performance.now() - t0);
    const t1 = performance.now();
    const filtered = await store.search({ query, k: 10, entity_id: entity });
    filteredTimes.push(performance.now() - t1);
    const q = emb.embedSync(query);
    const scores = vectors.map((v) => v.reduce((acc, x, j) => acc + x * q[j], 0));
    found += recallOf(hits, [...scores]);
    foundFiltered += recallOf(filtered, scores.filter((_, i) => owners[i] === entity));
  }
  await store.close();
  const t0 = performance.now();
  const reopened = await SessionMemoryStore.open(opts);
  const openMs = performance.now() - t0;
  await reopened.close();
  return {
    memories: size,
    addMs: percentiles(addTimes),
    searchMs: percentiles(searchTimes),
    filteredSearchMs: percentiles(filteredTimes),
    recallAt10: round(found / (queries.length * 10), 4),
    filteredRecallAt10: round(foundFiltered / (queries.length * 10), 4),
    indexBytes: await dirBytes(d, "index.hnsw"),
    docsBytes: await dirBytes(d, "docs.sqlite"),
    openMs: round(openMs, 1),
  };
}

async function measureManySessions(dataDir: string, sessions: number, emb: HashedNgramEmbeddings): Promise<MemoryBenchResult["manySessions"]> {
  const ids = Array.from({ length: sessions }, () => newSessionId());
  const make = syntheticMemoryMaker(ENTITIES, 7);
  // Create the sessions with a throwaway pool first, so the measurement is "open and hold".
  const setup = new MemoryPool({ dataDir, embeddings: emb, embedderId: emb.id, maxOpen: 4 });
  for (const id of ids) await setup.use(id, (s) => s.add(Array.from({ length: 50 }, (_, i) => make(i)), { turn: 1 }));
  await setup.closeAll();
  global.gc?.();
  const before = process.memoryUsage().rss;
  const pool = new MemoryPool({ dataDir, embeddings: emb, embedderId: emb.id, maxOpen: sessions });
  const t0 = performance.now();
  for (const id of ids) await pool.get(id);
  const openMs = performance.now() - t0;
  global.gc?.();
  const rssDeltaMB = (process.memoryUsage().rss - before) / 2 ** 20;
  await pool.closeAll();
  return { sessions, memoriesEach: 50, rssDeltaMB: round(rssDeltaMB, 1), openMs: round(openMs, 1) };
}

/** Runs the memory micro-benchmark (offline hashed n-gram embedder) and optionally writes JSON. */
export async function runMemoryBench(opts: MemoryBenchOptions = {}): Promise<MemoryBenchResult> {
  const emb = new HashedNgramEmbeddings();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-membench-"));
  try {
    const sizes: SizeResult[] = [];
    for (const size of opts.sizes ?? [1000, 10_000]) sizes.push(await measureSize(dataDir, size, emb));
    const result: MemoryBenchResult = {
      embedder: `offline hashed n-gram embedder (${emb.id}, ${emb.dimension}-d)`,
      dimension: emb.dimension,
      hnsw: { M: HNSW_DEFAULTS.M, efConstruction: HNSW_DEFAULTS.efConstruction, ef: HNSW_DEFAULTS.ef },
      sizes,
      manySessions: await measureManySessions(dataDir, opts.sessions ?? 100, emb),
      node: process.version,
      cpus: os.cpus().length,
      date: new Date().toISOString(),
    };
    const outDir = opts.outDir === undefined ? path.join(path.dirname(fileURLToPath(import.meta.url)), "results") : opts.outDir;
    if (outDir !== null) {
      await mkdir(outDir, { recursive: true });
      await writeFile(path.join(outDir, "memory.json"), JSON.stringify(result, null, 2) + "\n");
    }
    return result;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function printTable(r: MemoryBenchResult): void {
  const out: string[] = [];
  out.push(`Memory bench — ${r.embedder}; hnsw M=${r.hnsw.M} efConstruction=${r.hnsw.efConstruction} ef=${r.hnsw.ef}; node ${r.node}, ${r.cpus} CPUs`);
  out.push("memories | add(5) p50/p95 ms | search p50/p95 ms | filtered p50/p95 ms | recall@10 (filtered) | index MB | docs MB | open ms");
  for (const s of r.sizes) {
    out.push(
      [s.memories, `${s.addMs.p50} / ${s.addMs.p95}`, `${s.searchMs.p50} / ${s.searchMs.p95}`, `${s.filteredSearchMs.p50} / ${s.filteredSearchMs.p95}`,
        `${s.recallAt10} (${s.filteredRecallAt10})`, (s.indexBytes / 2 ** 20).toFixed(2), (s.docsBytes / 2 ** 20).toFixed(2), s.openMs].join(" | "),
    );
  }
  const m = r.manySessions;
  out.push(`${m.sessions} sessions × ${m.memoriesEach} memories open: RSS +${m.rssDeltaMB} MB, opened in ${m.openMs} ms`);
  process.stdout.write(out.join("\n") + "\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const result = await runMemoryBench();
  printTable(result);
  process.stdout.write(`(took ${((performance.now() - t0) / 1000).toFixed(1)} s; JSON in dev/bench/results/memory.json)\n`);
}
