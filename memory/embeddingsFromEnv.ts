import path from "node:path";
import { z } from "zod";
import { createEmbeddings, type EmbeddingsHandle } from "./embeddings.ts";

const EnvSchema = z.object({
  QS_EMBEDDINGS: z.enum(["offline", "openai"]).default("offline"),
  QS_EMBEDDING_MODEL: z.string().min(1).optional(),
  QS_EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
});

/**
 * The embedder configured by env: `QS_EMBEDDINGS=offline|openai` (default offline),
 * `QS_EMBEDDING_MODEL`, `QS_EMBEDDING_DIMENSIONS`, `OPENAI_BASE_URL`, `OPENAI_API_KEY`.
 * Empty strings count as unset (a common `.env` artefact).
 */
export function embeddingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddingsHandle {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid embedding configuration: ${reasons}`);
  }
  const e = parsed.data;
  return createEmbeddings({
    provider: e.QS_EMBEDDINGS,
    model: e.QS_EMBEDDING_MODEL,
    baseURL: e.OPENAI_BASE_URL,
    apiKey: e.OPENAI_API_KEY,
    dimensions: e.QS_EMBEDDING_DIMENSIONS,
  });
}

/** The data folder: `--data-dir`, else env `QS_DATA_DIR`, else `./data`; resolved to an absolute path. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag || env.QS_DATA_DIR || "./data");
}
