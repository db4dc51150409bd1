import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newSessionId } from "../common/sessionIds.ts";
import { HashedNgramEmbeddings } from "../memory/embeddings.ts";
import { MemoryPool } from "../memory/pool.ts";
import { tempDataDir } from "../../dev/testing/memoryStore.ts";
import { runMigrate } from "./migrate.ts";

function captureIO(): { io: Parameters<typeof runMigrate>[1]; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err };
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, createHash("sha256").update(readFileSync(path.join(dir, f))).digest("hex")]));
}

describe("quietstories migrate", () => {
  const emb = new HashedNgramEmbeddings();
  const handle = { embeddings: emb, id: emb.id, dimension: emb.dimension };
  const sessions = [newSessionId(), newSessionId(), newSessionId()];
  const counts = [20, 15, 5];
  let root: string;
  let cleanup: () => Promise<void>;
  let legacyDir: string;
  let dataDir: string;

  beforeEach(async () => {
    ({ dataDir: root, cleanup } = await tempDataDir());
    legacyDir = path.join(root, "legacy");
    dataDir = path.join(root, "data");
    // The legacy layout: ONE shared index for every session, session id in metadata.
    const texts: string[] = [];
    const metadatas: Record<string, unknown>[] = [];
    sessions.forEach((sid, s) => {
      for (let m = 0; m < counts[s]; m++) {
        texts.push(`Tomas shares water with the traveller at the well (session ${s}, memory ${m})`);
        metadatas.push({ session_id: sid, entity_id: m % 2 ? "tomas" : "traveller", scope: m % 2 ? "event" : "dream", turn: m, importance: 3, visibility: "public" });
      }
    });
    const store = await HNSWLib.fromTexts(texts, metadatas, emb);
    await store.addDocuments([
      new Document({ pageContent: "orphan without session", metadata: {} }),
      new Document({ pageContent: "bad id", metadata: { session_id: "../../etc" } }),
      new Document({ pageContent: "   ", metadata: { session_id: sessions[0] } }),
    ]);
    await store.save(legacyDir);
  });
  afterEach(async () => cleanup());

  it("splits a shared legacy store into isolated per-session stores, idempotently, without touching the source", async () => {
    const before = hashes(legacyDir);
    const first = captureIO();
    expect(await runMigrate(["--from", legacyDir, "--data-dir", dataDir], first.io, { embeddings: handle })).toBe(0);
    sessions.forEach((sid, s) => expect(first.out()).toContain(`${sid}\t${counts[s]} added\t0 already present`));
    expect(first.out()).toMatch(/total\t40 added\t0 already present\t2 skipped \(invalid session_id\)\t1 skipped \(empty\)/);
    expect(first.err()).toMatch(/skipped 1 document\(s\) with invalid session_id "\.\.\/\.\.\/etc"/);
    expect(first.err()).toMatch(/40\/40 documents/);

    const pool = new MemoryPool({ dataDir, embeddings: emb, embedderId: emb.id });
    try {
      for (const [s, sid] of sessions.entries()) {
        const store = await pool.get(sid);
        expect(store.count()).toBe(counts[s]);
        const hits = await store.search({ query: "Tomas shares water with the traveller (session 0, memory 3)", k: Math.min(10, counts[s]) });
        expect(hits.every((h) => h.memory.content.includes(`(session ${s},`))).toBe(true);
        const doc = store.list({ limit: 200 }).items.find((d) => d.content.endsWith("memory 1)"));
        // Legacy metadata mapped: invalid scope → general, importance clamped, turn kept.
        expect(doc).toMatchObject({ entity_id: "tomas", scope: "event", visibility: "public", importance: 1, turn: 1, source_id: expect.stringMatching(/^legacy:/) });
        expect(store.list({ scope: "general" }).total).toBe(Math.ceil(counts[s] / 2));
      }
    } finally {
      await pool.closeAll();
    }

    const second = captureIO();
    expect(await runMigrate(["--from", legacyDir, "--data-dir", dataDir], second.io, { embeddings: handle })).toBe(0);
    expect(second.out()).toMatch(/total\t0 added\t40 already present/);
    expect(hashes(legacyDir)).toEqual(before);
  });

  it("supports a custom session key and the QS_DATA_DIR env", async () => {
    const io = captureIO();
    expect(await runMigrate(["--from", legacyDir, "--session-key", "sid"], io.io, { embeddings: handle, env: { QS_DATA_DIR: dataDir } })).toBe(0);
    expect(io.out()).toMatch(/total\t0 added\t0 already present\t43 skipped \(invalid sid\)/);
  });

  it("reports usage errors with exit code 2", async () => {
    const io = captureIO();
    expect(await runMigrate([], io.io, { embeddings: handle })).toBe(2);
    expect(io.err()).toMatch(/missing --from/);
    expect(await runMigrate(["--from", path.join(root, "nope")], io.io, { embeddings: handle })).toBe(2);
    expect(io.err()).toMatch(/cannot read legacy store/);
    expect(await runMigrate(["--bogus"], io.io, { embeddings: handle })).toBe(2);
  });
});
