import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";
import type { OpenStoreOptions } from "../../memory/store.ts";

/** A fresh temporary data dir plus its cleanup, for tests. */
export async function tempDataDir(): Promise<{ dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-memory-test-"));
  return { dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** Store options with the offline embedder, for tests. */
export function offlineStoreOptions(dataDir: string, sessionId: string, extra: Partial<OpenStoreOptions> = {}): OpenStoreOptions {
  const embeddings = new HashedNgramEmbeddings();
  return { dataDir, sessionId, embeddings, embedderId: embeddings.id, dimension: embeddings.dimension, ...extra };
}
