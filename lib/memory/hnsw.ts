import hnswlib from "hnswlib-node";
import type { HierarchicalNSW } from "hnswlib-node";
import type { Embeddings } from "@langchain/core/embeddings";
import { atomicReplace } from "./files.ts";

// hnswlib-node is CommonJS: its named ESM import fails at runtime, the default import works.
const { HierarchicalNSW: Hnsw } = hnswlib;

/** An hnswlib index (cosine space). */
export type HnswIndex = HierarchicalNSW;

/** HNSW build/search parameters. */
export interface HnswOptions {
  /** Graph degree (default 16). Fixed once the index is built. */
  M?: number;
  /** Build-time candidate list (default 200). Fixed once the index is built. */
  efConstruction?: number;
  /** Search-time candidate list (default 64); can change on every open. */
  ef?: number;
  /** Capacity of a new index (default 256); doubled whenever it fills up. */
  initialCapacity?: number;
}

/** HnswOptions with defaults applied. */
export type ResolvedHnsw = Required<HnswOptions>;

// Defaults picked with bench/memory.ts: at 10k offline-embedded memories M=16/ef=64 gives
// recall@10 ≥ 0.95 against brute force while keeping search well under a millisecond.
export const HNSW_DEFAULTS: ResolvedHnsw = { M: 16, efConstruction: 200, ef: 64, initialCapacity: 256 };

/** Applies defaults. */
export function resolveHnsw(opts: HnswOptions | undefined): ResolvedHnsw {
  return { ...HNSW_DEFAULTS, ...Object.fromEntries(Object.entries(opts ?? {}).filter(([, v]) => v !== undefined)) };
}

/** A new empty cosine index. A fixed seed keeps builds reproducible (tests, bench). */
export function createIndex(dimension: number, p: ResolvedHnsw, capacity = p.initialCapacity): HnswIndex {
  const index = new Hnsw("cosine", dimension);
  index.initIndex({ maxElements: Math.max(capacity, 16), m: p.M, efConstruction: p.efConstruction, randomSeed: 42 });
  index.setEf(p.ef);
  return index;
}

/**
 * Frees the index's native memory now. hnswlib-node has no dispose and does not report its native
 * allocation to V8, so a dropped index is freed only when the garbage collector happens to run
 * (and with a small JS heap it rarely does: RSS grew by gigabytes over many opened sessions).
 * `initIndex` deletes the native graph before it allocates a new one, here of a single element.
 */
export function releaseIndex(index: HnswIndex): void {
  index.initIndex({ maxElements: 1, m: 2, efConstruction: 2 });
}

/** Reads an index file written by `saveIndex`. */
export async function loadIndex(file: string, dimension: number, ef: number): Promise<HnswIndex> {
  const index = new Hnsw("cosine", dimension);
  await index.readIndex(file);
  if (index.getNumDimensions() !== dimension) throw new Error(`index dimension ${index.getNumDimensions()} ≠ ${dimension}`);
  index.setEf(ef);
  return index;
}

/** Doubles the capacity until `extra` more points fit (deleted points still use slots). */
export function ensureCapacity(index: HnswIndex, extra: number): void {
  const needed = index.getCurrentCount() + extra;
  let max = index.getMaxElements();
  if (needed <= max) return;
  while (max < needed) max *= 2;
  index.resizeIndex(max);
}

/** Writes the index atomically (tmp file, fsync, rename, fsync dir). */
export async function saveIndex(index: HnswIndex, file: string): Promise<void> {
  await atomicReplace(file, async (tmp) => {
    await index.writeIndex(tmp);
  });
}

/** Embeds texts in batches and checks every vector's length. */
export async function embedChecked(embeddings: Embeddings, texts: string[], dimension: number, onBadLength: (got: number) => Error): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += 256) {
    const vectors = await embeddings.embedDocuments(texts.slice(i, i + 256));
    for (const v of vectors) if (v.length !== dimension) throw onBadLength(v.length);
    out.push(...vectors);
  }
  return out;
}
