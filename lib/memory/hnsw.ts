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
  const index = blankIndex(dimension);
  index.initIndex({ maxElements: Math.max(capacity, 16), m: p.M, efConstruction: p.efConstruction, randomSeed: 42 });
  index.setEf(p.ef);
  return index;
}

/**
 * Closed indexes kept for reuse, by dimension. hnswlib-node has no dispose and does not tell V8
 * about its native memory (about 2.6 MB per index even when empty: a table of 65,536 label locks,
 * plus the graph), so a dropped index is freed only when a garbage collection happens to finalize
 * it — with a small JS heap that is rare, and RSS grew by gigabytes over a few hundred sessions.
 * Reusing closed indexes bounds the number of native indexes alive to the open stores + MAX_SPARE.
 */
const spare = new Map<number, HnswIndex[]>();
const MAX_SPARE = 16;

function blankIndex(dimension: number): HnswIndex {
  return spare.get(dimension)?.pop() ?? new Hnsw("cosine", dimension);
}

/**
 * Frees the index's graph now (`initIndex` deletes it before allocating a one-element one) and keeps
 * the index for reuse by the next store that opens. The caller must not touch it afterwards.
 */
export function releaseIndex(index: HnswIndex): void {
  index.initIndex({ maxElements: 1, m: 2, efConstruction: 2 });
  const dimension = index.getNumDimensions();
  const list = spare.get(dimension) ?? [];
  if (list.length < MAX_SPARE) list.push(index);
  spare.set(dimension, list);
}

/** Reads an index file written by `saveIndex`. */
export async function loadIndex(file: string, dimension: number, ef: number): Promise<HnswIndex> {
  const index = blankIndex(dimension);
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
