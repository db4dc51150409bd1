import { copyFileSync, existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { legacySessionOf, type LegacyDoc, type LegacyMeta, type LegacySource } from "./legacyDocs.ts";
import { MigrationSourceError } from "./sourceError.ts";

/**
 * Reader for the SQLite layout of a Chroma persist folder (`chroma.sqlite3`), as created by the
 * migrations in chroma-core/chroma (chromadb/migrations and rust/sqlite/migrations):
 *   sysdb  1..10  collections(id, name, …), segments(id, type, scope, collection)
 *   metadb 1..6   embeddings(id, segment_id, embedding_id, seq_id, created_at),
 *                 embedding_metadata(id, key, string_value, int_value, float_value[, bool_value]),
 *                 embedding_metadata_array (metadb 6: one row per list element)
 * That is every Chroma from 0.4.0 (first SQLite layout) to 1.5.x (sysdb 10 arrived in 1.3.0,
 * metadb 6 in 1.5.0). The document text is the metadata row with key `chroma:document`.
 * Chroma before 0.4 (DuckDB + Parquet) and files from a Chroma with newer migrations are refused.
 */
export const CHROMA_KNOWN = { sysdb: 10, metadb: 6, label: "Chroma 0.4.0 – 1.5.x" } as const;

/** The default collection of the original QuietStories: every session's memories, `session_id` in metadata. */
export const DEFAULT_COLLECTION = "entity_memories";
/** `--collection session_*`: the per-session collections (`session_{id}`) of the original system. */
export const PER_SESSION_COLLECTIONS = "session_*";
const SESSION_PREFIX = "session_";
const DOCUMENT_KEY = "chroma:document";

export interface ChromaReadOptions {
  collection: string;
  sessionKey: string;
  /** How long a read waits for another process's lock before giving up (ms). */
  busyTimeoutMs: number;
}

/** The sqlite file of a persist folder (or the file itself when `from` names it). */
export function chromaFile(from: string): string {
  return from.endsWith(".sqlite3") ? from : path.join(from, "chroma.sqlite3");
}

/** True when the file is in WAL mode (header bytes 18/19 = 2): a read-only open would create -shm beside it. */
function isWal(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return header[18] === 2 || header[19] === 2;
}

const LOCK_CODES = /^SQLITE_(BUSY|LOCKED|READONLY_ROLLBACK|READONLY_RECOVERY|READONLY_CANTLOCK)/;

/**
 * Reads the documents of the chosen collection(s). The source is opened read-only; a WAL-mode
 * file is first copied (with its -wal) to a temporary folder, because SQLite would otherwise
 * create a -shm file next to it. Nothing is ever written to the persist folder.
 */
export function readChromaFolder(from: string, opts: ChromaReadOptions): LegacySource {
  const file = chromaFile(from);
  let copyDir: string | undefined;
  let db: Database.Database | undefined;
  try {
    let openFile = file;
    if (isWal(file)) {
      copyDir = mkdtempSync(path.join(os.tmpdir(), "qs-chroma-"));
      openFile = path.join(copyDir, "chroma.sqlite3");
      copyFileSync(file, openFile);
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${openFile}-wal`);
    }
    db = new Database(openFile, { readonly: copyDir === undefined, fileMustExist: true, timeout: opts.busyTimeoutMs });
    const layout = checkLayout(db, from);
    const collections = pickCollections(db, opts.collection, file);
    const docs = collections.flatMap((c) => readCollection(db as Database.Database, c, opts.sessionKey, layout));
    const names = collections.length === 1 ? collections[0].name : `${collections.length} collections ${opts.collection}`;
    return { kind: "chroma", description: `Chroma persist file ${file} (${layout.label}), ${names}`, docs };
  } catch (err) {
    if (err instanceof MigrationSourceError) throw err;
    const code = (err as { code?: string }).code ?? "";
    if (LOCK_CODES.test(code)) {
      throw new MigrationSourceError(
        `${file} is locked by another process or was left in the middle of a write (${code}): stop the application that uses it (or open it once with Chroma) and run again`,
        3,
      );
    }
    throw new MigrationSourceError(`cannot read ${file}: ${(err as Error).message}`);
  } finally {
    db?.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  }
}

interface Layout {
  label: string;
  boolColumn: boolean;
  arrays: boolean;
}

function checkLayout(db: Database.Database, from: string): Layout {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const needed = ["migrations", "collections", "segments", "embeddings", "embedding_metadata"];
  const missing = needed.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    const old = existsSync(path.join(from, "chroma-collections.parquet"));
    throw new MigrationSourceError(
      old
        ? `${from} is a Chroma persist folder from before 0.4 (DuckDB + Parquet); this reader knows the SQLite layout of ${CHROMA_KNOWN.label}: convert it first (open it once with chromadb 0.4–0.6 via chroma-migrate)`
        : `${from}: chroma.sqlite3 lacks the tables ${missing.join(", ")}; it is not a Chroma persist file of ${CHROMA_KNOWN.label}`,
    );
  }
  const versions = new Map(
    (db.prepare("SELECT dir, MAX(version) AS v FROM migrations GROUP BY dir").all() as Array<{ dir: string; v: number }>).map((r) => [r.dir, r.v]),
  );
  const sysdb = versions.get("sysdb") ?? 0;
  const metadb = versions.get("metadb") ?? 0;
  if (sysdb > CHROMA_KNOWN.sysdb || metadb > CHROMA_KNOWN.metadb) {
    throw new MigrationSourceError(
      `${from} was written by a newer Chroma (sysdb migration ${sysdb}, metadb ${metadb}); this reader knows the layout of ${CHROMA_KNOWN.label} (sysdb ≤ ${CHROMA_KNOWN.sysdb}, metadb ≤ ${CHROMA_KNOWN.metadb}). Export the collection with that Chroma version or a newer QuietStories`,
    );
  }
  if (sysdb < 2 || metadb < 1) throw new MigrationSourceError(`${from}: chroma.sqlite3 was never fully initialised (sysdb ${sysdb}, metadb ${metadb})`);
  const columns = new Set((db.prepare("PRAGMA table_info(embedding_metadata)").all() as Array<{ name: string }>).map((c) => c.name));
  return { label: `Chroma layout sysdb ${sysdb}, metadb ${metadb}`, boolColumn: columns.has("bool_value"), arrays: tables.has("embedding_metadata_array") };
}

interface Collection {
  id: string;
  name: string;
}

function pickCollections(db: Database.Database, wanted: string, file: string): Collection[] {
  const all = db.prepare("SELECT id, name FROM collections ORDER BY name").all() as Collection[];
  const chosen = wanted === PER_SESSION_COLLECTIONS ? all.filter((c) => c.name.startsWith(SESSION_PREFIX)) : all.filter((c) => c.name === wanted);
  if (chosen.length > 0) return chosen;
  const names = all.map((c) => c.name);
  const hint = names.some((n) => n.startsWith(SESSION_PREFIX)) && wanted !== PER_SESSION_COLLECTIONS ? `; for the per-session collections pass --collection '${PER_SESSION_COLLECTIONS}'` : "";
  const shown = names.length === 0 ? "none" : names.slice(0, 20).join(", ") + (names.length > 20 ? `, … (${names.length})` : "");
  throw new MigrationSourceError(`${file} has no collection ${JSON.stringify(wanted)}; its collections: ${shown}${hint}`);
}

type Scalar = string | number | boolean | null;

function readCollection(db: Database.Database, c: Collection, sessionKey: string, layout: Layout): LegacyDoc[] {
  const rows = db
    .prepare(
      `SELECT e.id AS id, e.embedding_id AS embedding_id, m.key AS key, m.string_value AS s, m.int_value AS i, m.float_value AS f, ${layout.boolColumn ? "m.bool_value" : "NULL"} AS b
       FROM embeddings e JOIN segments g ON g.id = e.segment_id LEFT JOIN embedding_metadata m ON m.id = e.id
       WHERE g.collection = ? ORDER BY e.id`,
    )
    .all(c.id) as Array<{ id: number; embedding_id: string; key: string | null; s: string | null; i: number | null; f: number | null; b: number | null }>;
  const byId = new Map<number, { embeddingId: string; content: string; meta: LegacyMeta }>();
  for (const r of rows) {
    let doc = byId.get(r.id);
    if (!doc) byId.set(r.id, (doc = { embeddingId: r.embedding_id, content: "", meta: {} }));
    if (r.key === null) continue;
    const value: Scalar = r.s ?? r.i ?? r.f ?? (r.b === null ? null : r.b === 1);
    if (r.key === DOCUMENT_KEY) doc.content = typeof value === "string" ? value : "";
    else doc.meta[r.key] = value;
  }
  if (layout.arrays) {
    const arrays = db
      .prepare(
        `SELECT a.id AS id, a.key AS key, a.string_value AS s, a.int_value AS i, a.float_value AS f, a.bool_value AS b
         FROM embedding_metadata_array a JOIN embeddings e ON e.id = a.id JOIN segments g ON g.id = e.segment_id WHERE g.collection = ? ORDER BY a.rowid`,
      )
      .all(c.id) as Array<{ id: number; key: string; s: string | null; i: number | null; f: number | null; b: number | null }>;
    for (const r of arrays) {
      const doc = byId.get(r.id);
      if (!doc) continue;
      const list = Array.isArray(doc.meta[r.key]) ? (doc.meta[r.key] as Scalar[]) : (doc.meta[r.key] = []);
      (list as Scalar[]).push(r.s ?? r.i ?? r.f ?? (r.b === null ? null : r.b === 1));
    }
  }
  const fromName = c.name.startsWith(SESSION_PREFIX) ? c.name.slice(SESSION_PREFIX.length) : undefined;
  return [...byId.values()].map((d) => ({
    key: `${c.name}/${d.embeddingId}`,
    content: d.content,
    metadata: d.meta,
    legacySession: legacySessionOf(d.meta[sessionKey]) ?? legacySessionOf(fromName),
  }));
}
