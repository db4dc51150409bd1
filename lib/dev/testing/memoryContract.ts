import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { newSessionId } from "../../common/sessionIds.ts";
import type { MemoryBackend } from "../../memory/backend.ts";
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";
import { EmbedderMismatchError, MemoryValidationError, StoreClosedError } from "../../memory/errors.ts";
import { MemoryPool, type MemoryPoolOptions } from "../../memory/pool.ts";
import type { RecallQuery } from "../../memory/session.ts";
import { indexTerms } from "../../memory/terms.ts";
import type { MemoryInput } from "../../memory/types.ts";

/** What a back end's test file gives the contract: a back end over storage that outlives the pools. */
export interface ContractHarness {
  /** A data folder for the pool (the files back end keeps everything there). */
  dataDir: string;
  /** A new back end on the SAME storage: a second call is a second "instance". */
  backend(): MemoryBackend;
  cleanup(): Promise<void>;
}

const emb = new HashedNgramEmbeddings();
const memory = (entity_id: string, content: string, extra: Partial<MemoryInput> = {}): MemoryInput => ({ entity_id, content, scope: "event", ...extra });
/** A recall whose keyword terms are the query's own words (the engine builds richer ones: lib/tools/recallQuery.ts). */
export const recallQuery = (text: string, extra: Partial<RecallQuery> = {}): RecallQuery => ({ query: text, terms: indexTerms(text).map((term) => ({ term, weight: 1 })), focus: new Set(), currentTurn: 10, k: 6, ...extra });
const contents = (hits: Array<{ memory: { content: string } }>): string[] => hits.map((h) => h.memory.content);

/**
 * The behaviour every memory back end must have, as one test body run against each
 * (lib/memory/backend.test.ts for files, lib/memory/pgBackend.int.test.ts for Postgres).
 */
