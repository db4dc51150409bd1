import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { newSessionId } from "../common/sessionIds.ts";
import { silentLogger } from "../config/logger.ts";
import { createPool } from "../postgres/pool.ts";
import { memoryBackendContract, recallQuery } from "../dev/testing/memoryContract.ts";
import { tempDataDir } from "../dev/testing/memoryStore.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../dev/testing/postgres.ts";
import { HashedNgramEmbeddings } from "./embeddings.ts";
import { copyMemoryToPostgres } from "./copyToPostgres.ts";
import { PostgresMemoryBackend } from "./pgBackend.ts";
import { MemoryPool } from "./pool.ts";
import { SNAPSHOT_MIN_POINTS } from "./pgMemoryIndex.ts";
import type { PgSessionMemory } from "./pgStore.ts";
import type { MemoryInput } from "./types.ts";

// One throwaway cluster for this file; each describe gets its own database.
const skip = postgresSkipReason();
if (skip) console.warn(skip);
let cluster: TestPostgres | undefined;
const clusterReady = skip ? undefined : startTestPostgres().then((c) => (cluster = c));
afterAll(async () => {
  await cluster?.stop();
});

async function database(): Promise<{ db: pg.Pool; close: () => Promise<void> }> {
  const c = await clusterReady!;
  const db = createPool(await c.createDatabase(), silentLogger, { max: 8, applicationName: "memory-test" });
  return { db, close: () => db.end() };
}

