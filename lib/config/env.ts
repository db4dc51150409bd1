import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the engine reads, validated once at start-up.
 * A bad value stops the process with one line per problem instead of failing mid-turn.
 */
const flag = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");
const list = z.string().transform((v) => v.split(",").map((x) => x.trim()).filter(Boolean));

const EnvSchema = z
  .object({
    QS_DATA_DIR: z.string().min(1).default("./data"),
    /**
     * postgres://… switches every shared store (checkpoints, session index, memories, enrichment queue,
     * locks) to PostgreSQL so several instances serve the same sessions; unset = the embedded default.
     */
    QS_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
      .optional(),
    /** Where LangGraph Studio / SDK threads keep their memories: apart from the server's sessions. */
    QS_STUDIO_DATA_DIR: z.string().min(1).default("./data-studio"),
    /** Port of `npm run studio` (the LangGraph dev server); unset = 2025 if free, else any free port. */
    STUDIO_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    QS_MODEL_PROVIDER: z.enum(["offline", "openai"]).default("offline"),
    QS_MODEL: z.string().min(1).optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.url().optional(),
    QS_MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
    /** A whole turn is abandoned (nothing saved) after this long; covers streams that stall mid-way. */
    QS_TURN_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
    QS_OFFLINE_TOKEN_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(4),
    QS_EMBEDDINGS: z.enum(["offline", "openai"]).default("offline"),
    QS_EMBEDDING_MODEL: z.string().min(1).optional(),
    QS_EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
    QS_ENRICH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
    QS_ENRICH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    QS_ENRICH_BACKOFF_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
    QS_MAX_OPEN_SESSIONS: z.coerce.number().int().min(1).max(10_000).default(64),
    /** max_tokens of the narrate call: 80–200 words of prose plus a batch of write calls (reasoning models need more). */
    QS_NARRATE_MAX_TOKENS: z.coerce.number().int().min(64).max(32_768).default(800),
    /** max_tokens of the confirm call: one sentence, or one round of corrected writes. */
    QS_CONFIRM_MAX_TOKENS: z.coerce.number().int().min(32).max(32_768).default(300),
    /**
     * How reasoning without an opening <think> is handled: "auto" learns it per model (the first bare
     * </think> a model sends); "closing" withholds text until </think> from the first turn (for models
     * whose chat template opens the block, e.g. DeepSeek-R1, Qwen3 served without a reasoning parser).
     */
    QS_REASONING_TAGS: z.enum(["auto", "closing"]).default("auto"),
    // ---- security (docs/security.md) ----
    /** API keys as "name:key" pairs, comma-separated; keys are hashed at start-up. Unset (and no file) = keys off. */
    QS_API_KEYS: z.string().optional(),
    /** A JSON file of hashed keys: {"keys": [{"name", "sha256", "admin"?}]}. */
    QS_API_KEYS_FILE: z.string().min(1).optional(),
    /** A key that sees and may act on every session (named "admin"). */
    QS_ADMIN_KEY: z.string().optional(),
    /** Lets the server listen on a non-loopback HOST without keys (anyone who reaches it can play). */
    QS_ALLOW_PUBLIC_WITHOUT_KEYS: flag.default(false),
    /** Host names (optionally name:port) the server answers to; "*" = any. Default: the loopback names when HOST is loopback. */
    QS_ALLOWED_HOSTS: list.optional(),
    /** Origins that may call the API from another site's page (CORS); unset = none. */
    QS_CORS_ORIGINS: list.optional(),
    /** Express "trust proxy" hops: set to 1 behind one reverse proxy so limits count real client addresses. */
    QS_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Rate limits per key (per client address without keys); 0 turns a limit off. */
    QS_RATE_REQUESTS_PER_MIN: z.coerce.number().int().min(0).default(600),
    QS_RATE_TURNS_PER_MIN: z.coerce.number().int().min(0).default(30),
    QS_RATE_SESSIONS_PER_HOUR: z.coerce.number().int().min(0).default(60),
    /** Quotas: stories one key keeps (all keyless stories together), memories one story holds; 0 = off. */
    QS_MAX_SESSIONS_PER_KEY: z.coerce.number().int().min(0).default(500),
    QS_MAX_MEMORIES_PER_SESSION: z.coerce.number().int().min(0).default(5000),
    /** Committed turns kept as checkpoints (rewind, regenerate, fork and Studio time travel reach this far back). */
    QS_CHECKPOINT_RETENTION: z.coerce.number().int().min(1).max(100_000).default(20),
    /** Tests only: the process kills itself (SIGKILL) at this point of a rewind or fork, to prove crash consistency. */
    QS_TEST_CRASH_POINT: z.enum(["rewind:committed", "fork:copied", "fork:listed"]).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.QS_MODEL_PROVIDER === "openai" && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["OPENAI_API_KEY"],
        message:
          "QS_MODEL_PROVIDER=openai needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (Ollama, vLLM, LM Studio; the key may then be any text)",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses and validates the environment; throws EnvError listing every problem. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty values count as unset (a common .env artefact).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  return { ...result.data, QS_DATA_DIR: path.resolve(result.data.QS_DATA_DIR), QS_STUDIO_DATA_DIR: path.resolve(result.data.QS_STUDIO_DATA_DIR) };
}

/** The model name in use: QS_MODEL, else a sensible default per provider. */
export function modelName(env: Env): string {
  if (env.QS_MODEL) return env.QS_MODEL;
  return env.QS_MODEL_PROVIDER === "openai" ? "gpt-4o-mini" : OFFLINE_MODEL_ID;
}

/** How the offline model is named everywhere: it is a deterministic stand-in, not an LLM. */
export const OFFLINE_MODEL_ID = "offline-storyteller";
export const OFFLINE_MODEL_LABEL = "offline storyteller (deterministic, not an LLM)";