export function memoryBackendContract(name: string, start: () => Promise<ContractHarness>): void {
  describe(`memory back end contract: ${name}`, () => {
    let h: ContractHarness;
    const pools: MemoryPool[] = [];
    const newPool = (extra: Partial<MemoryPoolOptions> = {}, backend = h.backend()): MemoryPool => {
      const pool = new MemoryPool({ dataDir: h.dataDir, embeddings: emb, embedderId: emb.id, dimension: emb.dimension, backend, ...extra });
      pools.push(pool);
      return pool;
    };

    beforeAll(async () => {
      h = await start();
    });
    afterEach(async () => {
      await Promise.all(pools.splice(0).map((p) => p.closeAll()));
    });
    afterAll(async () => {
      await h?.cleanup();
    });

    it("adds, searches (with filters), lists, gets and counts; an invalid batch writes nothing", async () => {
      const pool = newPool();
      const id = newSessionId();
      expect(await pool.count(id)).toBe(0);
      const stored = await pool.use(id, (s) =>
        s.add([memory("tomas", "Tomas hid the ledger under the bridge"), memory("mara", "Mara saw the storm over the harbour", { visibility: "public", scope: "location" })], { turn: 1 }),
      );
      await expect(pool.use(id, (s) => s.add([memory("tomas", "fine"), { entity_id: "", content: "bad", scope: "event" }], { turn: 2 }))).rejects.toThrow(MemoryValidationError);
      await pool.use(id, async (s) => {
        expect(contents(await s.search({ query: "ledger bridge", k: 1 }))).toEqual(["Tomas hid the ledger under the bridge"]);
        expect(contents(await s.search({ query: "ledger bridge", entity_id: "mara" }))).toEqual(["Mara saw the storm over the harbour"]);
        expect(contents(await s.search({ query: "ledger", visibility: "public" }))).toEqual(["Mara saw the storm over the harbour"]);
        expect(contents(await s.search({ query: "ledger", scope: "event" }))).toEqual(["Tomas hid the ledger under the bridge"]);
        expect(await s.search({ query: "  " })).toEqual([]);
        await expect(s.search({ query: "x", k: 0 })).rejects.toThrow(RangeError);
        const page = await s.list({ limit: 1 });
        expect(page.total).toBe(2);
        expect(page.items.map((d) => d.content)).toEqual(["Mara saw the storm over the harbour"]);
        expect((await s.list({ entity_id: "tomas" })).items).toEqual([stored[0]]);
        expect(await s.get([stored[1].id, "mem_unknown", stored[0].id])).toEqual([stored[1], stored[0]]);
        expect(await s.count()).toBe(2);
      });
      expect(await pool.count(id)).toBe(2);
    });

    it("hybrid recall finds by a rare word, honours the holder filter, and forgets discarded turns", async () => {
      const pool = newPool();
      const id = newSessionId();
      const routine = Array.from({ length: 12 }, (_, i) => memory("tomas", `Tomas counted the water barrels at the wagons, round ${i}.`));
      await pool.use(id, (s) => s.add([...routine, memory("mara", "Mara hid the quillback lantern under the third wagon.")], { turn: 1 }));
      await pool.use(id, (s) => s.add([memory("mara", "Mara buried the zephyrine compass.")], { turn: 2 }));
      await pool.use(id, async (s) => {
        expect(contents(await s.recall(recallQuery("where is the quillback")))).toContain("Mara hid the quillback lantern under the third wagon.");
        expect(contents(await s.recall(recallQuery("quillback", { entity_id: "tomas" }))).every((c) => c.startsWith("Tomas"))).toBe(true);
        expect(contents(await s.recall(recallQuery("zephyrine")))).toContain("Mara buried the zephyrine compass.");
        await s.discardAfterTurn(1);
        expect(contents(await s.recall(recallQuery("zephyrine"))).some((c) => c.includes("zephyrine"))).toBe(false);
      });
    });

    it("keeps sessions apart: 24 sessions of near-identical texts, every hit and listing is the session's own", async () => {
      const pool = newPool({ maxOpen: 5 });
      const ids = Array.from({ length: 24 }, () => newSessionId());
      const text = (s: number, m: number) => `Tomas shares water with the traveller at the well (session ${s}, memory ${m})`;
      for (const [s, id] of ids.entries()) {
        await pool.use(id, (st) => st.add(Array.from({ length: 6 }, (_, m) => memory(m % 2 ? "tomas" : "world", text(s, m))), { turn: 1 }));
      }
      let foreign = 0;
      let seen = 0;
      for (const [s, id] of ids.entries()) {
        const hits = await pool.use(id, (st) => st.search({ query: text((s + 1) % ids.length, 0), k: 10 }));
        const listed = await pool.use(id, async (st) => (await st.list({ limit: 200 })).items);
        for (const c of [...contents(hits), ...listed.map((d) => d.content)]) {
          seen++;
          if (!c.includes(`(session ${s},`)) foreign++;
        }
        expect(hits).toHaveLength(6);
      }
      expect(seen).toBe(24 * 12);
      expect(foreign).toBe(0);
    });

    it("removes the memories of a turn that never committed when the session is next opened (guardOpens)", async () => {
      const id = newSessionId();
      await newPool().use(id, async (s) => {
        await s.add([memory("tomas", "committed turn memory about the well")], { turn: 1 });
        await s.add([memory("tomas", "uncommitted turn memory about the well")], { turn: 2 });
        await s.import([{ input: memory("world", "imported memory about the well"), turn: 5, source_id: "legacy:1" }]);
      });
      const after = newPool({ committedTurn: async () => 1 });
      const hits = await after.use(id, (s) => s.search({ query: "memory about the well", k: 10 }));
      expect(contents(hits).sort()).toEqual(["committed turn memory about the well", "imported memory about the well"]);
      await expect(newPool({ committedTurn: async () => { throw new Error("no such session"); } }).count(newSessionId())).resolves.toBe(0);
    });

    it("imports once per source_id", async () => {
      const pool = newPool();
      const id = newSessionId();
      const records = [1, 2].map((n) => ({ input: memory("world", `legacy memory ${n}`), turn: 0, source_id: `legacy:${n}` }));
      expect(await pool.use(id, (s) => s.import(records))).toEqual({ added: 2, skipped: 0 });
      expect(await pool.use(id, (s) => s.import(records))).toEqual({ added: 0, skipped: 2 });
      expect(await pool.count(id)).toBe(2);
    });

    it("copies a session's memories up to a turn for a fork; both sides then go their own way", async () => {
      const pool = newPool();
      const [from, to] = [newSessionId(), newSessionId()];
      await pool.use(from, async (s) => {
        await s.add([memory("tomas", "the oath at the tower")], { turn: 1 });
        await s.add([memory("tomas", "the oath broken at the tower")], { turn: 2 });
      });
      await pool.copyUpTo(from, to, 1);
      await pool.use(to, (s) => s.add([memory("mara", "only in the fork: the tower bell")], { turn: 2 }));
      expect(contents(await pool.use(to, (s) => s.search({ query: "tower", k: 10 }))).sort()).toEqual(["only in the fork: the tower bell", "the oath at the tower"]);
      expect(contents(await pool.use(from, (s) => s.search({ query: "tower", k: 10 }))).sort()).toEqual(["the oath at the tower", "the oath broken at the tower"]);
    });

    it("refuses another embedder until reembed, then searches with the new vectors", async () => {
      const id = newSessionId();
      await newPool().use(id, (s) => s.add([memory("tomas", "the smith repairs the lantern"), memory("mara", "the widow counts coins")], { turn: 1 }));
      const small = new HashedNgramEmbeddings({ dimension: 64 });
      const other = { embeddings: small, embedderId: `${small.id}@64`, dimension: 64 };
      await expect(newPool(other).get(id)).rejects.toThrow(EmbedderMismatchError);
      const result = await h.backend().reembed({ sessionId: id, ...other });
      expect(result).toMatchObject({ count: 2, embedder: other.embedderId, dimension: 64, previous: { embedder: emb.id, dimension: 256 } });
      expect(contents(await newPool(other).use(id, (s) => s.search({ query: "lantern", k: 1 })))).toEqual(["the smith repairs the lantern"]);
      await expect(newPool().get(id)).rejects.toThrow(EmbedderMismatchError);
    });

    it("bounds open sessions (LRU): an evicted store is closed and reopens with its memories", async () => {
      const pool = newPool({ maxOpen: 2 });
      const [a, b, c] = [newSessionId(), newSessionId(), newSessionId()];
      const storeA = await pool.get(a);
      await storeA.add([memory("tomas", "memory of session a")], { turn: 1 });
      expect(contents(await storeA.search({ query: "memory of session a" }))).toEqual(["memory of session a"]);
      await pool.get(b);
      await pool.get(c);
      await vi.waitFor(() => expect(storeA.isClosed).toBe(true));
      await expect(storeA.search({ query: "x" })).rejects.toThrow(StoreClosedError);
      expect(pool.openCount).toBe(2);
      expect(contents(await pool.use(a, (s) => s.search({ query: "memory of session a" })))).toEqual(["memory of session a"]);
    });

    it("deletes a session's memories", async () => {
      const pool = newPool();
      const [gone, kept] = [newSessionId(), newSessionId()];
      for (const id of [gone, kept]) await pool.use(id, (s) => s.add([memory("tomas", "a memory to delete or keep")], { turn: 1 }));
      await pool.delete(gone);
      expect(pool.openSessionIds()).toEqual([kept]);
      expect(await pool.count(gone)).toBe(0);
      expect(await pool.count(kept)).toBe(1);
      expect(await pool.use(gone, (s) => s.search({ query: "a memory to delete" }))).toEqual([]);
    });
  });
}