describe.skipIf(skip !== undefined)("memory on PostgreSQL", () => {
  memoryBackendContract("PostgreSQL", async () => {
    const [{ db, close }, tmp] = await Promise.all([database(), tempDataDir()]);
    return {
      dataDir: tmp.dataDir,
      backend: () => new PostgresMemoryBackend(db),
      cleanup: async () => {
        await close();
        await tmp.cleanup();
      },
    };
  });

  describe("two instances on one database", () => {
    const emb = new HashedNgramEmbeddings();
    let db: pg.Pool;
    let close: () => Promise<void>;
    let a: MemoryPool;
    let b: MemoryPool;
    const instance = (maxOpen = 64) => new MemoryPool({ dataDir: "/nonexistent-not-used", embeddings: emb, embedderId: emb.id, dimension: emb.dimension, maxOpen, backend: new PostgresMemoryBackend(db) });
    const memory = (entity_id: string, content: string): MemoryInput => ({ entity_id, content, scope: "event" });
    const found = async (pool: MemoryPool, id: string, query: string, k = 10) => (await pool.use(id, (s) => s.search({ query, k }))).map((h) => h.memory.content);

    beforeAll(async () => {
      ({ db, close } = await database());
    });
    afterEach(async () => {
      await Promise.all([a?.closeAll(), b?.closeAll()]);
    });
    afterAll(async () => {
      await close?.();
    });

    it("a write through A is found by the next search on B, whose index was already built", async () => {
      [a, b] = [instance(), instance()];
      const id = newSessionId();
      await a.use(id, (s) => s.add([memory("tomas", "Tomas buried the knife by the river")], { turn: 1 }));
      expect(await found(b, id, "knife river")).toEqual(["Tomas buried the knife by the river"]);
      await a.use(id, (s) => s.add([memory("mara", "Mara found a knife in the river mud")], { turn: 2 }));
      expect((await found(b, id, "knife river")).sort()).toEqual(["Mara found a knife in the river mud", "Tomas buried the knife by the river"]);
      expect(await b.count(id)).toBe(2);
      expect((await b.use(id, async (s) => s.list())).total).toBe(2);
    });

    it("the keyword side of recall catches up too: a rare word written on A is recalled on B, then forgotten after A discards it", async () => {
      [a, b] = [instance(), instance()];
      const id = newSessionId();
      await a.use(id, (s) => s.add([memory("tomas", "Tomas counted the barrels")], { turn: 1 }));
      expect(await b.use(id, (s) => s.recall(recallQuery("barrels")))).toHaveLength(1); // B's indexes are built now
      await a.use(id, (s) => s.add([memory("mara", "Mara hid the quillback lantern")], { turn: 2 }));
      expect((await b.use(id, (s) => s.recall(recallQuery("quillback")))).map((h) => h.memory.content)).toContain("Mara hid the quillback lantern");
      await a.use(id, (s) => s.discardAfterTurn(1));
      expect((await b.use(id, (s) => s.recall(recallQuery("quillback")))).some((h) => h.memory.content.includes("quillback"))).toBe(false);
    });

    it("a delete on A (a turn that never committed) disappears from B's results", async () => {
      [a, b] = [instance(), instance()];
      const id = newSessionId();
      await a.use(id, async (s) => {
        await s.add([memory("tomas", "the oath at the tower")], { turn: 1 });
        await s.add([memory("tomas", "the oath broken at the tower")], { turn: 2 });
      });
      expect(await found(b, id, "oath tower")).toHaveLength(2);
      expect(await a.use(id, (s) => s.discardAfterTurn(1))).toBe(1);
      expect(await found(b, id, "oath tower")).toEqual(["the oath at the tower"]);
      // A third instance opening the session later, with the guard, sees the same.
      const c = instance();
      c.guardOpens(async () => 1);
      expect(await found(c, id, "oath tower")).toEqual(["the oath at the tower"]);
      await c.closeAll();
    });

    it("uncommitted-turn removal on open: B removes what A wrote for a turn that never committed", async () => {
      [a, b] = [instance(), instance()];
      const id = newSessionId();
      await a.use(id, (s) => s.add([memory("tomas", "turn one: the seal")], { turn: 1 }));
      expect(await found(a, id, "the seal")).toHaveLength(1);
      await a.use(id, (s) => s.add([memory("tomas", "turn two: the seal, never committed")], { turn: 2 }));
      b.guardOpens(async () => 1);
      expect(await found(b, id, "the seal")).toEqual(["turn one: the seal"]);
      // A's index catches up with B's tombstones on its next search.
      expect(await found(a, id, "the seal")).toEqual(["turn one: the seal"]);
    });

    it("isolation across 24 sessions written through both instances is 100%", async () => {
      [a, b] = [instance(6), instance(6)];
      const ids = Array.from({ length: 24 }, () => newSessionId());
      const text = (s: number, m: number) => `Tomas shares water with the traveller at the well (session ${s}, memory ${m})`;
      for (const [s, id] of ids.entries()) {
        const writer = s % 2 ? a : b;
        await writer.use(id, (st) => st.add(Array.from({ length: 5 }, (_, m) => memory("tomas", text(s, m))), { turn: 1 }));
      }
      let foreign = 0;
      for (const [s, id] of ids.entries()) {
        const reader = s % 2 ? b : a;
        const hits = await found(reader, id, text((s + 7) % ids.length, 0));
        expect(hits).toHaveLength(5);
        foreign += hits.filter((c) => !c.includes(`(session ${s},`)).length;
      }
      expect(foreign).toBe(0);
    });

    it("a cold instance loads the index snapshot of a big session and catches up with the rows newer than it", async () => {
      [a, b] = [instance(), instance()];
      const id = newSessionId();
      const bulk = Array.from({ length: SNAPSHOT_MIN_POINTS }, (_, i) => memory(`npc_${i % 7}`, `bulk note ${i} about the harvest ledger`));
      await a.use(id, (s) => s.add(bulk, { turn: 1 }));
      const build = async (pool: MemoryPool) => pool.use(id, async (s) => ((await (s as PgSessionMemory).sync()), (s as PgSessionMemory).lastBuild));
      expect(await build(b)).toMatchObject({ fromSnapshot: false, inserted: SNAPSHOT_MIN_POINTS, points: SNAPSHOT_MIN_POINTS });
      await a.use(id, async (s) => {
        await s.add([memory("tomas", "the wagon wheel broke at the ford")], { turn: 2 });
        await s.add([memory("tomas", "the wagon was never repaired")], { turn: 3 });
        await s.discardAfterTurn(2);
      });
      const c = instance();
      expect(await build(c)).toMatchObject({ fromSnapshot: true, inserted: 1, points: SNAPSHOT_MIN_POINTS + 1 });
      const onC = await found(c, id, "wagon wheel ford", 3);
      expect(onC[0]).toBe("the wagon wheel broke at the ford");
      expect(onC).not.toContain("the wagon was never repaired");
      expect(onC).toEqual(await found(b, id, "wagon wheel ford", 3));
      expect(await found(c, id, "bulk note 17 about the harvest ledger", 1)).toEqual(["bulk note 17 about the harvest ledger"]);
      await c.closeAll();
    });

    it("copies a session's memory from the data folder into the database once (labels, ids and vectors kept)", async () => {
      const tmp = await tempDataDir();
      const files = new MemoryPool({ dataDir: tmp.dataDir, embeddings: emb, embedderId: emb.id, dimension: emb.dimension });
      const id = newSessionId();
      await files.use(id, async (s) => {
        await s.add([memory("tomas", "the bell rang at dawn"), memory("mara", "the bell cracked in winter")], { turn: 1 });
        await s.add([memory("tomas", "the bell was never rung")], { turn: 2 });
        await s.discardAfterTurn(1); // a gap in the labels
        await s.add([memory("mara", "a new bell from the smith")], { turn: 2 });
      });
      const expected = await files.use(id, (s) => s.search({ query: "the bell", k: 10 }));
      await files.closeAll();
      expect(await copyMemoryToPostgres(tmp.dataDir, id, db)).toEqual({ copied: 3 });
      expect(await copyMemoryToPostgres(tmp.dataDir, id, db)).toBe("already in the database");
      expect(await copyMemoryToPostgres(tmp.dataDir, newSessionId(), db)).toBe("no memory");
      [a, b] = [instance(), instance()];
      const got = await a.use(id, (s) => s.search({ query: "the bell", k: 10 }));
      expect(got.map((h) => h.memory)).toEqual(expected.map((h) => h.memory));
      const [next] = await a.use(id, (s) => s.add([memory("tomas", "the bell again")], { turn: 3 }));
      expect(next.label).toBe(Math.max(...expected.map((h) => h.memory.label)) + 1);
      await tmp.cleanup();
    });

    it("concurrent writes to one session from both instances keep every memory, each once", async () => {
      [a, b] = [instance(), instance()];
      const id = newSessionId();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).use(id, (s) => s.add([memory("tomas", `lantern note ${i}`), memory("mara", `lantern entry ${i}`)], { turn: 1 }))),
      );
      for (const pool of [a, b]) {
        const hits = await pool.use(id, (s) => s.search({ query: "lantern", k: 50 }));
        expect(new Set(hits.map((h) => h.memory.id)).size).toBe(20);
        expect(new Set(hits.map((h) => h.memory.label)).size).toBe(20);
      }
    });
  });
});
