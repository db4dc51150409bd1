import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import pg from "pg";
import type { Logger } from "../config/logger.ts";
import { loadEnv } from "../config/env.ts";
import { copyMemoryToPostgres } from "../memory/copyToPostgres.ts";
import { EnrichmentQueue } from "../enrichment/queue.ts";
import { PostgresEnrichmentQueue } from "../enrichment/pgQueue.ts";
import type { TurnStateType } from "../../graph/state.ts";
import { builder, type CompiledTurnGraph } from "../../graph/turn.ts";
import type { TurnRecord } from "../../graph/records.ts";
import { writeCopiedState } from "./forks.ts";
import { SqliteSessionIndex, type SessionSummary } from "./sessionIndex.ts";
import { openStorage, type EngineStorage } from "./storage.ts";
import { TranscriptStore } from "./transcript.ts";

/** One session the copy wrote (or, with --dry-run, would write). */
export interface CopiedSession {
  id: string;
  turn: number;
  transcript_turns: number;
  /** Memories copied ("already in the database" after a run that failed later in this session); not counted by a dry run. */
  memories?: number | "no memory" | "already in the database";
  enrichment_tasks: number;
}

export interface CopyReport {
  dry_run: boolean;
  copied: CopiedSession[];
  skipped: Array<{ id: string; reason: string }>;
  failed: Array<{ id: string; reason: string }>;
}

/** The embedded stores of a data folder, read only (the SQLite index class opens read-write but is only read). */
interface Source {
  index: SqliteSessionIndex;
  app: CompiledTurnGraph;
  transcript?: TranscriptStore;
  enrichment?: EnrichmentQueue;
  close(): void;
}

const TRANSCRIPT_PAGE = 500;

/** An index row as copied: the summary, its owner and the card's lorebook kept for export. */
interface ListedSession {
  row: SessionSummary;
  owner: string | null;
  cardBook: string | null;
}

function openSource(dataDir: string): Source {
  const file = (name: string) => path.join(dataDir, name);
  for (const name of ["sessions.sqlite", "checkpoints.sqlite"]) {
    if (!existsSync(file(name))) throw new Error(`${file(name)} not found: is ${dataDir} a QuietStories data folder?`);
  }
  const checkpoints = new Database(file("checkpoints.sqlite"), { readonly: true });
  const index = new SqliteSessionIndex(file("sessions.sqlite"));
  const transcript = existsSync(file("transcript.sqlite")) ? new TranscriptStore(file("transcript.sqlite")) : undefined;
  const enrichment = existsSync(file("enrichment.sqlite")) ? new EnrichmentQueue(file("enrichment.sqlite")) : undefined;
  return {
    index,
    app: builder.compile({ checkpointer: new SqliteSaver(checkpoints) }),
    transcript,
    enrichment,
    close() {
      void index.close();
      void transcript?.close();
      void enrichment?.close();
      checkpoints.close();
    },
  };
}

/** Every listed session of the folder with its owner and card book (deleting ones are not listed). */
async function listedSessions(index: SqliteSessionIndex): Promise<ListedSession[]> {
  const out: ListedSession[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await index.list(500, offset);
    for (const row of page.items) out.push({ row, owner: (await index.ownerOf(row.id)) ?? null, cardBook: (await index.cardBook(row.id)) ?? null });
    if (offset + 500 >= page.total) return out;
  }
}

/** The committed transcript rows (turns ≤ the checkpoint's turn), oldest first. */
async function committedTurns(transcript: TranscriptStore | undefined, id: string, state: TurnStateType): Promise<TurnRecord[]> {
  const rows = new Map<number, TurnRecord>();
  // A checkpoint written before the transcript store carries its whole history in the state.
  for (const r of state.history ?? []) rows.set(r.turn, r);
  for (let before: number | null = state.turn + 1; transcript && before !== null; ) {
    const page = await transcript.page(id, TRANSCRIPT_PAGE, before);
    for (const r of page.items) rows.set(r.turn, r);
    before = page.next_before;
  }
  return [...rows.values()].filter((r) => r.turn <= state.turn).sort((a, b) => a.turn - b.turn);
}

