import { existsSync, readdirSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidSessionIdError, newSessionId, sessionDir } from "../common/sessionIds.ts";
import { HashedNgramEmbeddings } from "./embeddings.ts";
import { memoryDir } from "./files.ts";
import { MemoryPool } from "./pool.ts";
import { StoreClosedError } from "./errors.ts";
import { tempDataDir } from "../dev/testing/memoryStore.ts";

let dataDir: string;
let cleanup: () => Promise<void>;
let pool: MemoryPool;
const emb = new HashedNgramEmbeddings();

beforeEach(async () => {
  ({ dataDir, cleanup } = await tempDataDir());
  pool = new MemoryPool({ dataDir, embeddings: emb, embedderId: emb.id, maxOpen: 2 });
});
afterEach(async () => {
  await pool.closeAll();
  await cleanup();
});

describe("MemoryPool", () => {
  it("keeps at most maxOpen stores, evicting the least recently used (saved and reopenable)", async () => {
    const [a, b, c] = [newSessionId(), newSessionId(), newSessionId()];
    const storeA = await pool.get(a);
    await storeA.add([{ entity_id: "tomas", content: "memory of session a", scope: "event" }], { turn: 1 });
    await pool.get(b);
    await pool.get(a); // a is now the most recent
    await pool.get(c);
    // Eviction forgets the store at once and closes it asynchronously.
    expect(pool.openCount).toBe(2);
    expect(pool.openSessionIds()).toEqual([a, c]);
    await pool.get(b);
    expect(pool.openSessionIds()).toEqual([c, b]);
    await vi.waitFor(() => expect(storeA.isClosed).toBe(true));
    await expect(storeA.search({ query: "x" })).rejects.toThrow(StoreClosedError);
    const reopened = await pool.get(a);
    expect(reopened).not.toBe(storeA);
    expect(reopened.count()).toBe(1);
  });

  it("never evicts a store pinned by use()", async () => {
    const [a, b, c] = [newSessionId(), newSessionId(), newSessionId()];
    await pool.use(a, async (store) => {
      const storeB = await pool.get(b);
      await pool.get(c);
      // Eviction ran (it closed b, the least recently used unpinned store) and left the pinned one open.
      await vi.waitFor(() => expect(storeB.isClosed).toBe(true));
      expect(pool.openSessionIds()).toEqual([a, c]);
      expect(store.isClosed).toBe(false);
      await store.add([{ entity_id: "x", content: "still open", scope: "general" }], { turn: 1 });
    });
    expect(pool.openCount).toBe(2);
  });

  it("opens a session once even under concurrent gets", async () => {
    const id = newSessionId();
    const [s1, s2] = await Promise.all([pool.get(id), pool.get(id)]);
    expect(s1).toBe(s2);
  });

  it("closeSession closes without deleting; delete removes the memory folder", async () => {
    const id = newSessionId();
    const store = await pool.get(id);
    await store.add([{ entity_id: "tomas", content: "to be deleted", scope: "event" }], { turn: 1 });
    await pool.closeSession(id);
    expect(store.isClosed).toBe(true);
    expect(existsSync(memoryDir(dataDir, id))).toBe(true);
    await pool.get(id);
    await pool.delete(id);
    expect(pool.openCount).toBe(0);
    expect(existsSync(memoryDir(dataDir, id))).toBe(false);
    expect(readdirSync(sessionDir(dataDir, id))).toEqual([]);
  });

  it("rejects invalid session ids before touching the disk", async () => {
    await expect(pool.get("../../etc")).rejects.toThrow(InvalidSessionIdError);
    await expect(pool.delete("ses_../x")).rejects.toThrow(InvalidSessionIdError);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("drops a store that failed to open so a later get can retry", async () => {
    const id = newSessionId();
    const mismatched = new MemoryPool({ dataDir, embeddings: emb, embedderId: emb.id, dimension: 255 });
    await (await pool.get(id)).add([{ entity_id: "a", content: "b", scope: "general" }], { turn: 1 });
    await pool.closeSession(id);
    await expect(mismatched.get(id)).rejects.toThrow(/reembed/);
    expect(mismatched.openCount).toBe(0);
  });

  it("guardOpens: memories newer than the committed turn are removed on open; unknown sessions create nothing", async () => {
    const id = newSessionId();
    await pool.use(id, (store) => store.add([{ entity_id: "a", content: "committed", scope: "event" }], { turn: 1 }));
    await pool.use(id, (store) => store.add([{ entity_id: "a", content: "orphan of a crashed turn", scope: "event" }], { turn: 2 }));
    await pool.closeSession(id);
    const gone = newSessionId();
    pool.guardOpens(async (sessionId) => {
      if (sessionId === gone) throw new Error("no such session");
      return 1;
    });
    const contents = await pool.use(id, async (store) => (await store.list()).items.map((m) => m.content));
    expect(contents).toEqual(["committed"]);
    await expect(pool.use(gone, async (store) => store.count())).rejects.toThrow("no such session");
    expect(existsSync(sessionDir(dataDir, gone))).toBe(false);
    expect(pool.openCount).toBe(1);
  });

  it("closeWhenUnused waits for the callers of use() before it closes the store", async () => {
    const id = newSessionId();
    let finishReader = () => {};
    const reading = pool.use(id, (store) => new Promise<number>((resolve) => (finishReader = () => resolve(store.count()))));
    await until(() => pool.openCount === 1);
    const store = await pool.get(id);
    let closed = false;
    const closing = pool.closeWhenUnused(id).then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    finishReader();
    expect(await reading).toBe(0);
    await closing;
    expect(store.isClosed).toBe(true);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
