import { loadEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { resolveDataDir } from "../memory/embeddingsFromEnv.ts";
import { copyDataFolderToPostgres } from "../sessions/copyToPostgres.ts";
import { parseCommandArgs, type CliIO } from "./args.ts";

const USAGE = "usage: quietstories migrate-to-postgres --data-dir <dir> [--database-url postgres://…] [--dry-run]\n";

/**
 * `quietstories migrate-to-postgres`: copies an embedded data folder into the PostgreSQL database
 * of QS_DATABASE_URL (or --database-url), session by session (docs/scaling.md). Prints a JSON
 * summary; exit code 0 when every session was copied or skipped, 1 when one failed (run it again:
 * a failed session is not listed in the database and is copied again), 2 on a usage error.
 */
export async function runMigrateToPostgres(args: string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseCommandArgs(args, { "data-dir": { type: "string" }, "database-url": { type: "string" }, "dry-run": { type: "boolean" } }, USAGE, io);
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  try {
    const url = (values["database-url"] as string | undefined) ?? loadEnv(env).QS_DATABASE_URL;
    if (!url || !/^postgres(ql)?:\/\//.test(url)) {
      io.stderr.write(`${url ? "--database-url must be a postgres:// URL" : "no database: pass --database-url or set QS_DATABASE_URL"}\n${USAGE}`);
      return 2;
    }
    const dataDir = resolveDataDir(values["data-dir"] as string | undefined, env);
    const report = await copyDataFolderToPostgres(dataDir, url, silentLogger, { dryRun: values["dry-run"] === true });
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.failed.length > 0 ? 1 : 0;
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}
