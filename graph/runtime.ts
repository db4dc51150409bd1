import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type pg from "pg";
import { loadEnv, type Env } from "../lib/config/env.ts";
import { createLogger, type Logger } from "../lib/config/logger.ts";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { EnrichmentQueue, type EnrichmentStore } from "../lib/enrichment/queue.ts";
import { PostgresEnrichmentQueue } from "../lib/enrichment/pgQueue.ts";
import { createEmbeddings } from "../lib/memory/embeddings.ts";
import { embeddingSettings } from "../lib/memory/embeddingsFromEnv.ts";
import { MemoryPool } from "../lib/memory/pool.ts";
import { PostgresMemoryBackend } from "../lib/memory/pgBackend.ts";
import { createChatModelFactory, type ChatModelFactory } from "../lib/models/factory.ts";
import { assertSessionId } from "../lib/common/sessionIds.ts";

/**
 * What the nodes need besides the state: models, the session's memory and a logger.
 * The server passes its own in `configurable.runtime`; LangGraph Studio runs the exported
 * graph without one, and then a default built from the environment is used.
 */
export interface TurnRuntime {
  env: Env;
  models: ChatModelFactory;
  memory: MemoryPool;
  /** Where turns leave relationships the rules could not settle (drained by the server's worker). */
  enrichment?: EnrichmentStore;
  logger: Logger;
}

/** Shared stores the server opened at start-up; none = the embedded default under the data folder. */
export interface RuntimeStores {
  /** With QS_DATABASE_URL: memory documents and vectors and the enrichment queue live in this database. */
  postgres?: pg.Pool;
  /** false for runs with no worker to drain the enrichment queue (LangGraph Studio). */
  withEnrichment?: boolean;
}

export function createRuntime(env: Env, logger: Logger, { withEnrichment = true, postgres }: RuntimeStores = {}): TurnRuntime {
  const embedder = createEmbeddings(embeddingSettings(env));
  const memory = new MemoryPool({
    backend: postgres ? new PostgresMemoryBackend(postgres) : undefined,
    dataDir: env.QS_DATA_DIR,
    embeddings: embedder.embeddings,
    embedderId: embedder.id,
    dimension: embedder.dimension,
    maxOpen: env.QS_MAX_OPEN_SESSIONS,
    logger,
  });
  mkdirSync(env.QS_DATA_DIR, { recursive: true });
  // On Postgres the queue's table was created with the engine's storage (PostgresEnrichmentQueue.setup).
  const enrichment = !withEnrichment ? undefined : postgres ? new PostgresEnrichmentQueue(postgres) : new EnrichmentQueue(path.join(env.QS_DATA_DIR, "enrichment.sqlite"));
  return { env, models: createChatModelFactory(env), memory, enrichment, logger };
}

let fallback: TurnRuntime | undefined;

const givenRuntime = (config?: LangGraphRunnableConfig) => (config?.configurable as { runtime?: TurnRuntime } | undefined)?.runtime;

/** True for runs that came without the server's runtime: LangGraph Studio's dev server. */
export function isStudioRun(config?: LangGraphRunnableConfig): boolean {
  return givenRuntime(config) === undefined;
}

/**
 * The runtime of a run: the server's, or for LangGraph Studio / SDK runs a default built from the
 * environment on its own data folder (QS_STUDIO_DATA_DIR), so Studio threads never mix with the
 * server's sessions.
 */
export function getRuntime(config?: LangGraphRunnableConfig): TurnRuntime {
  const given = givenRuntime(config);
  if (given) return given;
  if (!fallback) {
    const env = loadEnv();
    fallback = createRuntime({ ...env, QS_DATA_DIR: env.QS_STUDIO_DATA_DIR }, createLogger(env.LOG_LEVEL), { withEnrichment: false });
  }
  return fallback;
}

/** The session a run plays: its thread id (validated, since it names the session's folders). */
export function sessionIdOf(config: LangGraphRunnableConfig): string {
  return assertSessionId((config.configurable as { thread_id?: unknown } | undefined)?.thread_id);
}
