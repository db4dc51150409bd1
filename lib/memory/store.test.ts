import { existsSync, readdirSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { Embeddings } from "@langchain/core/embeddings";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newSessionId } from "../common/sessionIds.ts";
import { DocStore } from "./docs.ts";
import { HashedNgramEmbeddings } from "./embeddings.ts";
import { EmbedderMismatchError, MemoryValidationError, StoreClosedError } from "./errors.ts";
import { FILES, memoryDir } from "./files.ts";
import { SessionMemoryStore } from "./store.ts";
import { offlineStoreOptions, tempDataDir } from "../dev/testing/memoryStore.ts";
import type { MemoryInput } from "./types.ts";

let dataDir: string;
let cleanup: () => Promise<void>;
let sessionId: string;
const open: SessionMemoryStore[] = [];

async function openStore(extra = {}): Promise<SessionMemoryStore> {
  const s = await SessionMemoryStore.open(offlineStoreOptions(dataDir, sessionId, extra));
  open.push(s);
  return s;
}

const mem = (content: string, extra: Partial<MemoryInput> = {}): MemoryInput => ({ entity_id: "tomas", content, scope: "event", ...extra });

beforeEach(async () => {
  ({ dataDir, cleanup } = await tempDataDir());
  sessionId = newSessionId();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await cleanup();
});

