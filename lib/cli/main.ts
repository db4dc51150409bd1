import { runExtract } from "./extract.ts";
import { runImportCard } from "./importCard.ts";
import { runMigrate } from "./migrate.ts";
import { runMigrateToPostgres } from "./migrateToPostgres.ts";
import { runReembed } from "./reembed.ts";

/** `quietstories <command>`: the engine's command-line tools. */
const USAGE = `usage: quietstories <command> [options]

commands:
  extract --entities <cast.json>   relationship extraction: JSON lines in (stdin), JSON lines out
  migrate --from <dir> [--scenario <name|file>] [--map <legacy.json>] [--collection <name>] [--dry-run]
                                   bring a legacy HNSWLib or Chroma store into sessions of this server
  migrate-to-postgres --data-dir <dir> [--database-url postgres://…] [--dry-run]
                                   copy an embedded data folder into PostgreSQL (QS_DATABASE_URL)
  reembed <sessionId> [--data-dir <dir>]
                                   rebuild a session's index with the configured embedder
  import-card <card.png|card.json> [--player "Name"] [--out scenario.json]
                                   a Character Card (V1/V2/V3) as a scenario JSON
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  switch (command) {
    case "extract":
      return runExtract(args, io);
    case "migrate":
      return runMigrate(args, io);
    case "migrate-to-postgres":
      return runMigrateToPostgres(args, io);
    case "reembed":
      return runReembed(args, io);
    case "import-card":
      return runImportCard(args, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}
