import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseCommandArgs, type CliIO } from "./args.ts";
import { z } from "zod";
import type { EmbeddingsHandle } from "../memory/embeddings.ts";
import { embeddingsFromEnv, resolveDataDir } from "../memory/embeddingsFromEnv.ts";
import { MemoryPool } from "../memory/pool.ts";
import type { ImportRecord } from "../memory/store.ts";
import { MEMORY_SCOPES, VISIBILITIES, type MemoryScope, type Visibility } from "../memory/types.ts";
import { isSessionId } from "../common/sessionIds.ts";

/** Where a CLI command writes: results on stdout, progress and warnings on stderr. */
export type { CliIO };

/** Injectables for tests. */
export interface CliDeps {
  /** Embedder to use instead of the env-configured one. */
  embeddings?: EmbeddingsHandle;
  env?: NodeJS.ProcessEnv;
}

const USAGE = "usage: quietstories migrate --from <legacy-hnswlib-dir> [--session-key session_id] [--data-dir <dir>]\n";

// The @langchain/community HNSWLib docstore.json: an array of [key, Document] pairs.
const LegacyDocstoreSchema = z.array(
  z.tuple([z.string(), z.object({ pageContent: z.string(), metadata: z.record(z.string(), z.unknown()).default({}) })]),
);

type Meta = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/**
 * Maps one legacy document to an import record. Unknown or invalid metadata falls back to
 * defaults instead of failing, because legacy stores were written by several engine versions.
 */
function toRecord(key: string, content: string, meta: Meta): ImportRecord {
  const scope = MEMORY_SCOPES.includes(meta.scope as MemoryScope) ? (meta.scope as MemoryScope) : "general";
  const visibility = VISIBILITIES.includes(meta.visibility as Visibility) ? (meta.visibility as Visibility) : "private";
  const importance = typeof meta.importance === "number" && Number.isFinite(meta.importance) ? Math.min(1, Math.max(0, meta.importance)) : undefined;
  const related = Array.isArray(meta.related_entities) ? meta.related_entities.filter((x): x is string => typeof x === "string").slice(0, 16) : undefined;
  const turn = typeof meta.turn === "number" && Number.isInteger(meta.turn) && meta.turn >= 0 ? meta.turn : 0;
  const createdRaw = meta.created_at ?? meta.timestamp;
  const created = typeof createdRaw === "string" || typeof createdRaw === "number" ? new Date(createdRaw) : undefined;
  return {
    input: {
      entity_id: (str(meta.entity_id) ?? str(meta.entity) ?? "world").slice(0, 64),
      content,
      scope,
      visibility,
      importance,
      related_entities: related,
    },
    turn,
    created_at: created && !Number.isNaN(created.getTime()) ? created.toISOString() : undefined,
    // Key + content hash: stable across runs (idempotency) and distinct if two legacy stores
    // that reuse the same keys are migrated into one data dir.
    source_id: `legacy:${key}:${createHash("sha256").update(content).digest("hex").slice(0, 16)}`,
  };
}

/**
 * `quietstories migrate`: splits a legacy SHARED HNSWLib store into one memory store per session,
 * re-embedding with the configured embedder. Reads only docstore.json (never writes to --from).
 * Documents whose session id is missing or not a valid id are skipped and counted: inventing ids
 * would create sessions the server has no record of. Idempotent via each memory's source_id.
 * Returns the exit code (0 ok, 1 some sessions failed, 2 usage/input error).
 */
export async function runMigrate(args: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  const parsed = parseCommandArgs(args, { from: { type: "string" }, "session-key": { type: "string" }, "data-dir": { type: "string" } }, USAGE, io);
  if (typeof parsed === "number") return parsed;
  const values = parsed.values as { from?: string; "session-key"?: string; "data-dir"?: string };
  if (!values.from) {
    io.stderr.write(`missing --from\n${USAGE}`);
    return 2;
  }
  const env = deps.env ?? process.env;
  const sessionKey = values["session-key"] ?? "session_id";
  const dataDir = resolveDataDir(values["data-dir"], env);

  let entries: z.infer<typeof LegacyDocstoreSchema>;
  try {
    entries = LegacyDocstoreSchema.parse(JSON.parse(await readFile(path.join(values.from, "docstore.json"), "utf8")));
  } catch (err) {
    io.stderr.write(`cannot read legacy store ${path.join(values.from, "docstore.json")}: ${(err as Error).message}\n`);
    return 2;
  }

  const bySession = new Map<string, ImportRecord[]>();
  const badIds = new Map<string, number>();
  let empty = 0;
  let truncated = 0;
  for (const [key, doc] of entries) {
    const sid = doc.metadata[sessionKey];
    if (!isSessionId(sid)) {
      const shown = JSON.stringify(sid ?? null).slice(0, 40);
      badIds.set(shown, (badIds.get(shown) ?? 0) + 1);
      continue;
    }
    let content = doc.pageContent.trim();
    if (content === "") {
      empty++;
      continue;
    }
    if (content.length > 2000) {
      content = content.slice(0, 2000);
      truncated++;
    }
    const list = bySession.get(sid) ?? [];
    list.push(toRecord(key, content, doc.metadata));
    bySession.set(sid, list);
  }
  for (const [shown, n] of badIds) io.stderr.write(`warning: skipped ${n} document(s) with invalid ${sessionKey} ${shown}\n`);
  if (empty > 0) io.stderr.write(`warning: skipped ${empty} document(s) with empty content\n`);
  if (truncated > 0) io.stderr.write(`warning: truncated ${truncated} document(s) to 2000 characters\n`);

  const handle = deps.embeddings ?? embeddingsFromEnv(env);
  const pool = new MemoryPool({ dataDir, embeddings: handle.embeddings, embedderId: handle.id, dimension: handle.dimension, maxOpen: 4 });
  const total = [...bySession.values()].reduce((n, l) => n + l.length, 0);
  io.stderr.write(`migrating ${total} document(s) of ${bySession.size} session(s) from ${values.from} into ${dataDir} (embedder ${handle.id})\n`);
  let done = 0;
  let added = 0;
  let present = 0;
  let failed = 0;
  for (const [sid, records] of bySession) {
    try {
      const r = await pool.use(sid, async (store) => {
        const sum = { added: 0, skipped: 0 };
        for (let i = 0; i < records.length; i += 500) {
          const part = await store.import(records.slice(i, i + 500));
          sum.added += part.added;
          sum.skipped += part.skipped;
          done += Math.min(500, records.length - i);
          io.stderr.write(`  ${done}/${total} documents\n`);
        }
        return sum;
      });
      await pool.closeSession(sid);
      added += r.added;
      present += r.skipped;
      io.stdout.write(`${sid}\t${r.added} added\t${r.skipped} already present\n`);
    } catch (err) {
      failed++;
      done += records.length;
      io.stderr.write(`error: session ${sid}: ${(err as Error).message}\n`);
    }
  }
  await pool.closeAll();
  const skippedIds = [...badIds.values()].reduce((a, b) => a + b, 0);
  io.stdout.write(
    `total\t${added} added\t${present} already present\t${skippedIds} skipped (invalid ${sessionKey})\t${empty} skipped (empty)\t${failed} session(s) failed\n`,
  );
  return failed > 0 ? 1 : 0;
}