/** Ids already in the database (active or being deleted); none when its tables do not exist yet (a dry run creates nothing). */
async function idsInDatabase(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass('qs_sessions')::text AS t");
    if (!rows[0].t) return new Set();
    return new Set((await client.query<{ id: string }>("SELECT id FROM qs_sessions")).rows.map((r) => r.id));
  } finally {
    await client.end();
  }
}

/**
 * Copies an embedded data folder (QS_DATA_DIR) into PostgreSQL (the QS_DATABASE_URL back end): for
 * every listed session, its latest committed state as ONE new checkpoint (earlier checkpoints, i.e.
 * rewind points before it, are not copied), its transcript rows, its memories with their ids and
 * vectors, its unfinished enrichment tasks (due now), and last its index row: a session that fails
 * half-way is not listed and is copied again by the next run. Sessions whose id is already in the
 * database are skipped. Run it while no server uses the folder or the sessions in the database.
 */
export async function copyDataFolderToPostgres(dataDir: string, databaseUrl: string, logger: Logger, options: { dryRun?: boolean } = {}): Promise<CopyReport> {
  const dryRun = options.dryRun ?? false;
  const report: CopyReport = { dry_run: dryRun, copied: [], skipped: [], failed: [] };
  const source = openSource(dataDir);
  let target: EngineStorage | undefined;
  try {
    const present = await idsInDatabase(databaseUrl);
    if (!dryRun) target = await openStorage(loadEnv({ QS_DATA_DIR: dataDir, QS_DATABASE_URL: databaseUrl }), logger);
    const targetApp = target && builder.compile({ checkpointer: target.saver });
    for (const listed of await listedSessions(source.index)) {
      const { row } = listed;
      if (present.has(row.id)) {
        report.skipped.push({ id: row.id, reason: "already in the database" });
        continue;
      }
      try {
        report.copied.push(await copySession(source, dataDir, listed, target && targetApp ? { storage: target, app: targetApp } : undefined));
      } catch (error) {
        logger.warn({ err: error, sessionId: row.id }, "copy to PostgreSQL failed for a session");
        report.failed.push({ id: row.id, reason: (error as Error).message });
      }
    }
    return report;
  } finally {
    source.close();
    await target?.close();
  }
}

/** One session; without a target (dry run) only reads and counts. */
async function copySession(
  source: Source,
  dataDir: string,
  { row, owner, cardBook }: ListedSession,
  target: { storage: EngineStorage; app: CompiledTurnGraph } | undefined,
): Promise<CopiedSession> {
  const { id } = row;
  const state = (await source.app.getState({ configurable: { thread_id: id } })).values as TurnStateType | undefined;
  if (!state || typeof state.turn !== "number") throw new Error("no checkpoint in the data folder");
  const turns = await committedTurns(source.transcript, id, state);
  const tasks = ((await source.enrichment?.forSession(id))?.tasks ?? []).filter((t) => t.status !== "done" && t.turn <= state.turn);
  if (!target) return { id, turn: state.turn, transcript_turns: turns.length, enrichment_tasks: tasks.length };
  const { storage, app } = target;
  const pool = storage.postgres!;
  // Not listed, so nothing serves it: what an earlier, interrupted run wrote is replaced.
  await storage.checkpointFiles.deleteThread(id);
  await writeCopiedState(app, id, state);
  await storage.transcript.insertMissing(id, turns);
  const memory = await copyMemoryToPostgres(dataDir, id, pool);
  const queue = new PostgresEnrichmentQueue(pool);
  const queued = await queue.enqueue(
    tasks.map((t) => ({
      session_id: id, memory_id: t.memory_id, entity_id: t.entity_id, content: t.content, from: t.from, to: t.to,
      reason: t.reason, guess_type: t.guess_type, guess_confidence: t.guess_confidence, turn: t.turn,
    })),
  );
  await queue.release(id);
  // The commit: from here on the session is listed and served from PostgreSQL.
  await storage.index.insert({ ...row, turn: state.turn }, owner, cardBook);
  return { id, turn: state.turn, transcript_turns: turns.length, memories: typeof memory === "string" ? memory : memory.copied, enrichment_tasks: queued };
}
