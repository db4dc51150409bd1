import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { FILES, memoryDir } from "./files.ts";

/**
 * Gives a forked session its own copy of the memories written up to `upToTurn` (imports included):
 * a consistent snapshot of the doc table (`VACUUM INTO`, safe while the source is open), the
 * index and its meta. Index entries of the dropped documents are removed by the store's
 * reconcile when the fork's store first opens, so no vector is embedded again.
 */
export async function copyMemoryUpTo(dataDir: string, fromId: string, toId: string, upToTurn: number): Promise<void> {
  const from = memoryDir(dataDir, fromId);
  if (!existsSync(path.join(from, FILES.docs))) return; // the source has no memory yet
  const to = memoryDir(dataDir, toId);
  await mkdir(to, { recursive: true });
  const source = new Database(path.join(from, FILES.docs), { readonly: true, fileMustExist: true });
  try {
    source.prepare("VACUUM INTO ?").run(path.join(to, FILES.docs));
  } finally {
    source.close();
  }
  const copy = new Database(path.join(to, FILES.docs));
  try {
    copy.prepare("DELETE FROM memories WHERE turn > ? AND source_id IS NULL").run(upToTurn);
  } finally {
    copy.close();
  }
  for (const name of [FILES.index, FILES.meta]) {
    if (existsSync(path.join(from, name))) await copyFile(path.join(from, name), path.join(to, name));
  }
}
