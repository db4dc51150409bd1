import { existsSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { DocStore } from "./docs.ts";
import { FILES, memoryDir, readMeta } from "./files.ts";
import { loadIndex, releaseIndex, HNSW_DEFAULTS } from "./hnsw.ts";
import { insertDocs } from "./pgDocs.ts";
import { inTransaction, setupMemorySchema } from "./pgSchema.ts";

/** What copying one session's memory did. */
export type CopyOutcome = { copied: number } | "no memory" | "already in the database";

/**
 * Copies one session's memory from the data folder into PostgreSQL, for the move from the embedded
 * default to QS_DATABASE_URL: documents with their labels, and the vectors read back from the
 * session's index (nothing is embedded again). Idempotent: a session whose memory row already exists
 * in the database is left alone. Run it while no server serves the session.
 */
export async function copyMemoryToPostgres(dataDir: string, sessionId: string, db: pg.Pool): Promise<CopyOutcome> {
  const dir = memoryDir(dataDir, sessionId);
  const meta = await readMeta(dir);
  if (!meta || !existsSync(path.join(dir, FILES.docs)) || !existsSync(path.join(dir, FILES.index))) return "no memory";
  await setupMemorySchema(db);
  const docs = new DocStore(path.join(dir, FILES.docs));
  const index = await loadIndex(path.join(dir, FILES.index), meta.dimension, HNSW_DEFAULTS.ef);
  try {
    return await inTransaction(db, async (client) => {
      const created = await client.query("INSERT INTO memory_sessions (session_id, embedder, dimension) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING", [
        sessionId, meta.embedder, meta.dimension,
      ]);
      if (created.rowCount === 0) return "already in the database";
      let copied = 0;
      for (const page of docs.allInPages(500)) {
        // Labels are kept (memories cite ids, the index labels); later ones continue after the largest.
        const labelled = await insertDocs(client, sessionId, page.map(({ label: _label, ...doc }) => doc), page.map((d) => index.getPoint(d.label)), page.map((d) => d.label));
        copied += labelled.length;
      }
      return { copied };
    });
  } finally {
    docs.close();
    releaseIndex(index);
  }
}
