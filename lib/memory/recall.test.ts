import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newSessionId } from "../common/sessionIds.ts";
import { recallQuery } from "../dev/testing/memoryContract.ts";
import { tempDataDir } from "../dev/testing/memoryStore.ts";
import { HashedNgramEmbeddings } from "./embeddings.ts";
import { MemoryPool } from "./pool.ts";
import type { RecallQuery } from "./session.ts";

// The keyword side of recall is a per-store index: these tests make it the only side that can
// find the memory (a query sharing one rare word), so a leak or a stale entry would show.
const emb = new HashedNgramEmbeddings();
const query = (text: string): RecallQuery => recallQuery(text);
const filler = (n: number) => Array.from({ length: n }, (_, i) => ({ entity_id: "tomas", content: `Tomas counted the water barrels at the wagons, round ${i}.`, scope: "event" as const }));

describe("hybrid recall: per-session keyword index", () => {
  let pool: MemoryPool;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dataDir, cleanup } = await tempDataDir());
    pool = new MemoryPool({ dataDir, embeddings: emb, embedderId: emb.id, maxOpen: 1 });
  });
  afterEach(async () => {
    await pool.closeAll();
    await cleanup();
  });

  it("never returns another session's memories, across eviction and reopen", async () => {
    const [a, b] = [newSessionId(), newSessionId()];
    await pool.use(a, (s) => s.add([...filler(20), { entity_id: "mara", content: "Mara hid the quillback lantern in session A.", scope: "event" }], { turn: 1 }));
    await pool.use(b, (s) => s.add([...filler(20), { entity_id: "mara", content: "Mara hid the quillback lantern in session B.", scope: "event" }], { turn: 1 }));
    // maxOpen 1: every use evicts the other store, so each search runs on a keyword index rebuilt on open.
    for (const [id, own] of [[a, "session A"], [b, "session B"]] as const) {
      const hits = await pool.use(id, (s) => s.recall(query("where is the quillback")));
      expect(hits.some((h) => h.memory.content.includes("quillback"))).toBe(true);
      expect(hits.every((h) => !h.memory.content.includes("quillback") || h.memory.content.includes(own))).toBe(true);
    }
  });

  it("forgets what discardAfterTurn removed, and nothing survives the session's delete", async () => {
    const id = newSessionId();
    await pool.use(id, (s) => s.add(filler(10), { turn: 1 }));
    await pool.use(id, (s) => s.add([{ entity_id: "mara", content: "Mara buried the zephyrine compass.", scope: "event" }], { turn: 2 }));
    expect((await pool.use(id, (s) => s.recall(query("zephyrine")))).map((h) => h.memory.content)).toContain("Mara buried the zephyrine compass.");
    await pool.use(id, (s) => s.discardAfterTurn(1));
    expect((await pool.use(id, (s) => s.recall(query("zephyrine")))).some((h) => h.memory.content.includes("zephyrine"))).toBe(false);

    await pool.use(id, (s) => s.add([{ entity_id: "mara", content: "Mara buried the zephyrine compass again.", scope: "event" }], { turn: 2 }));
    await pool.delete(id);
    expect(existsSync(path.join(dataDir, "sessions", id, "memory"))).toBe(false);
    expect(await pool.use(id, (s) => s.recall(query("zephyrine")))).toEqual([]);
  });

  it("applies the holder filter to the keyword side too", async () => {
    const id = newSessionId();
    await pool.use(id, (s) => s.add([...filler(5), { entity_id: "okoro", content: "Okoro hid the obsidian map.", scope: "event", visibility: "private" }], { turn: 1 }));
    const hits = await pool.use(id, (s) => s.recall({ ...query("obsidian"), entity_id: "tomas" }));
    expect(hits.every((h) => h.memory.entity_id === "tomas")).toBe(true);
  });
});