describe("SessionMemoryStore basics", () => {
  it("adds, searches and persists across close/reopen", async () => {
    const s = await openStore();
    const added = await s.add([mem("Tomas shares water with the traveller at the well"), mem("Mara distrusts the mayor", { entity_id: "mara", scope: "belief" })], { turn: 3 });
    expect(added.map((d) => d.id)).toEqual([expect.stringMatching(/^mem_/), expect.stringMatching(/^mem_/)]);
    expect(added[0]).toMatchObject({ visibility: "private", importance: 0.5, related_entities: [], turn: 3 });
    await s.close();

    const again = await openStore();
    expect(again.count()).toBe(2);
    expect(again.stats.reconciled).toEqual({ added: 0, removed: 0 });
    const hits = await again.search({ query: "who gave water to the traveller?" });
    expect(hits[0].memory.id).toBe(added[0].id);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
    const meta = JSON.parse(await readFile(path.join(memoryDir(dataDir, sessionId), FILES.meta), "utf8"));
    expect(meta).toEqual({ embedder: "hashed-ngram-v1", dimension: 256, space: "cosine", M: 16, efConstruction: 200, count: 2, version: 1 });
  });

  it("discards what turns after a given turn wrote, and that persists", async () => {
    const s = await openStore();
    const [kept] = await s.add([mem("Tomas shares water with the traveller")], { turn: 1 });
    await s.add([mem("Tomas shares bread with the traveller"), mem("Tomas hides the water barrel")], { turn: 2 });
    expect(await s.discardAfterTurn(1)).toBe(2);
    expect(s.count()).toBe(1);
    expect((await s.search({ query: "Tomas shares bread" })).map((h) => h.memory.id)).toEqual([kept.id]);
    expect(await s.discardAfterTurn(1)).toBe(0);
    await s.close();
    const again = await openStore();
    expect(again.list().items.map((d) => d.id)).toEqual([kept.id]);
    expect(again.stats.reconciled).toEqual({ added: 0, removed: 0 });
  });

  it("gives relationship memories a higher default importance", async () => {
    const s = await openStore();
    const [rel, explicit] = await s.add([mem("Tomas trusts Mara", { scope: "relationship" }), mem("x", { importance: 0.1 })], { turn: 0 });
    expect(rel.importance).toBe(0.7);
    expect(explicit.importance).toBe(0.1);
  });

  it("rejects a batch with any invalid input and writes nothing", async () => {
    const s = await openStore();
    const bad = [mem("fine"), { ...mem(""), session_id: "ses_x" } as MemoryInput, mem("y", { scope: "dream" as never })];
    const err = await s.add(bad, { turn: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MemoryValidationError);
    const issues = (err as MemoryValidationError).issues;
    expect(issues.map((i) => i.index)).toEqual(expect.arrayContaining([1, 2]));
    expect((err as Error).message).toMatch(/inputs\[1\].*content/);
    expect((err as Error).message).toMatch(/session_id/);
    expect(s.count()).toBe(0);
    expect(s.list().total).toBe(0);
    await expect(s.add([mem("ok")], { turn: -1 })).rejects.toThrow(MemoryValidationError);
  });

  it("writes nothing when the embedder fails", async () => {
    class Failing extends Embeddings {
      constructor() {
        super({});
      }
      override async embedDocuments(): Promise<number[][]> {
        throw new Error("embedding service down");
      }
      override async embedQuery(): Promise<number[]> {
        return new Array(256).fill(0.1);
      }
    }
    const s = await openStore({ embeddings: new Failing() });
    await expect(s.add([mem("a")], { turn: 1 })).rejects.toThrow("embedding service down");
    expect(s.list().total).toBe(0);
  });

  it("filters by entity, scope and visibility and still returns k hits", async () => {
    const s = await openStore();
    const inputs: MemoryInput[] = [];
    for (let i = 0; i < 300; i++) {
      const rare = i % 25 === 0; // 12 memories
      inputs.push(mem(`${rare ? "Ines" : "Tomas"} carries water to the well, trip ${i}`, { entity_id: rare ? "ines" : "tomas", scope: i % 2 ? "event" : "goal", visibility: i % 3 ? "private" : "public" }));
    }
    await s.add(inputs, { turn: 1 });
    const ines = await s.search({ query: "Tomas carries water to the well", entity_id: "ines", k: 10 });
    expect(ines).toHaveLength(10);
    expect(ines.every((h) => h.memory.entity_id === "ines")).toBe(true);
    const goals = await s.search({ query: "water", scope: "goal", k: 50 });
    expect(goals).toHaveLength(50);
    expect(goals.every((h) => h.memory.scope === "goal")).toBe(true);
    const pub = await s.search({ query: "water", visibility: "public", entity_id: "tomas", k: 20 });
    expect(pub).toHaveLength(20); // 96 public memories of Tomas exist; `every` on an empty list would prove nothing
    expect(pub.every((h) => h.memory.visibility === "public" && h.memory.entity_id === "tomas")).toBe(true);
    expect(await s.search({ query: "water", entity_id: "nobody" })).toEqual([]);
    await expect(s.search({ query: "water", k: 51 })).rejects.toThrow(RangeError);
    await expect(s.search({ query: "water", k: 0 })).rejects.toThrow(RangeError);
  });

  it("breaks score ties deterministically (older memory first)", async () => {
    const s = await openStore();
    const docs = await s.add([mem("the bell rings at dawn"), mem("the bell rings at dawn"), mem("the bell rings at dawn")], { turn: 1 });
    const hits = await s.search({ query: "the bell rings at dawn", k: 3 });
    expect(hits.map((h) => h.memory.label)).toEqual(docs.map((d) => d.label));
  });

  it("lists newest first with pagination and filters", async () => {
    const s = await openStore();
    for (let turn = 1; turn <= 5; turn++) {
      await s.add(Array.from({ length: 5 }, (_, j) => mem(`turn ${turn} memory ${j}`, { entity_id: j === 0 ? "mara" : "tomas" })), { turn });
    }
    const page1 = s.list({ limit: 10 });
    expect(page1.total).toBe(25);
    expect(page1.items).toHaveLength(10);
    expect(page1.items[0].content).toBe("turn 5 memory 4");
    const page3 = s.list({ limit: 10, offset: 20 });
    expect(page3.items.map((d) => d.content).at(-1)).toBe("turn 1 memory 0");
    const all = [...page1.items, ...s.list({ limit: 10, offset: 10 }).items, ...page3.items];
    expect(new Set(all.map((d) => d.id)).size).toBe(25);
    const mara = s.list({ entity_id: "mara" });
    expect(mara.total).toBe(5);
    expect(mara.items.map((d) => d.turn)).toEqual([5, 4, 3, 2, 1]);
  });

  it("serialises concurrent adds", async () => {
    const s = await openStore();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.add([mem(`parallel ${i} a`), mem(`parallel ${i} b`)], { turn: i })));
    expect(new Set(results.flat().map((d) => d.label)).size).toBe(20);
    await s.close();
    const again = await openStore();
    expect(again.count()).toBe(20);
    expect(again.stats.reconciled.added).toBe(0);
  });

  it("refuses use after close", async () => {
    const s = await openStore();
    await s.close();
    await s.close();
    expect(() => s.list()).toThrow(StoreClosedError);
    await expect(s.search({ query: "x" })).rejects.toThrow(StoreClosedError);
  });
});

