import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { pino, type Logger } from "pino";
import { EnvError, loadEnv } from "../config/env.ts";
import type { EmbeddingsHandle } from "../memory/embeddings.ts";
import type { ImportRecord } from "../memory/session.ts";
import { DEFAULT_COLLECTION } from "../migration/chromaSource.ts";
import { legacyEntityName, MAX_CONTENT, toImportRecord, type LegacySource } from "../migration/legacyDocs.ts";
import { loadMigrationState, migrationStateFile, readMapFile, saveMigrationState, type MigrationState } from "../migration/mapping.ts";
import { readLegacySource } from "../migration/source.ts";
import { MigrationSourceError } from "../migration/sourceError.ts";
import { loadBundledScenario } from "../scenarios/catalog.ts";
import { formatIssues, ScenarioSchema, type Scenario } from "../scenarios/schema.ts";
import { StoryEngine } from "../sessions/engine.ts";
import { parseCommandArgs, type CliIO } from "./args.ts";
import { migrateSession, type SessionOutcome } from "./migrateSession.ts";

/** Where a CLI command writes: results on stdout, progress and warnings on stderr. */
export type { CliIO };

/** Injectables for tests. */
export interface CliDeps {
  /** Embedder to use instead of the env-configured one (reembed). */
  embeddings?: EmbeddingsHandle;
  env?: NodeJS.ProcessEnv;
  /** migrate: the engine's logger (default: warnings as JSON lines on stderr). */
  logger?: Logger;
  /** migrate: how long to wait for a locked Chroma file (default 2000 ms). */
  busyTimeoutMs?: number;
}

const USAGE = `usage: quietstories migrate --from <legacy-dir> [--scenario <name|file.json>] [--map <legacy.json>]
                           [--collection entity_memories|session_*|<name>] [--session-key session_id]
                           [--data-dir <dir>] [--dry-run]

Reads a legacy memory store (HNSWLib folder with docstore.json, or Chroma persist folder with
chroma.sqlite3; never written) and gives each legacy session a session of this server: one created
from --scenario, or the one --map names ({"<legacy id>": "ses_…"}). The mapping is printed as JSON
on stdout and kept in <data-dir>/migration/legacy-sessions.json; a second run reuses it.
Exit codes: 0 done, 1 some sessions failed (run again to resume), 2 bad usage or input, 3 source locked.
`;

type Action = "created" | "attached" | "reused" | "would create" | "would attach" | "needs --scenario or --map";

interface LegacySession {
  legacy_id: string;
  records: ImportRecord[];
  holders: Map<string, string | undefined>;
}

interface Skipped {
  without_session: number;
  without_text: number;
  truncated: number;
}

/** Groups documents by legacy session; rows without a session or text are counted, not guessed. */
function groupBySession(source: LegacySource): { sessions: LegacySession[]; skipped: Skipped } {
  const skipped: Skipped = { without_session: 0, without_text: 0, truncated: 0 };
  const byId = new Map<string, LegacySession>();
  for (const doc of source.docs) {
    if (doc.legacySession === undefined) {
      skipped.without_session++;
      continue;
    }
    let content = doc.content.trim();
    if (content === "") {
      skipped.without_text++;
      continue;
    }
    if (content.length > MAX_CONTENT) {
      content = content.slice(0, MAX_CONTENT);
      skipped.truncated++;
    }
    let s = byId.get(doc.legacySession);
    if (!s) byId.set(doc.legacySession, (s = { legacy_id: doc.legacySession, records: [], holders: new Map() }));
    const record = toImportRecord(doc, content);
    s.records.push(record);
    if (!s.holders.has(record.input.entity_id) || s.holders.get(record.input.entity_id) === undefined) s.holders.set(record.input.entity_id, legacyEntityName(doc.metadata));
  }
  return { sessions: [...byId.values()], skipped };
}

