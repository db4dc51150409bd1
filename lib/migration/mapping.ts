import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { isSessionId } from "../common/sessionIds.ts";
import { atomicReplace } from "../memory/files.ts";

/** One legacy session and the session of this server its memories went to. */
const EntrySchema = z.object({
  session_id: z.string().refine(isSessionId, "not a session id of this server"),
  /** created: by `migrate --scenario`; attached: named by `--map`. */
  origin: z.enum(["created", "attached"]),
  /** source_ids of relationship memories whose observations are in the session's graph. */
  relationships_applied: z.array(z.string()).default([]),
});
export type MigrationEntry = z.infer<typeof EntrySchema>;

const StateSchema = z.object({ version: z.literal(1), sessions: z.record(z.string(), EntrySchema) });
export type MigrationState = z.infer<typeof StateSchema>;

/** Where the mapping lives: in the data folder, so every later run (and the operator) finds it. */
export function migrationStateFile(dataDir: string): string {
  return path.join(dataDir, "migration", "legacy-sessions.json");
}

/** The stored mapping; empty before the first run. A corrupt file throws (never guess a mapping). */
export async function loadMigrationState(dataDir: string): Promise<MigrationState> {
  const file = migrationStateFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, sessions: {} };
    throw err;
  }
  const parsed = StateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a migration mapping: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Replaces the stored mapping atomically (written after every step, so a stopped run resumes). */
export async function saveMigrationState(dataDir: string, state: MigrationState): Promise<void> {
  const file = migrationStateFile(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  await atomicReplace(file, (tmp) => writeFile(tmp, JSON.stringify(state, null, 2) + "\n"));
}

const MapFileSchema = z.record(z.string().min(1).max(200), z.string().refine(isSessionId, 'expected a session id "ses_…" of this server'));

/** `--map legacy.json`: {"<legacy id>": "ses_…"}; throws a readable error. */
export async function readMapFile(file: string): Promise<Record<string, string>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new Error(`cannot read --map ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const parsed = MapFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`--map ${file} must be {"<legacy id>": "ses_…"}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
