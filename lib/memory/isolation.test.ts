import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSessionId } from "../common/sessionIds.ts";
import { HashedNgramEmbeddings } from "./embeddings.ts";
import { MemoryPool } from "./pool.ts";
import { tempDataDir } from "../dev/testing/memoryStore.ts";
import type { MemoryInput } from "./types.ts";

// Isolation is structural (one index per session, no API spanning sessions). This test makes the
// worst case for a shared index: every session holds near-identical texts, so a leak across
// sessions would surface immediately as a top hit. maxOpen < sessions forces evict + reopen.
const SESSIONS = 50;
const PER_SESSION = 100;

const text = (s: number, m: number): string => `Tomas shares water with the traveller at the well (session ${s}, memory ${m})`;
const tagOf = (content: string): number => Number(/\(session (\d+),/.exec(content)?.[1]);

describe("memory isolation across sessions", () => {
  const emb = new HashedNgramEmbeddings();
  const ids = Array.from({ length: SESSIONS }, () => newSessionId());
  const ownIds = new Map<string, Set<string>>();
  let pool: MemoryPool;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const tmp = await tempDataDir();
    cleanup = tmp.cleanup;
    pool = new MemoryPool({ dataDir: tmp.dataDir, embeddings: emb, embedderId: emb.id, maxOpen: 8 });
    for (const [s, id] of ids.entries()) {
      // Two turns per session so the reopened (evicted) stores also receive writes.
      for (const half of [0, 1]) {
        const batch: MemoryInput[] = Array.from({ length: PER_SESSION / 2 }, (_, j) => ({
          entity_id: j % 2 ? "tomas" : "traveller",
          content: text(s, half * 50 + j),
          scope: j % 3 ? "event" : "relationship",
          visibility: j % 4 ? "private" : "public",
        }));
        const docs = await pool.use(id, (store) => store.add(batch, { turn: half + 1 }));
        const set = ownIds.get(id) ?? new Set<string>();
        for (const d of docs) set.add(d.id);
        ownIds.set(id, set);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await pool.closeAll();
    await cleanup();
  });

  it("every search in every session returns only that session's memories", async () => {
    let hits = 0;
    let foreign = 0;
    // Visit sessions in a scrambled order, twice, so most visits reopen an evicted store.
    const order = [...ids.keys()].flatMap((i) => [(i * 17) % SESSIONS, (i * 31 + 7) % SESSIONS]);
    for (const s of order) {
      const id = ids[s];
      await pool.use(id, async (store) => {
        expect(store.count()).toBe(PER_SESSION);
        const queries = [
          { query: text((s + 1) % SESSIONS, 5), k: 50 }, // another session's exact text
          { query: "who shares water with the traveller?", k: 10 },
          { query: text(s, 42), k: 8, entity_id: "traveller" },
          { query: "water at the well", k: 20, scope: "relationship" as const },
        ];
        for (const q of queries) {
          const result = await store.search(q);
          expect(result.length).toBe(q.k);
          for (const h of result) {
            hits++;
            if (!ownIds.get(id)?.has(h.memory.id) || tagOf(h.memory.content) !== s) foreign++;
          }
        }
      });
    }
    expect(pool.openCount).toBeLessThanOrEqual(8);
    expect(hits).toBe(order.length * (50 + 10 + 8 + 20));
    expect(foreign).toBe(0);
  });

  it("list never returns another session's memories either", async () => {
    for (const [s, id] of ids.entries()) {
      const { items, total } = await pool.use(id, async (store) => store.list({ limit: 200 }));
      expect(total).toBe(PER_SESSION);
      expect(items.every((d) => tagOf(d.content) === s && ownIds.get(id)?.has(d.id))).toBe(true);
    }
  });
});