/** `--scenario`: a bundled scenario's name, or a scenario JSON file (validated now, before any write). */
async function resolveScenario(value: string): Promise<string | Scenario> {
  if (!value.endsWith(".json") && !existsSync(value)) {
    loadBundledScenario(value); // throws UnknownScenarioError listing the bundled ones
    return value;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(value, "utf8"));
  } catch (err) {
    throw new Error(`cannot read --scenario ${value}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) throw new Error(`--scenario ${value} is not a valid scenario: ${formatIssues(parsed.error).join("; ")}`);
  return parsed.data;
}

/** Session ids of the data folder, read without writing (for --dry-run). */
function knownSessionIds(dataDir: string): Set<string> {
  const file = path.join(dataDir, "sessions.sqlite");
  if (!existsSync(file)) return new Set();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare("SELECT id FROM sessions").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

interface Plan {
  legacy: LegacySession;
  session_id?: string;
  action: Action;
}

function plan(sessions: LegacySession[], state: MigrationState, map: Record<string, string>, scenario: unknown, dryRun: boolean): Plan[] {
  return sessions.map((legacy) => {
    const stored = state.sessions[legacy.legacy_id];
    const named = map[legacy.legacy_id];
    if (stored && named && stored.session_id !== named) {
      throw new Error(`legacy session ${legacy.legacy_id} was migrated into ${stored.session_id} before, but --map names ${named}; edit ${migrationStateFile("<data-dir>")} if that is intended`);
    }
    if (stored) return { legacy, session_id: stored.session_id, action: "reused" };
    if (named) return { legacy, session_id: named, action: dryRun ? "would attach" : "attached" };
    if (scenario !== undefined) return { legacy, action: dryRun ? "would create" : "created" };
    return { legacy, action: "needs --scenario or --map" };
  });
}

const emptyOutcome = (): SessionOutcome => ({ added: 0, already_present: 0, cast_added: [], observations: 0, queued_for_enrichment: 0 });

/**
 * `quietstories migrate`: moves the memories of a legacy store (HNSWLib or Chroma) into sessions of
 * this server, re-embedded with the configured embedder, relationship memories through the
 * extractor into each session's graph. See docs/migration.md. Returns the exit code.
 */
export async function runMigrate(args: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      from: { type: "string" },
      scenario: { type: "string" },
      map: { type: "string" },
      collection: { type: "string" },
      "session-key": { type: "string" },
      "data-dir": { type: "string" },
      "dry-run": { type: "boolean" },
    },
    USAGE,
    io,
  );
  if (typeof parsed === "number") return parsed;
  const v = parsed.values as { from?: string; scenario?: string; map?: string; collection?: string; "session-key"?: string; "data-dir"?: string; "dry-run"?: boolean };
  if (!v.from) {
    io.stderr.write(`missing --from\n${USAGE}`);
    return 2;
  }
  const dryRun = v["dry-run"] === true;
  const fail = (message: string, code = 2): number => {
    io.stderr.write(`error: ${message}\n`);
    return code;
  };

  let env: ReturnType<typeof loadEnv>;
  try {
    const source = deps.env ?? process.env;
    env = loadEnv({ ...source, ...(v["data-dir"] ? { QS_DATA_DIR: path.resolve(v["data-dir"]) } : {}) });
  } catch (err) {
    return fail(err instanceof EnvError ? err.message : String(err));
  }

  let source: LegacySource;
  let state: MigrationState;
  let map: Record<string, string> = {};
  let scenario: string | Scenario | undefined;
  let plans: Plan[];
  let skipped: Skipped;
  try {
    source = await readLegacySource(path.resolve(v.from), {
      collection: v.collection,
      defaultCollection: DEFAULT_COLLECTION,
      sessionKey: v["session-key"] ?? "session_id",
      busyTimeoutMs: deps.busyTimeoutMs ?? 2000,
    });
    state = await loadMigrationState(env.QS_DATA_DIR);
    if (v.map) map = await readMapFile(v.map);
    if (v.scenario) scenario = await resolveScenario(v.scenario);
    const grouped = groupBySession(source);
    skipped = grouped.skipped;
    plans = plan(grouped.sessions, state, map, scenario, dryRun);
  } catch (err) {
    return fail((err as Error).message, err instanceof MigrationSourceError ? err.exitCode : 2);
  }
  const total = plans.reduce((n, p) => n + p.legacy.records.length, 0);
  io.stderr.write(`${source.description}: ${total} memories of ${plans.length} legacy session(s); skipped ${skipped.without_session} without session id, ${skipped.without_text} without text\n`);

  const unmapped = plans.filter((p) => p.action === "needs --scenario or --map").map((p) => p.legacy.legacy_id);
  const attach = plans.filter((p) => p.action === "attached" || p.action === "would attach");
  if (dryRun) {
    const known = knownSessionIds(env.QS_DATA_DIR);
    const missing = attach.filter((p) => !known.has(p.session_id as string)).map((p) => p.session_id);
    if (missing.length > 0) io.stderr.write(`warning: --map names sessions that do not exist in ${env.QS_DATA_DIR}: ${missing.join(", ")}\n`);
    if (unmapped.length > 0) io.stderr.write(`warning: ${unmapped.length} legacy session(s) need --scenario or --map\n`);
    writeReport(io, { source, dataDir: env.QS_DATA_DIR, dryRun, plans, outcomes: new Map(), errors: new Map(), skipped });
    return 0;
  }
  if (unmapped.length > 0) {
    return fail(`${unmapped.length} legacy session(s) have no session here (${unmapped.slice(0, 5).join(", ")}${unmapped.length > 5 ? ", …" : ""}): pass --scenario <name|file.json> to create them, or --map <legacy.json> to attach them to existing sessions`);
  }

  const engine = await StoryEngine.open(env, deps.logger ?? pino({ level: "warn", base: { app: "quietstories" } }, pino.destination(2)));
  const outcomes = new Map<string, SessionOutcome>();
  const errors = new Map<string, string>();
  try {
    const absent: unknown[] = [];
    for (const p of attach) if (!(await safeRequire(engine, p.session_id as string))) absent.push(p.session_id);
    if (absent.length > 0) return fail(`--map names sessions that do not exist in ${env.QS_DATA_DIR}: ${absent.join(", ")}`);
    const save = () => saveMigrationState(env.QS_DATA_DIR, state);
    let done = 0;
    for (const p of plans) {
      const legacyId = p.legacy.legacy_id;
      try {
        if (p.action === "reused" && !(await safeRequire(engine, p.session_id as string))) {
          throw new Error(`session ${p.session_id} of an earlier run no longer exists; remove "${legacyId}" from ${migrationStateFile(env.QS_DATA_DIR)} to migrate it again`);
        }
        if (p.action === "created") {
          p.session_id = (await engine.createSession(scenario)).id;
          state.sessions[legacyId] = { session_id: p.session_id, origin: "created", relationships_applied: [] };
          await save();
        } else if (p.action === "attached") {
          state.sessions[legacyId] = { session_id: p.session_id as string, origin: "attached", relationships_applied: [] };
          await save();
        }
        const outcome = await migrateSession(engine, state.sessions[legacyId], p.legacy.records, p.legacy.holders, (n) => {
          done += n;
          io.stderr.write(`  ${done}/${total} memories\n`);
        }, save);
        outcomes.set(legacyId, outcome);
        io.stderr.write(`${legacyId} -> ${p.session_id} (${p.action}): ${outcome.added} added, ${outcome.already_present} already present, ${outcome.observations} relationship observation(s)\n`);
      } catch (err) {
        errors.set(legacyId, (err as Error).message);
        io.stderr.write(`error: legacy session ${legacyId}: ${(err as Error).message}\n`);
      }
    }
  } finally {
    await engine.close(1000);
  }
  writeReport(io, { source, dataDir: env.QS_DATA_DIR, dryRun, plans, outcomes, errors, skipped });
  return errors.size > 0 ? 1 : 0;
}

async function safeRequire(engine: StoryEngine, id: string): Promise<boolean> {
  try {
    await engine.requireSession(id);
    return true;
  } catch {
    return false;
  }
}

interface Report {
  source: LegacySource;
  dataDir: string;
  dryRun: boolean;
  plans: Plan[];
  outcomes: Map<string, SessionOutcome>;
  errors: Map<string, string>;
  skipped: Skipped;
}

/** The machine-readable result on stdout (one JSON document) and a one-line total on stderr. */
function writeReport(io: CliIO, r: Report): void {
  const sessions = r.plans.map((p) => {
    const outcome = r.outcomes.get(p.legacy.legacy_id);
    const error = r.errors.get(p.legacy.legacy_id);
    const relationshipMemories = p.legacy.records.filter((x) => x.input.scope === "relationship").length;
    return {
      legacy_id: p.legacy.legacy_id,
      session_id: p.session_id ?? null,
      action: error ? "failed" : p.action,
      memories: p.legacy.records.length,
      relationship_memories: relationshipMemories,
      ...(r.dryRun ? {} : (outcome ?? emptyOutcome())),
      ...(error ? { error } : {}),
    };
  });
  const sum = (k: keyof SessionOutcome) => [...r.outcomes.values()].reduce((n, o) => n + (typeof o[k] === "number" ? (o[k] as number) : 0), 0);
  const mapping = Object.fromEntries(sessions.filter((s) => s.session_id && s.action !== "failed").map((s) => [s.legacy_id, s.session_id]));
  const totals = {
    sessions: sessions.length,
    failed: r.errors.size,
    memories: sessions.reduce((n, s) => n + s.memories, 0),
    ...(r.dryRun ? {} : { added: sum("added"), already_present: sum("already_present"), observations: sum("observations"), queued_for_enrichment: sum("queued_for_enrichment") }),
  };
  io.stdout.write(`${JSON.stringify({ source: r.source.description, data_dir: r.dataDir, dry_run: r.dryRun, mapping, sessions, skipped: r.skipped, totals }, null, 2)}\n`);
  io.stderr.write(`total: ${JSON.stringify(totals)}; skipped ${JSON.stringify(r.skipped)}\n`);
}
