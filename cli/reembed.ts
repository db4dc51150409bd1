import { parseArgs } from "node:util";
import { embeddingsFromEnv, resolveDataDir } from "../memory/embeddingsFromEnv.ts";
import { reembedSession } from "../memory/reembed.ts";
import { isSessionId } from "../sessions/ids.ts";
import type { CliDeps, CliIO } from "./migrate.ts";

const USAGE = "usage: quietstories reembed <sessionId> [--data-dir <dir>]\n";

/**
 * `quietstories reembed <sessionId>`: rebuilds the session's vector index with the currently
 * configured embedder (QS_EMBEDDINGS...), e.g. after an EmbedderMismatchError. Documents are
 * kept; only the index and meta.json are replaced (atomically). Run it while the server is not
 * serving that session. Returns the exit code (0 ok, 1 failure, 2 usage error).
 */
export async function runReembed(args: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  let parsed: { values: { "data-dir"?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { "data-dir": { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [sessionId, ...extra] = parsed.positionals;
  if (!isSessionId(sessionId) || extra.length > 0) {
    io.stderr.write(`${sessionId === undefined ? "missing session id" : `invalid session id ${JSON.stringify(sessionId)}`}\n${USAGE}`);
    return 2;
  }
  const env = deps.env ?? process.env;
  try {
    const handle = deps.embeddings ?? embeddingsFromEnv(env);
    const result = await reembedSession({
      dataDir: resolveDataDir(parsed.values["data-dir"], env),
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