describe("SessionMemoryStore durability", () => {
  it("grows past its initial capacity", async () => {
    const s = await openStore({ hnsw: { initialCapacity: 16 } });
    for (let i = 0; i < 10; i++) await s.add(Array.from({ length: 10 }, (_, j) => mem(`lantern ${i * 10 + j} burns in the tower`)), { turn: i });
    expect(s.stats.capacity).toBeGreaterThanOrEqual(100);
    await s.close();
    const again = await openStore({ hnsw: { initialCapacity: 16 } });
    expect(again.count()).toBe(100);
    const hits = await again.search({ query: "lantern 77 burns in the tower", k: 1 });
    expect(hits[0].memory.content).toBe("lantern 77 burns in the tower");
  });

  it("replaces the index atomically and cleans a stale .tmp left by a crash", async () => {
    const s = await openStore();
    await s.add([mem("the storm broke the bridge")], { turn: 1 });
    const dir = memoryDir(dataDir, sessionId);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await s.close();
    await writeFile(path.join(dir, `${FILES.index}.tmp`), "torn half-written index");
    await writeFile(path.join(dir, `${FILES.meta}.tmp`), "{");
    const again = await openStore();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await again.search({ query: "storm bridge" }))[0].memory.content).toBe("the storm broke the bridge");
  });

  it("reconciles after a crash between the doc write and the index save", async () => {
    const s = await openStore();
    await s.add([mem("saved normally")], { turn: 1 });
    await s.close();
    // Simulated crash: documents committed, index never saved.
    const docs = new DocStore(path.join(memoryDir(dataDir, sessionId), FILES.docs));
    docs.insert(["the wolf howls at the mill", "the key is under the stone"].map((content, i) => ({
      id: `mem_crash${i}`, entity_id: "tomas", content, scope: "event", visibility: "private", importance: 0.5, related_entities: [], turn: 2, created_at: new Date().toISOString(),
    })));
    docs.close();
    const again = await openStore();
    expect(again.stats.reconciled).toEqual({ added: 2, removed: 0 });
    expect((await again.search({ query: "where is the key?", k: 1 }))[0].memory.id).toBe("mem_crash1");
    await again.close();
    expect((await openStore()).stats.reconciled).toEqual({ added: 0, removed: 0 });
  });

  it("marks index labels without a document as deleted", async () => {
    const s = await openStore();
    const [keep, lost] = await s.add([mem("the garden gate creaks"), mem("the garden gate is locked")], { turn: 1 });
    await s.close();
    const db = new Database(path.join(memoryDir(dataDir, sessionId), FILES.docs));
    db.prepare("DELETE FROM memories WHERE id = ?").run(lost.id);
    db.close();
    const again = await openStore();
    expect(again.stats.reconciled).toEqual({ added: 0, removed: 1 });
    const hits = await again.search({ query: "garden gate locked", k: 5 });
    expect(hits.map((h) => h.memory.id)).toEqual([keep.id]);
  });

  it("rebuilds an index that has no meta.json (interrupted reembed)", async () => {
    const s = await openStore();
    await s.add([mem("the ship leaves at noon")], { turn: 1 });
    await s.close();
    await rm(path.join(memoryDir(dataDir, sessionId), FILES.meta));
    const again = await openStore();
    expect(again.stats.reconciled.added).toBe(1);
    expect(existsSync(path.join(memoryDir(dataDir, sessionId), FILES.meta))).toBe(true);
  });

  it("refuses an index built by another embedder and names the fix", async () => {
    const s = await openStore();
    await s.add([mem("a")], { turn: 1 });
    await s.close();
    const err = await SessionMemoryStore.open(offlineStoreOptions(dataDir, sessionId, { embedderId: "openai:text-embedding-3-small@api.openai.com", dimension: 1536 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderMismatchError);
    expect((err as Error).message).toContain(`run \`npx quietstories reembed ${sessionId}\` or start a new session`);
    expect((err as Error).message).toContain('"hashed-ngram-v1" (dimension 256)');
    const small = new HashedNgramEmbeddings({ dimension: 128 });
    await expect(SessionMemoryStore.open({ dataDir, sessionId, embeddings: small, embedderId: small.id, dimension: 128 })).rejects.toThrow(EmbedderMismatchError);
    // Same id but the model silently returns other sizes: caught on the first embedding.
    const liar = await SessionMemoryStore.open({ dataDir, sessionId, embeddings: small, embedderId: small.id });
    open.push(liar);
    await expect(liar.search({ query: "a" })).rejects.toThrow(EmbedderMismatchError);
  });

  it("returns memories by id in the order asked, leaving out unknown ids", async () => {
    const s = await openStore();
    const [a, b] = await s.add([mem("the well is dry"), mem("the map is torn")], { turn: 1 });
    expect(s.get([b.id, "mem_unknown", a.id]).map((d) => d.content)).toEqual(["the map is torn", "the well is dry"]);
    expect(s.get([])).toEqual([]);
  });
});
