import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { DocStore } from "./docs.ts";
import type { OpenStoreOptions } from "./store.ts";
import { FILES, fsyncPath, memoryDir, readMeta, writeMeta } from "./files.ts";
import { createIndex, embedChecked, ensureCapacity, resolveHnsw, saveIndex } from "./hnsw.ts";

/** What to rebuild, and with which embedder. */
export interface ReembedOptions extends Omit<OpenStoreOptions, "logger"> {
  /** Called after each batch with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Result of a rebuild. */
export interface ReembedResult {
  count: number;
  previous: { embedder: string; dimension: number } | undefined;
  embedder: string;
  dimension: number;
}

/**
 * Rebuilds a session's index from its documents with the given embedder. The session must not be
 * open in another process (stop the server, or run it with the same embedder configuration).
 *
 * Crash safety: meta.json is removed first, then the new index is atomically put in place, then
 * the new meta.json. An interrupted run therefore leaves either the old consistent pair or no
 * meta.json at all, and `SessionMemoryStore.open` never trusts an index without meta: it rebuilds
 * it from the documents.
 */
export async function reembedSession(opts: ReembedOptions): Promise<ReembedResult> {
  const dir = memoryDir(opts.dataDir, opts.sessionId);
  const docsFile = path.join(dir, FILES.docs);
  if (!existsSync(docsFile)) throw new Error(`session ${opts.sessionId} has no memory at ${dir}`);
  const previous = await readMeta(dir);
  const params = resolveHnsw(opts.hnsw);
  const docs = new DocStore(docsFile);
  try {
    const total = docs.count();
    const dimension = opts.dimension ?? (await opts.embeddings.embedQuery("dimension probe")).length;
    let capacity = params.initialCapacity;
    while (capacity < total) capacity *= 2;
    const index = createIndex(dimension, params, capacity);
    let done = 0;
    for (const page of docs.allInPages(256)) {
      const vectors = await embedChecked(opts.embeddings, page.map((d) => d.content), dimension, (got) => new Error(`embedder returned ${got}-d vectors, expected ${dimension}`));
      ensureCapacity(index, page.length);
      page.forEach((d, i) => index.addPoint(vectors[i], d.label));
      done += page.length;
      opts.onProgress?.(done, total);
    }
    await rm(path.join(dir, FILES.meta), { force: true });
    await fsyncPath(dir, "r");
    await saveIndex(index, path.join(dir, FILES.index));
    await writeMeta(dir, { embedder: opts.embedderId, dimension, space: "cosine", M: params.M, efConstruction: params.efConstruction, count: done, version: 1 });
    return { count: done, previous: previous && { embedder: previous.embedder, dimension: previous.dimension }, embedder: opts.embedderId, dimension };
  } finally {
    docs.close();
  }
}

