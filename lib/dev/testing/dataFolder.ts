import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Every file under a data folder with its size, for "nothing was written" checks. SQLite's shared
 * memory files (`-shm`) are left out: readers touch them without writing any data.
 */
export function dataFolderSnapshot(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        out[`${path.relative(dir, full)}/`] = 0;
        walk(full);
      } else if (!entry.name.endsWith("-shm")) out[path.relative(dir, full)] = statSync(full).size;
    }
  };
  walk(dir);
  return out;
}
