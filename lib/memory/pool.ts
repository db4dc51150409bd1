import type { Embeddings } from "@langchain/core/embeddings";
import type { Logger } from "pino";
import { assertSessionId } from "../common/sessionIds.ts";
import { filesBackend, type MemoryBackend } from "./backend.ts";
import type { HnswOptions } from "./hnsw.ts";
import type { SessionMemory } from "./session.ts";
import { removeUncommittedMemories, type CommittedTurnLookup } from "./uncommitted.ts";

/** Pool configuration; one pool per process. */
export interface MemoryPoolOptions {
  dataDir: string;
  embeddings: Embeddings;
  embedderId: string;
  dimension?: number;
  /** Open stores kept (LRU); each holds a SQLite handle and its index in RAM. Default 64. */
  maxOpen?: number;
  hnsw?: HnswOptions;
  logger?: Logger;
  /** See `guardOpens`. */
  committedTurn?: CommittedTurnLookup;
  /** Where documents and vectors live; default: files under `dataDir` (see backend.ts). */
  backend?: MemoryBackend;
}

interface Entry {
  store: Promise<SessionMemory>;
  /** Callers inside `use()`; a pinned store is never evicted. */
  pins: number;
  /** Called when `pins` drops to 0 (a delete waits for it). */
  onUnpinned?: () => void;
}

/**
 * Lazily opened per-session stores with a bounded LRU. Every method takes exactly one session id
 * and returns that session's own store: there is no API that reaches into several indexes.
 */
export class MemoryPool {
  private readonly open = new Map<string, Entry>(); // Map order = LRU order (oldest first)
  private readonly maxOpen: number;
  private dimension: number | undefined;
  private committedTurn: CommittedTurnLookup | undefined;
  /** Chosen once: every session of this pool lives in the same back end. */
  readonly backend: MemoryBackend;

  constructor(private readonly opts: MemoryPoolOptions) {
    this.backend = opts.backend ?? filesBackend(opts.dataDir);
    this.maxOpen = opts.maxOpen ?? 64;
    if (!Number.isInteger(this.maxOpen) || this.maxOpen < 1) throw new RangeError("maxOpen must be an integer ≥ 1");
    this.dimension = opts.dimension;
    this.committedTurn = opts.committedTurn;
  }

  /**
   * From now on, every store this pool opens is first checked against the session's committed
   * turn: an unknown or deleted session is refused before anything is created on disk, and
   * memories newer than the committed turn are removed (`removeUncommittedMemories`).
   */
  guardOpens(lookup: CommittedTurnLookup): void {
    this.committedTurn = lookup;
  }

  /** The embedder every store of this pool uses. */
  get embedder(): Embeddings {
    return this.opts.embeddings;
  }

  /**
   * The session's store, opened on first use. Prefer `use()` for work that spans awaits: a store
   * obtained here can be evicted (closed) once `maxOpen` other sessions have been opened since.
   */
  async get(sessionId: string): Promise<SessionMemory> {
    const id = assertSessionId(sessionId);
    let entry = this.open.get(id);
    if (entry) {
      this.open.delete(id); // re-insert = most recently used
      this.open.set(id, entry);
    } else {
      entry = { store: this.openStore(id), pins: 0 };
      this.open.set(id, entry);
      entry.store.catch(() => this.open.get(id) === entry && this.open.delete(id));
      void this.evict();
    }
    return entry.store;
  }

  /** Runs `fn` with the session's store pinned, so eviction cannot close it meanwhile. */
  /** Memories of the session, without creating anything on disk for a session that has none yet. */
  async count(sessionId: string): Promise<number> {
    const id = assertSessionId(sessionId);
    if (!this.open.has(id)) {
      const counted = await this.backend.countUnopened(id);
      if (counted !== undefined) return counted;
    }
    return this.use(id, async (store) => store.count());
  }

  async use<T>(sessionId: string, fn: (store: SessionMemory) => Promise<T>): Promise<T> {
    const pending = this.get(sessionId);
    // `get` registers the entry synchronously, so the pin is in place before any await.
    const entry = this.open.get(sessionId);
    if (entry) entry.pins++;
    try {
      return await fn(await pending);
    } finally {
      if (entry && --entry.pins === 0) entry.onUnpinned?.();
      void this.evict();
    }
  }

  /** Closes the session's store (pending writes finish first) and forgets it. */
  async closeSession(sessionId: string): Promise<void> {
    const id = assertSessionId(sessionId);
    const entry = this.open.get(id);
    if (!entry) return;
    this.open.delete(id);
    const store = await entry.store.catch(() => undefined);
    await store?.close();
  }

  /**
   * Forgets the session's store at once (a later use opens it anew, through `guardOpens`), waits
   * until no caller of `use()` still has it, then closes it. For deleting a session: its folder can
   * then be removed with no handle open and no reader left half-way.
   */
  async closeWhenUnused(sessionId: string): Promise<void> {
    const id = assertSessionId(sessionId);
    const entry = this.open.get(id);
    if (!entry) return;
    this.open.delete(id);
    if (entry.pins > 0) await new Promise<void>((resolve) => (entry.onUnpinned = resolve));
    const store = await entry.store.catch(() => undefined);
    await store?.close();
  }

  /** Closes the session's store and removes its memories from the back end; no handle stays open. */
  async delete(sessionId: string): Promise<void> {
    await this.closeWhenUnused(sessionId);
    await this.backend.delete(assertSessionId(sessionId));
  }

  /** Gives a forked session its own copy of what `fromId` wrote up to `upToTurn` (see backend.ts). */
  async copyUpTo(fromId: string, toId: string, upToTurn: number): Promise<void> {
    await this.backend.copyUpTo(assertSessionId(fromId), assertSessionId(toId), upToTurn);
  }

  /** Number of stores currently open (or opening). */
  get openCount(): number {
    return this.open.size;
  }

  /** Ids of open sessions, least recently used first. */
  openSessionIds(): string[] {
    return [...this.open.keys()];
  }

  /** Closes every store (for shutdown and tests). */
  async closeAll(): Promise<void> {
    const ids = [...this.open.keys()];
    await Promise.all(ids.map((id) => this.closeSession(id)));
  }

  private async openStore(sessionId: string): Promise<SessionMemory> {
    // Before anything touches the disk: throws for a session that does not exist (or no longer).
    const committed = await this.committedTurn?.(sessionId);
    const store = await this.backend.open({
      sessionId,
      embeddings: this.opts.embeddings,
      embedderId: this.opts.embedderId,
      dimension: this.dimension,
      hnsw: this.opts.hnsw,
      logger: this.opts.logger,
    });
    // Remember a probed dimension so later new sessions do not need their own probe call.
    this.dimension ??= store.dimension;
    if (committed === undefined) return store;
    try {
      const removed = await removeUncommittedMemories(store, committed);
      if (removed > 0) this.opts.logger?.warn({ sessionId, removed, committedTurn: committed }, "removed memories of a turn that never committed");
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private async evict(): Promise<void> {
    const newest = [...this.open.keys()].at(-1);
    for (const [id, entry] of this.open) {
      if (this.open.size <= this.maxOpen) return;
      // Pinned stores are in use; the newest is the one a caller is about to receive.
      if (entry.pins > 0 || id === newest) continue;
      this.open.delete(id);
      this.opts.logger?.debug({ sessionId: id }, "memory store evicted");
      const store = await entry.store.catch(() => undefined);
      await store?.close();
    }
  }
}
