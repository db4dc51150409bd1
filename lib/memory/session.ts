import type { ImportRecord, ListQuery, MemoryStoreStats, RecallQuery, SearchQuery } from "./store.ts";
import type { MemoryDoc, MemoryHit, MemoryInput } from "./types.ts";

/** A value, or a promise of it: the files back end answers reads synchronously, Postgres cannot. */
export type Awaitable<T> = T | Promise<T>;

/**
 * The memory of ONE session, whichever back end holds it (`SessionMemoryStore` for the files under
 * the data folder, `PgSessionMemory` for PostgreSQL). No method takes another session's id, so a
 * search can only ever see this session's memories. Callers `await` every read.
 */
export interface SessionMemory {
  readonly sessionId: string;
  readonly dimension: number;
  /** Validates (all-or-nothing), embeds and stores a turn's memories. */
  add(inputs: MemoryInput[], ctx: { turn: number; now?: Date }): Promise<MemoryDoc[]>;
  /** Adds records not stored yet (by source_id), for `migrate`. */
  import(records: ImportRecord[]): Promise<{ added: number; skipped: number }>;
  /** Removes what turns after `turn` wrote (imports are kept); returns how many. */
  discardAfterTurn(turn: number): Promise<number>;
  search(q: SearchQuery): Promise<MemoryHit[]>;
  /** Hybrid recall: vector + keyword candidates fused with the turn's focus (lib/memory/hybrid.ts). */
  recall(q: RecallQuery): Promise<MemoryHit[]>;
  list(q?: ListQuery): Awaitable<{ items: MemoryDoc[]; total: number }>;
  get(ids: string[]): Awaitable<MemoryDoc[]>;
  count(): Awaitable<number>;
  readonly stats: MemoryStoreStats;
  readonly isClosed: boolean;
  /** Waits for pending writes, then frees the in-memory index. Idempotent. */
  close(): Promise<void>;
}
