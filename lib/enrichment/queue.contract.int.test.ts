import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../config/logger.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../dev/testing/postgres.ts";
import { createPool } from "../postgres/pool.ts";
import { PostgresEnrichmentQueue } from "./pgQueue.ts";
import { EnrichmentQueue, type EnrichmentResult, type EnrichmentStore, type NewEnrichmentTask } from "./queue.ts";

/** The enrichment queue's contract, one body for SQLite and PostgreSQL (skipped only outside CI without it). */
const skip = postgresSkipReason();
if (skip) console.warn(skip);

let cluster: TestPostgres | undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), "qs-queue-"));
const pools: Array<{ end(): Promise<void> }> = [];
beforeAll(async () => {
  if (!skip) cluster = await startTestPostgres();
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function postgresQueue(url?: string): Promise<{ queue: PostgresEnrichmentQueue; url: string }> {
  const database = url ?? (await cluster!.createDatabase());
  const pool = createPool(database, silentLogger, { max: 4 });
  pools.push(pool);
  await PostgresEnrichmentQueue.setup(pool);
  return { queue: new PostgresEnrichmentQueue(pool), url: database };
}

const task = (session: string, memory: string, turn: number): NewEnrichmentTask => ({
  session_id: session,
  memory_id: memory,
  entity_id: "tomas",
  content: "Tomas keeps glancing at Mara.",
  from: "tomas",
  to: "mara",
  reason: "untyped",
  turn,
});
const result: EnrichmentResult = { edges: [{ from: "tomas", to: "mara", type: "love", sentiment: 0.6 }], confidence: 0.8, reason: "glances" };

describe.each(["sqlite", "postgres"] as const)("enrichment queue contract on %s", (backend) => {
  const skipped = backend === "postgres" && skip !== undefined;
  let queue: EnrichmentStore;
  beforeAll(async () => {
    if (skipped) return;
    queue = backend === "sqlite" ? new EnrichmentQueue(path.join(dir, "enrichment.sqlite")) : (await postgresQueue()).queue;
  });
  afterAll(async () => queue?.close());

  it.skipIf(skipped)("holds a turn's tasks until release, claims each once, records outcomes, follows rewinds and forks", async () => {
    expect(await queue.enqueue([task("ses_a", "m1", 1), task("ses_a", "m2", 1)])).toBe(2);
    expect(await queue.enqueue([task("ses_a", "m1", 1)])).toBe(0); // the same memory and pair once
    expect(await queue.claimNext()).toBeUndefined(); // held by the turn
    expect(await queue.nextDueAt()).toBeUndefined();
    expect(await queue.release("ses_a")).toBe(2);
    expect(await queue.nextDueAt()).toBe(0);

    const first = await queue.claimNext();
    const second = await queue.claimNext();
    expect([first?.memory_id, second?.memory_id]).toEqual(["m1", "m2"]);
    expect(first).toMatchObject({ status: "running", attempts: 1, session_id: "ses_a", from: "tomas", to: "mara", reason: "untyped", turn: 1, next_attempt_at: 0 });
    expect(await queue.claimNext()).toBeUndefined();

    await queue.complete(first!.id, result);
    const retryAt = Date.now() + 60_000;
    await queue.fail(second!.id, "model down", retryAt);
    expect(await queue.nextDueAt()).toBe(retryAt);
    expect(await queue.claimNext()).toBeUndefined(); // backed off
    const again = await queue.claimNext(retryAt);
    expect(again).toMatchObject({ id: second!.id, attempts: 2 });
    await queue.fail(again!.id, "x".repeat(600));
    const status = await queue.forSession("ses_a");
    expect(status.counts).toEqual({ queued: 0, running: 0, done: 1, failed: 1 });
    expect(status.tasks[0].result).toEqual(result);
    expect(status.tasks[1].error).toHaveLength(500);

    // A failed turn drops its held tasks; a rewind forgets later turns; a fork copies the unfinished.
    await queue.enqueue([task("ses_a", "m3", 2)]);
    expect(await queue.dropHeld("ses_a")).toBe(1);
    await queue.enqueue([task("ses_a", "m4", 2), task("ses_a", "m5", 3)]);
    await queue.release("ses_a");
    expect(await queue.copyUnfinished("ses_a", "ses_fork", 2)).toBe(2); // m2 (failed) and m4, not done m1 nor turn 3
    expect((await queue.forSession("ses_fork")).tasks.map((t) => t.memory_id)).toEqual(["m2", "m4"]);
    expect(await queue.deleteAfterTurn("ses_a", 2)).toBe(1);
    expect(await queue.deleteSession("ses_fork")).toBe(2);
    expect((await queue.forSession("ses_fork")).tasks).toEqual([]);
  });

  it.skipIf(skipped)("reads an answer stored in the one-way shape of earlier versions as today's edges", async () => {
    while (await queue.claimNext()); // what the test before left queued
    await queue.enqueue([task("ses_old", "m1", 1), task("ses_old", "m2", 1)]);
    await queue.release("ses_old");
    const oneWay = (type: string) => ({ type, sentiment: 0.6, confidence: 0.8, reason: "stored by an earlier version" }) as unknown as EnrichmentResult;
    const first = (await queue.claimNext())!;
    const second = (await queue.claimNext())!;
    await queue.complete(first.id, oneWay("love"));
    await queue.complete(second.id, oneWay("none"));
    const tasks = (await queue.forSession("ses_old")).tasks;
    const [love, none] = [first, second].map((t) => tasks.find((x) => x.id === t.id)!);
    expect(love.result).toEqual({ edges: [{ from: "tomas", to: "mara", type: "love", sentiment: 0.6 }], confidence: 0.8, reason: "stored by an earlier version" });
    expect(none.result).toMatchObject({ edges: [] });
  });
});

describe.skipIf(skip !== undefined)("enrichment queue on PostgreSQL only", () => {
  it("two instances draining one queue together run every task exactly once", async () => {
    const { queue: a, url } = await postgresQueue();
    const { queue: b } = await postgresQueue(url);
    const tasks = Array.from({ length: 60 }, (_, i) => task(`ses_${i % 6}`, `m${i}`, 1));
    await a.enqueue(tasks);
    for (let s = 0; s < 6; s++) await b.release(`ses_${s}`);
    const claimed: number[] = [];
    const drain = async (queue: PostgresEnrichmentQueue) => {
      for (let t = await queue.claimNext(); t; t = await queue.claimNext()) {
        claimed.push(t.id);
        await queue.complete(t.id, result);
      }
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    expect(claimed).toHaveLength(60);
    expect(new Set(claimed).size).toBe(60);
  });

  it("a task whose instance died is claimed again once its lease runs out; start-up takes nothing from live instances", async () => {
    const { queue } = await postgresQueue();
    await queue.enqueue([task("ses_l", "m1", 1), task("ses_l", "m2", 1)]);
    await queue.release("ses_l");
    const claimed = await queue.claimNext();
    await queue.enqueue([task("ses_l", "m3", 2)]); // held by a turn in flight elsewhere
    expect(await queue.requeueRunning()).toBe(0);
    const other = await queue.claimNext();
    expect(other?.id).not.toBe(claimed!.id);
    expect(await queue.claimNext()).toBeUndefined();
    const later = Date.now() + 11 * 60_000;
    expect(await queue.claimNext(later)).toMatchObject({ id: claimed!.id, attempts: 2 });
  });
});
