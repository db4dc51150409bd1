import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TurnRecord } from "../../graph/records.ts";
import { loadEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../dev/testing/postgres.ts";
import { StoryEngine } from "./engine.ts";
import { SessionLocks } from "./locks.ts";
import { openStorage, type EngineStorage } from "./storage.ts";

/**
 * The storage contract, one body for both back ends: the data folder's SQLite files and
 * PostgreSQL (a throwaway cluster; skipped with a message only outside CI when it is not installed).
 */
const skip = postgresSkipReason();
if (skip) console.warn(skip);

let cluster: TestPostgres | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  if (!skip) cluster = await startTestPostgres();
});
afterAll(async () => {
  await cluster?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qs-storage-"));
  dirs.push(dir);
  return dir;
};

type Backend = "sqlite" | "postgres";
/** A fresh environment of the back end: its own data folder and, for Postgres, its own database. */
async function envFor(backend: Backend, overrides: Record<string, string> = {}) {
  const database = backend === "postgres" ? { QS_DATABASE_URL: await cluster!.createDatabase() } : {};
  return loadEnv({ QS_DATA_DIR: tempDir(), QS_MODEL_PROVIDER: "offline", QS_EMBEDDINGS: "offline", QS_OFFLINE_TOKEN_DELAY_MS: "0", ...database, ...overrides });
}

const row = (id: string, at: string, turn = 0) => ({ id, scenario: "frontier-caravan", title: `T ${id}`, created_at: at, updated_at: at, turn });
const backends: Backend[] = ["sqlite", "postgres"];
const turnRecord: TurnRecord = {
  turn: 1,
  input: "",
  narrative: "narrative",
  tool_calls: [],
  confirmation: "",
  at: "2026-01-01T00:00:00.000Z",
  metrics: { ttft_ms: 1, total_ms: 1, llm_calls: 1, tool_calls: 0, cache_hits: 0, tool_calls_by_name: {}, tool_calls_by_phase: { read: 0, write: 0, repair: 0 }, input_tokens: 1, output_tokens: 1, model: "offline", repaired: false },
};

describe.each(backends)("storage contract on %s", (backend) => {
  const skipped = backend === "postgres" && skip !== undefined;
  let storage: EngineStorage;
  beforeAll(async () => {
    if (!skipped) storage = await openStorage(await envFor(backend), silentLogger);
  });
  afterAll(async () => storage?.close());

  it.skipIf(skipped)("session index: rows, owners, card books, newest first, counts, the delete states", async () => {
    const { index } = storage;
    const book = JSON.stringify({ name: "Book ✓", entries: [{ keys: ["k"], content: "c" }], played: [] });
    await index.insert(row("ses_a1", "2026-01-01"), "alice");
    await index.insert(row("ses_a2", "2026-01-03"), "alice");
    await index.insert(row("ses_b1", "2026-01-02"), "bob", book);
    await index.insert(row("ses_n1", "2026-01-04"));
    await expect(index.insert(row("ses_a1", "2026-01-05"))).rejects.toThrow();
    expect(await index.get("ses_a1")).toEqual(row("ses_a1", "2026-01-01"));
    expect(await index.get("ses_missing")).toBeUndefined();
    expect(await index.ownerOf("ses_b1")).toBe("bob");
    expect(await index.ownerOf("ses_n1")).toBeNull();
    expect(await index.ownerOf("ses_missing")).toBeUndefined();
    expect(await index.cardBook("ses_b1")).toBe(book);
    expect(await index.get("ses_b1")).toEqual(row("ses_b1", "2026-01-02"));
    expect(await index.cardBook("ses_a1")).toBeUndefined();
    expect(await index.cardBook("ses_missing")).toBeUndefined();
    expect((await index.list(10, 0)).items.map((s) => s.id)).toEqual(["ses_n1", "ses_a2", "ses_b1", "ses_a1"]);
    expect(await index.list(1, 1, { owner: "alice" })).toEqual({ items: [row("ses_a1", "2026-01-01")], total: 2 });
    expect((await index.list(10, 0, { owner: null })).items.map((s) => s.id)).toEqual(["ses_n1"]);
    expect(await index.countOwnedBy("alice")).toBe(2);
    expect(await index.countOwnedBy(null)).toBe(1);
    expect(await index.count()).toBe(4);

    await index.recordTurn("ses_a1", 3, "2026-01-09");
    expect(await index.get("ses_a1")).toMatchObject({ turn: 3, updated_at: "2026-01-09" });
    expect((await index.list(1, 0)).items[0].id).toBe("ses_a1");

    expect(await index.markDeleting("ses_b1")).toBe(true);
    expect(await index.markDeleting("ses_b1")).toBe(false);
    expect(await index.get("ses_b1")).toBeUndefined();
    expect(await index.ownerOf("ses_b1")).toBeUndefined();
    expect(await index.cardBook("ses_b1")).toBeUndefined();
    expect(await index.count()).toBe(3);
    expect(await index.deleting()).toEqual(["ses_b1"]);
    expect(await index.allIds()).toEqual(new Set(["ses_a1", "ses_a2", "ses_b1", "ses_n1"]));
    expect(await index.delete("ses_b1")).toBe(true);
    expect(await index.delete("ses_b1")).toBe(false);
    expect(await index.deleting()).toEqual([]);
  });

  it.skipIf(skipped)("transcript: pages newest first, repairs without replacing, forgets later turns, copies a fork's share", async () => {
    const { transcript } = storage;
    const record = (turn: number, input = `action ${turn}`) => ({ ...turnRecord, turn, input, metrics: { ...turnRecord.metrics, total_ms: turn } });
    for (let t = 1; t <= 5; t++) await transcript.append("ses_t", record(t), `ck${t}`);
    expect((await transcript.page("ses_t", 2)).items.map((r) => r.turn)).toEqual([5, 4]);
    expect((await transcript.page("ses_t", 2)).next_before).toBe(4);
    expect(await transcript.page("ses_t", 2, 2)).toMatchObject({ items: [expect.objectContaining({ turn: 1 })], next_before: null });
    expect(await transcript.page("ses_none", 10)).toEqual({ items: [], next_before: null });
    expect(await transcript.deleteAfter("ses_t", 2)).toBe(3);
    expect(await transcript.insertMissing("ses_t", [record(2, "other take"), record(3)])).toBe(1);
    expect((await transcript.page("ses_t", 1, 3)).items[0].input).toBe("action 2");
    expect(await transcript.checkpointOf("ses_t", 2)).toBe("ck2");
    expect(await transcript.checkpointOf("ses_t", 3)).toBeUndefined();
    await transcript.append("ses_t", record(3, "new take"), "ck3b"); // a replayed turn replaces its row
    expect((await transcript.page("ses_t", 1)).items[0].input).toBe("new take");
    expect(await transcript.copy("ses_t", "ses_f", 2)).toBe(2);
    expect(await transcript.checkpointOf("ses_f", 1)).toBeUndefined();
    expect((await transcript.metrics("ses_t")).map((m) => [m.turn, m.metrics.total_ms, m.at])).toEqual([1, 2, 3].map((t) => [t, t, turnRecord.at]));
    expect(await transcript.deleteSession("ses_f")).toBe(2);
  });

  it.skipIf(skipped)("checkpoints: a session's turns commit; pruning keeps the latest state readable", async () => {
    const engine = await StoryEngine.open(await envFor(backend, { QS_CHECKPOINT_RETENTION: "2" }), silentLogger);
    try {
      expect(engine.backend).toBe(backend);
      const { id } = await engine.createSession("frontier-caravan");
      for (const input of ["I look around the camp.", "I ask Tomas about the road.", "I check the wagons."]) {
        await engine.runTurn(id, input, () => undefined);
      }
      const { summary, state } = await engine.getSession(id);
      expect([summary.turn, state.turn]).toEqual([3, 3]);
      const latest = await engine.checkpointFiles.latestId(id);
      expect(latest).toBeDefined();
      const before = await engine.checkpointFiles.sizes(id);
      expect(before.count).toBeGreaterThan(1);
      expect(before.latest).toBeGreaterThan(0);
      expect(await engine.checkpointFiles.pruneBefore(id, latest!)).toBe(before.count - 1);
      expect((await engine.checkpointFiles.sizes(id)).count).toBe(1);
      // The pruned thread still holds its whole committed state, and plays on.
      expect((await engine.getSession(id)).state.turn).toBe(3);
      expect((await engine.runTurn(id, "We ride on.", () => undefined)).turn).toBe(4);
      await engine.deleteSession(id);
      expect((await engine.checkpointFiles.sizes(id)).count).toBe(0);
      await expect(engine.getSession(id)).rejects.toMatchObject({ code: "not_found" });
    } finally {
      await engine.close();
    }
  });
});

describe.skipIf(skip !== undefined)("PostgreSQL only", () => {
  it("several instances set up one fresh database at once", async () => {
    const env = await envFor("postgres");
    const storages = await Promise.all([1, 2, 3].map(() => openStorage({ ...env, QS_DATA_DIR: tempDir() }, silentLogger)));
    await storages[0].index.insert(row("ses_one", "2026-01-01"));
    expect(await storages[2].index.get("ses_one")).toBeDefined();
    await Promise.all(storages.map((s) => s.close()));
  });

  it("an index table from before card books gets the card_book column on open; its sessions have none", async () => {
    const env = await envFor("postgres");
    const client = new pg.Client({ connectionString: env.QS_DATABASE_URL });
    await client.connect();
    await client.query(`CREATE TABLE qs_sessions (id TEXT PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, turn INTEGER NOT NULL DEFAULT 0, owner TEXT, status TEXT NOT NULL DEFAULT 'active')`);
    await client.query("INSERT INTO qs_sessions (id, scenario, title, created_at, updated_at) VALUES ('ses_old', 'frontier-caravan', 'Old', '2026-01-01', '2026-01-01')");
    await client.end();
    const storage = await openStorage(env, silentLogger);
    try {
      expect(await storage.index.cardBook("ses_old")).toBeUndefined();
      await storage.index.insert(row("ses_new", "2026-01-02"), null, "{}");
      expect(await storage.index.cardBook("ses_new")).toBe("{}");
    } finally {
      await storage.close();
    }
  });

  it("session locks exclude across instances; background holds wait; a lost lock connection aborts the holder", async () => {
    const env = await envFor("postgres");
    const [a, b] = await Promise.all([openStorage(env, silentLogger), openStorage({ ...env, QS_DATA_DIR: tempDir() }, silentLogger)]);
    const onA = new SessionLocks(a.clusterLocks);
    const onB = new SessionLocks(b.clusterLocks);
    try {
      const turn = await onA.reserve("ses_x");
      await expect(onB.reserve("ses_x")).rejects.toMatchObject({ code: "session_busy", status: 409 });
      const other = await onB.reserve("ses_y"); // other sessions are free
      other.release();

      // A background write on B waits for A's turn, then runs; a turn on A meanwhile is refused.
      const order: string[] = [];
      const hold = onB.whileIdle("ses_x", async () => {
        order.push("hold");
      });
      order.push("turn ends");
      turn.release();
      await hold;
      expect(order).toEqual(["turn ends", "hold"]);

      // The lock's connection dies (an operator, a network cut): the holder's signal aborts.
      const held = await onA.reserve("ses_z");
      const admin = new pg.Client({ connectionString: env.QS_DATABASE_URL });
      await admin.connect();
      const aborted = new Promise((resolve) => held.signal.addEventListener("abort", () => resolve(held.signal.reason), { once: true }));
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()",
      );
      await admin.end();
      expect(await aborted).toMatchObject({ code: "lock_lost" });
      held.release();
      // The server dropped the lock with the connection: another instance takes the session.
      const taken = await onB.reserve("ses_z");
      taken.release();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
