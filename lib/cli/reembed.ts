import { loadEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { filesBackend } from "../memory/backend.ts";
import { embeddingsFromEnv, resolveDataDir } from "../memory/embeddingsFromEnv.ts";
import { PostgresMemoryBackend } from "../memory/pgBackend.ts";
import { createPool } from "../postgres/pool.ts";
import { isSessionId } from "../common/sessionIds.ts";
import { parseCommandArgs, type CliIO } from "./args.ts";
import type { CliDeps } from "./migrate.ts";

const USAGE = "usage: quietstories reembed <sessionId> [--data-dir <dir>]\n";

/**
 * `quietstories reembed <sessionId>`: rebuilds the session's vector index with the currently
 * configured embedder (QS_EMBEDDINGS...), e.g. after an EmbedderMismatchError. Documents are
 * kept; only the index and meta.json are replaced (atomically) — or, with QS_DATABASE_URL, the
 * vectors in PostgreSQL (one transaction; every instance then rebuilds its index). Run it while the server is not
 * serving that session. Returns the exit code (0 ok, 1 failure, 2 usage error).
 */
export async function runReembed(args: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  const parsed = parseCommandArgs(args, { "data-dir": { type: "string" } }, USAGE, io, true);
  if (typeof parsed === "number") return parsed;
  const [sessionId, ...extra] = parsed.positionals;
  if (!isSessionId(sessionId) || extra.length > 0) {
    io.stderr.write(`${sessionId === undefined ? "missing session id" : `invalid session id ${JSON.stringify(sessionId)}`}\n${USAGE}`);
    return 2;
  }
  const env = deps.env ?? process.env;
  try {
    const handle = deps.embeddings ?? embeddingsFromEnv(env);
    // With QS_DATABASE_URL the memories live in PostgreSQL (docs/memory.md), else under the data folder.
    const databaseUrl = loadEnv(env).QS_DATABASE_URL;
    const db = databaseUrl ? createPool(databaseUrl, silentLogger, { max: 2, applicationName: "quietstories-reembed" }) : undefined;
    const backend = db ? new PostgresMemoryBackend(db) : filesBackend(resolveDataDir(parsed.values["data-dir"] as string | undefined, env));
    const result = await backend
      .reembed({
        sessionId,
        embeddings: handle.embeddings,
        embedderId: handle.id,
        dimension: handle.dimension,
        onProgress: (done, total) => io.stderr.write(`  ${done}/${total} memories re-embedded\n`),
      })
      .finally(() => db?.end());
    const from = result.previous ? `${result.previous.embedder} (${result.previous.dimension}-d)` : "no recorded embedder";
    io.stdout.write(`${sessionId}\t${result.count} memories re-embedded\t${from} -> ${result.embedder} (${result.dimension}-d)\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}
