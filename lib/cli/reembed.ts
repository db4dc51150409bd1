import { embeddingsFromEnv, resolveDataDir } from "../memory/embeddingsFromEnv.ts";
import { reembedSession } from "../memory/reembed.ts";
import { isSessionId } from "../common/sessionIds.ts";
import { parseCommandArgs, type CliIO } from "./args.ts";
import type { CliDeps } from "./migrate.ts";

const USAGE = "usage: quietstories reembed <sessionId> [--data-dir <dir>]\n";

/**
 * `quietstories reembed <sessionId>`: rebuilds the session's vector index with the currently
 * configured embedder (QS_EMBEDDINGS...), e.g. after an EmbedderMismatchError. Documents are
 * kept; only the index and meta.json are replaced (atomically). Run it while the server is not
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
    const result = await reembedSession({
      dataDir: resolveDataDir(parsed.values["data-dir"] as string | undefined, env),
      sessionId,
      embeddings: handle.embeddings,
      embedderId: handle.id,
      dimension: handle.dimension,
      onProgress: (done, total) => io.stderr.write(`  ${done}/${total} memories re-embedded\n`),
    });
    const from = result.previous ? `${result.previous.embedder} (${result.previous.dimension}-d)` : "no recorded embedder";
    io.stdout.write(`${sessionId}\t${result.count} memories re-embedded\t${from} -> ${result.embedder} (${result.dimension}-d)\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}
