import { open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { sessionDir } from "../common/sessionIds.ts";

/** File names inside `<dataDir>/sessions/<id>/memory/`. */
export const FILES = {
  docs: "docs.sqlite",
  index: "index.hnsw",
  meta: "meta.json",
} as const;

/** The memory folder of one session; built only through `sessionDir`, which validates the id. */
export function memoryDir(dataDir: string, sessionId: string): string {
  return path.join(sessionDir(dataDir, sessionId), "memory");
}

/** What meta.json records about the index, checked on every open. */
export const IndexMetaSchema = z.object({
  embedder: z.string(),
  dimension: z.number().int().positive(),
  space: z.literal("cosine"),
  M: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  version: z.literal(1),
});
export type IndexMeta = z.infer<typeof IndexMetaSchema>;

/** Flushes a file (or, with flags "r", a directory entry) to disk. */
export async function fsyncPath(p: string, flags: string): Promise<void> {
  const fh = await open(p, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Replaces `file` atomically: `write` fills `<file>.tmp`, which is fsynced, renamed over `file`,
 * and then the directory is fsynced so the rename itself is durable. Readers (and a process that
 * crashes half-way) therefore see either the old or the new file, never a torn one.
 */
export async function atomicReplace(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await write(tmp);
    await fsyncPath(tmp, "r+");
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncPath(path.dirname(file), "r");
}

/** Writes meta.json atomically. */
export async function writeMeta(dir: string, meta: IndexMeta): Promise<void> {
  await atomicReplace(path.join(dir, FILES.meta), (tmp) => writeFile(tmp, JSON.stringify(meta, null, 2) + "\n"));
}

/** Reads meta.json, or undefined if the store is new. A corrupt file throws (never guess). */
export async function readMeta(dir: string): Promise<IndexMeta | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, FILES.meta), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  return IndexMetaSchema.parse(JSON.parse(text));
}

/** Removes `.tmp` files left by a crash during an atomic replace; the real files are intact. */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  for (const name of [FILES.index, FILES.meta]) {
    const tmp = path.join(dir, `${name}.tmp`);
    try {
      await rm(tmp);
      removed++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  return removed;
}
