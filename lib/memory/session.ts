import type { FusionOptions } from "./hybrid.ts";
import type { WeightedTerm } from "./keyword.ts";
import type { MemoryDoc, MemoryHit, MemoryInput, MemoryScope, Visibility } from "./types.ts";

/** A semantic search inside one session. */
export interface SearchQuery {
  query: string;
  /** Only memories HELD by this entity (its private and public ones). Omit: the narrator sees all. */
  entity_id?: string;
  scope?: MemoryScope;
  /** Only memories of this visibility, e.g. "public" for what anyone in the scene could know. */
  visibility?: Visibility;
  /** Number of hits (default 8, max 50). */
  k?: number;
}

/** A hybrid search: the vector query plus weighted keyword terms and what the turn is about (lib/memory/hybrid.ts). */
export interface RecallQuery extends SearchQuery {
  /** Keyword terms (analysed by lib/memory/terms.ts), weighted. */
  terms: WeightedTerm[];
  focus: FusionOptions["focus"];
  self?: string;
  currentTurn: number;
  mentions?: FusionOptions["mentions"];
}

/** A paginated listing without a query. */
export interface ListQuery {
  entity_id?: string;
  scope?: MemoryScope;
  /** Default 20, max 200. */
  limit?: number;
  offset?: number;
}

/** A record imported from elsewhere (`migrate`); skipped if its source_id is already stored. */
export interface ImportRecord {
  input: MemoryInput;
  turn: number;
  created_at?: string;
  source_id: string;
}

/** Numbers for logs, metrics and the bench. */
export interface MemoryStoreStats {
  sessionId: string;
  embedder: string;
  dimension: number;
  count: number;
  capacity: number;
  M: number;
  efConstruction: number;
  ef: number;
  /** What the last open repaired: docs added to the index, index labels without a doc removed. */
  reconciled: { added: number; removed: number };
}

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
