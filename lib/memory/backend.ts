import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { FILES, memoryDir } from "./files.ts";
import { copyMemoryUpTo } from "./fork.ts";
import { reembedSession, type ReembedOptions, type ReembedResult } from "./reembed.ts";
import type { SessionMemory } from "./session.ts";
import { SessionMemoryStore, type OpenStoreOptions } from "./store.ts";

/** How to open one session's memory, whatever the back end. */
export type BackendOpenOptions = Omit<OpenStoreOptions, "dataDir">;

/**
 * Where the memory documents and their vectors live: ONE interface, two implementations, chosen
 * once at start-up (`filesBackend` under the data folder, the default; `PostgresMemoryBackend` in
 * pgBackend.ts when QS_DATABASE_URL is set). Everything the engine does with memory goes through
 * it (or through a SessionMemory it opened), so both pass the same contract tests
 * (lib/dev/testing/memoryContract.ts).
 */
export interface MemoryBackend {
  readonly kind: "files" | "postgres";
  /** Opens (or creates) a session's memory; throws EmbedderMismatchError for another embedder. */
  open(opts: BackendOpenOptions): Promise<SessionMemory>;
  /**
   * Memories of a session that is not open on this instance, without creating anything; undefined
   * when only opening it can tell (the caller then opens it).
   */
  countUnopened(sessionId: string): Promise<number | undefined>;
  /** Removes every memory of the session (the caller closed its store first). */
  delete(sessionId: string): Promise<void>;
  /** Gives `toId` its own copy of what `fromId` wrote up to `upToTurn` (imports included), for forks. */
  copyUpTo(fromId: string, toId: string, upToTurn: number): Promise<void>;
  /** Re-embeds every document of the session with the given embedder (nobody may serve it meanwhile). */
  reembed(opts: Omit<ReembedOptions, "dataDir">): Promise<ReembedResult>;
}

/** Today's storage: per-session SQLite documents and an hnswlib file under `<dataDir>/sessions/<id>/memory`. */
export function filesBackend(dataDir: string): MemoryBackend {
  return {
    kind: "files",
    open: (opts) => SessionMemoryStore.open({ ...opts, dataDir }),
    countUnopened: async (sessionId) => (existsSync(path.join(memoryDir(dataDir, sessionId), FILES.docs)) ? undefined : 0),
    delete: (sessionId) => rm(memoryDir(dataDir, sessionId), { recursive: true, force: true }),
    copyUpTo: (fromId, toId, upToTurn) => copyMemoryUpTo(dataDir, fromId, toId, upToTurn),
    reembed: (opts) => reembedSession({ ...opts, dataDir }),
  };
}
