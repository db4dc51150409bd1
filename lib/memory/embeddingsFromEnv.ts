import path from "node:path";
import { EnvError, loadEnv, type Env } from "../config/env.ts";
import { createEmbeddings, type EmbeddingSettings, type EmbeddingsHandle } from "./embeddings.ts";

/** The embedder settings of a validated environment (the server and the CLIs read the same ones). */
export function embeddingSettings(env: Env): EmbeddingSettings {
  return {
    provider: env.QS_EMBEDDINGS,
    model: env.QS_EMBEDDING_MODEL,
    baseURL: env.OPENAI_BASE_URL,
    apiKey: env.OPENAI_API_KEY,
    dimensions: env.QS_EMBEDDING_DIMENSIONS,
  };
}

/**
 * The embedder configured by env (`QS_EMBEDDINGS=offline|openai`, `QS_EMBEDDING_MODEL`,
 * `QS_EMBEDDING_DIMENSIONS`, `OPENAI_BASE_URL`, `OPENAI_API_KEY`), validated by `loadEnv`.
 */
export function embeddingsFromEnv(source: NodeJS.ProcessEnv = process.env): EmbeddingsHandle {
  try {
    return createEmbeddings(embeddingSettings(loadEnv(source)));
  } catch (error) {
    if (error instanceof EnvError) throw new Error(`invalid embedding configuration: ${error.problems.join("; ")}`);
    throw error;
  }
}

/** The data folder: `--data-dir`, else env `QS_DATA_DIR`, else `./data`; resolved to an absolute path. */
export function resolveDataDir(flag: string | undefined, source: NodeJS.ProcessEnv = process.env): string {
  return flag ? path.resolve(flag) : loadEnv(source).QS_DATA_DIR;
}
