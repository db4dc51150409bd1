import path from "node:path";
import Database from "better-sqlite3";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type pg from "pg";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { PostgresEnrichmentQueue } from "../enrichment/pgQueue.ts";
import { AdvisoryLocks } from "../postgres/advisoryLocks.ts";
import { createPool, withSetupLock } from "../postgres/pool.ts";
import { PostgresRateCounters, type RateCounters } from "../postgres/rateCounters.ts";
import { SqliteCheckpointFiles, type CheckpointFiles } from "./checkpointFiles.ts";
import { PostgresCheckpointFiles } from "./pgCheckpointFiles.ts";
import { PostgresSessionIndex } from "./pgSessionIndex.ts";
import { PostgresTranscript } from "./pgTranscript.ts";
import { TranscriptStore, type Transcript } from "./transcript.ts";
import { SqliteSessionIndex, type SessionIndex } from "./sessionIndex.ts";

/**
 * Where the engine keeps what every instance must share, chosen once at start-up: the data
 * folder's SQLite files (the default), or PostgreSQL when QS_DATABASE_URL is set.
 */
export interface EngineStorage {
  backend: "sqlite" | "postgres";
  saver: BaseCheckpointSaver;
  index: SessionIndex;
  checkpointFiles: CheckpointFiles;
  transcript: Transcript;
  /** Cross-instance session locks (Postgres only; the in-process locks suffice for one instance). */
  clusterLocks?: AdvisoryLocks;
  /** The data pool, handed to the runtime's stores (memory documents and embeddings). */
  postgres?: pg.Pool;
  /** Rate-limit counters every instance shares (Postgres only; one instance counts in memory). */
  rateCounters?: RateCounters;
  close(): Promise<void>;
}

export async function openStorage(env: Env, logger: Logger): Promise<EngineStorage> {
  if (env.QS_DATABASE_URL) return openPostgres(env.QS_DATABASE_URL, logger);
  const db = new Database(path.join(env.QS_DATA_DIR, "checkpoints.sqlite"));
  const index = new SqliteSessionIndex(path.join(env.QS_DATA_DIR, "sessions.sqlite"));
  const transcript = new TranscriptStore(path.join(env.QS_DATA_DIR, "transcript.sqlite"));
  return {
    backend: "sqlite",
    saver: new SqliteSaver(db),
    index,
    checkpointFiles: new SqliteCheckpointFiles(db),
    transcript,
    async close() {
      await transcript.close();
      await index.close();
      db.close();
    },
  };
}

/** Connections per instance: the data pool serves checkpoints, the index and memory; locks have their own. */
const DATA_POOL_MAX = 10;
/** One connection per session whose turn (or delete, rewind, enrichment write) runs on this instance. */
const LOCK_POOL_MAX = 50;

async function openPostgres(url: string, logger: Logger): Promise<EngineStorage> {
  const data = createPool(url, logger, { max: DATA_POOL_MAX, applicationName: "quietstories-data" });
  const locks = createPool(url, logger, { max: LOCK_POOL_MAX, applicationName: "quietstories-locks" });
  try {
    const saver = new PostgresSaver(data);
    // Several instances starting on a fresh database would race on CREATE TABLE (23505).
    await withSetupLock(data, () => saver.setup());
    const index = await PostgresSessionIndex.open(data);
    await PostgresEnrichmentQueue.setup(data);
    const transcript = await PostgresTranscript.open(data);
    const rateCounters = await PostgresRateCounters.open(data);
    logger.info({ backend: "postgres" }, "storage: PostgreSQL (checkpoints, session index, transcript, session locks, enrichment queue, rate limits)");
    return {
      backend: "postgres",
      saver,
      index,
      checkpointFiles: new PostgresCheckpointFiles(data),
      transcript,
      clusterLocks: new AdvisoryLocks(locks, logger),
      postgres: data,
      rateCounters,
      async close() {
        await locks.end();
        await data.end();
      },
    };
  } catch (error) {
    await Promise.allSettled([data.end(), locks.end()]);
    throw error;
  }
}
