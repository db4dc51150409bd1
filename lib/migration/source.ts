import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { CHROMA_KNOWN, readChromaFolder, type ChromaReadOptions } from "./chromaSource.ts";
import { readHnswlibFolder } from "./hnswlibSource.ts";
import type { LegacySource } from "./legacyDocs.ts";
import { MigrationSourceError } from "./sourceError.ts";

export interface SourceOptions extends Omit<ChromaReadOptions, "collection"> {
  /** Chroma only; undefined = the default collection. */
  collection?: string;
  defaultCollection: string;
}

/**
 * Reads a legacy store, recognised by its files: `docstore.json` (@langchain/community HNSWLib)
 * or `chroma.sqlite3` (a Chroma persist folder; `--from` may also name the file itself).
 */
export async function readLegacySource(from: string, opts: SourceOptions): Promise<LegacySource> {
  let isDir: boolean;
  try {
    isDir = statSync(from).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MigrationSourceError(code === "ENOENT" ? `cannot read legacy store ${from}: no such file or folder` : `cannot read legacy store ${from}: ${code ?? err}`);
  }
  const chroma = () => readChromaFolder(from, { ...opts, collection: opts.collection ?? opts.defaultCollection });
  if (!isDir) {
    if (from.endsWith(".sqlite3")) return chroma();
    throw new MigrationSourceError(`${from} is a file; pass the legacy folder (HNSWLib: docstore.json, Chroma: chroma.sqlite3)`);
  }
  const hnswlib = existsSync(path.join(from, "docstore.json"));
  const isChroma = existsSync(path.join(from, "chroma.sqlite3"));
  if (hnswlib && isChroma) throw new MigrationSourceError(`${from} holds both docstore.json and chroma.sqlite3; pass --from <folder>/chroma.sqlite3 for the Chroma store`);
  if (isChroma) return chroma();
  if (hnswlib) {
    if (opts.collection !== undefined) throw new MigrationSourceError("--collection applies to Chroma persist folders only; this is an HNSWLib store");
    return readHnswlibFolder(from, opts.sessionKey);
  }
  if (existsSync(path.join(from, "chroma-collections.parquet"))) {
    throw new MigrationSourceError(`${from} is a Chroma persist folder from before 0.4 (DuckDB + Parquet); convert it first (open it once with chromadb 0.4–0.6 via chroma-migrate); this reader knows ${CHROMA_KNOWN.label}`);
  }
  throw new MigrationSourceError(`${from} is neither a legacy HNSWLib store (docstore.json) nor a Chroma persist folder (chroma.sqlite3)`);
}
