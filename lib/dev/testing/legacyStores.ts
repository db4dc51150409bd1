import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";

/** One memory of a legacy store: its text and metadata, as the original system wrote them. */
export interface LegacyFixtureDoc {
  id: string;
  text: string | null;
  metadata: Record<string, string | number | boolean>;
}

/** Every file of a folder with its sha256 (to prove a source folder was never written). */
export function folderChecksums(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, createHash("sha256").update(readFileSync(path.join(dir, f))).digest("hex")]));
}

/** A legacy @langchain/community HNSWLib folder (one shared index; session id in metadata). */
export async function writeHnswlibStore(dir: string, docs: LegacyFixtureDoc[]): Promise<void> {
  const store = await HNSWLib.fromTexts(
    docs.map((d) => d.text ?? ""),
    docs.map((d) => d.metadata),
    new HashedNgramEmbeddings(),
  );
  await store.save(dir);
}

/**
 * A Chroma persist folder built the way Chroma 0.5.6–1.2 leaves it (sysdb migrations 1–9, metadb
 * 1–5, embeddings_queue 1–2; see chroma-core/chroma chromadb/migrations), with only the tables the
 * migration reads. `collections` maps a collection name to its documents.
 */
export function writeChromaStore(dir: string, collections: Record<string, LegacyFixtureDoc[]>, versions = { sysdb: 9, metadb: 5 }): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "chroma.sqlite3");
  const db = new Database(file);
  // Chroma runs with foreign keys off; its segments table references a table "collection" that never existed.
  db.pragma("foreign_keys = OFF");
  db.exec(`
    CREATE TABLE migrations (dir TEXT NOT NULL, version INTEGER NOT NULL, filename TEXT NOT NULL, sql TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (dir, version));
    CREATE TABLE collections (id TEXT PRIMARY KEY, name TEXT NOT NULL, dimension INTEGER, database_id TEXT NOT NULL, config_json_str TEXT, UNIQUE (name, database_id));
    CREATE TABLE segments (id TEXT PRIMARY KEY, type TEXT NOT NULL, scope TEXT NOT NULL, collection TEXT REFERENCES collection(id) NOT NULL);
    CREATE TABLE embeddings (id INTEGER PRIMARY KEY, segment_id TEXT NOT NULL, embedding_id TEXT NOT NULL, seq_id BLOB NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE (segment_id, embedding_id));
    CREATE TABLE embedding_metadata (id INTEGER REFERENCES embeddings(id), key TEXT NOT NULL, string_value TEXT, int_value INTEGER, float_value REAL, bool_value INTEGER, PRIMARY KEY (id, key));
    CREATE TABLE embeddings_queue (seq_id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, operation INTEGER NOT NULL, topic TEXT NOT NULL, id TEXT NOT NULL, vector BLOB, encoding TEXT, metadata TEXT);
  `);
  const migration = db.prepare("INSERT INTO migrations VALUES (?, ?, ?, '', '')");
  for (const [dirName, n] of [["sysdb", versions.sysdb], ["metadb", versions.metadb], ["embeddings_queue", 2]] as const) {
    for (let v = 1; v <= n; v++) migration.run(dirName, v, `0000${v}-x.sqlite.sql`);
  }
  const meta = db.prepare("INSERT INTO embedding_metadata (id, key, string_value, int_value, float_value, bool_value) VALUES (?, ?, ?, ?, ?, ?)");
  let seq = 0;
  Object.entries(collections).forEach(([name, docs], c) => {
    const collectionId = `00000000-0000-4000-8000-00000000000${c}`;
    db.prepare("INSERT INTO collections (id, name, dimension, database_id) VALUES (?, ?, 384, '00000000-0000-0000-0000-000000000000')").run(collectionId, name);
    db.prepare("INSERT INTO segments VALUES (?, 'urn:chroma:segment/vector/hnsw-local-persisted', 'VECTOR', ?)").run(`vec-${c}`, collectionId);
    db.prepare("INSERT INTO segments VALUES (?, 'urn:chroma:segment/metadata/sqlite', 'METADATA', ?)").run(`meta-${c}`, collectionId);
    for (const d of docs) {
      const rowid = Number(db.prepare("INSERT INTO embeddings (segment_id, embedding_id, seq_id) VALUES (?, ?, ?)").run(`meta-${c}`, d.id, Buffer.alloc(8, ++seq)).lastInsertRowid);
      if (d.text !== null) meta.run(rowid, "chroma:document", d.text, null, null, null);
      for (const [key, value] of Object.entries(d.metadata)) {
        if (typeof value === "string") meta.run(rowid, key, value, null, null, null);
        else if (typeof value === "boolean") meta.run(rowid, key, null, null, null, value ? 1 : 0);
        else if (Number.isInteger(value)) meta.run(rowid, key, null, value, null, null);
        else meta.run(rowid, key, null, null, value, null);
      }
    }
  });
  db.close();
  return file;
}
