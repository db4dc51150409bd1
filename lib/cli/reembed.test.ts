import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newSessionId } from "../common/sessionIds.ts";
import { HashedNgramEmbeddings } from "../memory/embeddings.ts";
import { EmbedderMismatchError } from "../memory/errors.ts";
import { FILES, memoryDir } from "../memory/files.ts";
import { SessionMemoryStore } from "../memory/store.ts";
import { tempDataDir } from "../dev/testing/memoryStore.ts";
import { runReembed } from "./reembed.ts";

function captureIO(): { io: Parameters<typeof runReembed>[1]; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err };
}

describe("quietstories reembed", () => {
  let dataDir: string;
  let cleanup: () => Promise<void>;
  const sessionId = newSessionId();
  const oldEmb = new HashedNgramEmbeddings();
  // A "new" embedder: another id and dimension, as after switching QS_EMBEDDINGS.
  const newEmb = new HashedNgramEmbeddings({ dimension: 128 });
  const newHandle = { embeddings: newEmb, id: "hashed-ngram-v1-test-128", dimension: 128 };

  beforeEach(async () => {
    ({ dataDir, cleanup } = await tempDataDir());
    const store = await SessionMemoryStore.open({ dataDir, sessionId, embeddings: oldEmb, embedderId: oldEmb.id, dimension: 256 });
    await store.add(Array.from({ length: 300 }, (_, i) => ({ entity_id: i % 2 ? "mara" : "tomas", content: `Mara hides letter ${i} in the tower`, scope: "event" as const })), { turn: 1 });
    await store.close();
  });
  afterEach(async () => cleanup());

  const openNew = (): Promise<SessionMemoryStore> =>
    SessionMemoryStore.open({ dataDir, sessionId, embeddings: newEmb, embedderId: newHandle.id, dimension: 128 });

  it("turns a mismatch into a working store with the new embedder, keeping every memory", async () => {
    await expect(openNew()).rejects.toThrow(EmbedderMismatchError);
    const io = captureIO();
    expect(await runReembed([sessionId, "--data-dir", dataDir], io.io, { embeddings: newHandle })).toBe(0);
    expect(io.out()).toBe(`${sessionId}\t300 memories re-embedded\thashed-ngram-v1 (256-d) -> hashed-ngram-v1-test-128 (128-d)\n`);
    expect(io.err()).toContain("300/300 memories re-embedded");
    const meta = JSON.parse(await readFile(path.join(memoryDir(dataDir, sessionId), FILES.meta), "utf8"));
    expect(meta).toMatchObject({ embedder: newHandle.id, dimension: 128, count: 300 });

    const store = await openNew();
    try {
      expect(store.stats.reconciled).toEqual({ added: 0, removed: 0 });
      expect(store.count()).toBe(300);
      const [hit] = await store.search({ query: "Mara hides letter 123 in the tower", k: 1 });
      expect(hit.memory.content).toBe("Mara hides letter 123 in the tower");
      // Labels are preserved, so filters and later adds keep working.
      expect((await store.search({ query: "letter", entity_id: "mara", k: 5 })).every((h) => h.memory.entity_id === "mara")).toBe(true);
      await store.add([{ entity_id: "tomas", content: "a new memory after reembed", scope: "event" }], { turn: 2 });
      expect(store.count()).toBe(301);
    } finally {
      await store.close();
    }
    await expect(SessionMemoryStore.open({ dataDir, sessionId, embeddings: oldEmb, embedderId: oldEmb.id })).rejects.toThrow(/reembed/);
  });

  it("validates its arguments", async () => {
    const io = captureIO();
    expect(await runReembed([], io.io, { embeddings: newHandle })).toBe(2);
    expect(await runReembed(["../etc"], io.io, { embeddings: newHandle })).toBe(2);
    expect(io.err()).toMatch(/invalid session id/);
    expect(await runReembed([newSessionId(), "--data-dir", dataDir], io.io, { embeddings: newHandle })).toBe(1);
    expect(io.err()).toMatch(/has no memory/);
  });
});
