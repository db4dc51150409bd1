import Database from "better-sqlite3";

/**
 * Opens (or creates) one of the engine's SQLite files in WAL mode (readers never wait for the
 * writer) and applies its schema, which must be idempotent (`CREATE … IF NOT EXISTS`).
 */
export function openSqlite(file: string, schema: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(schema);
  return db;
}
