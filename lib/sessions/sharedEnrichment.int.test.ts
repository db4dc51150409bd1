import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { startSimulatedModelServer, type Reply, type SimulatedModelServer } from "../dev/simulator/openaiServer.ts";
import { isConfirmRequest, isEnrichmentRequest } from "../dev/testing/modelRequests.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../dev/testing/postgres.ts";
import { StoryEngine } from "./engine.ts";

/** Every turn stores one relationship memory the rules cannot type: one enrichment task per turn. */
const narrate: Reply = {
  content: "Tomas says nothing while you talk, but his eyes keep finding you across the fire.",
  toolCalls: [{ name: "add_memories", args: { memories: [{ entity_id: "tomas", scope: "relationship", content: "Tomas keeps glancing at Mara whenever she speaks." }] } }],
};
const classification: Reply = {
  toolCalls: [{ name: "classify_relationship", args: { edges: [{ from: "tomas", to: "mara", type: "love", sentiment: 0.6 }], confidence: 0.8, reason: "he cannot stop looking at her" } }],
};

const skip = postgresSkipReason();
if (skip) console.warn(skip);

/**
 * Two engines (as two instances) on one PostgreSQL database, with the real ChatOpenAI client
 * against the simulated model server: the shared queue runs each enrichment task exactly once,
 * whichever instance played the turn that queued it.
 */
describe.skipIf(skip !== undefined)("enrichment shared by two instances", () => {
  let cluster: TestPostgres;
  let sim: SimulatedModelServer;
  const dirs: string[] = [];
  beforeAll(async () => {
    [cluster, sim] = await Promise.all([startTestPostgres(), startSimulatedModelServer()]);
    sim.setScript(async (req) => (isEnrichmentRequest(req) ? classification : isConfirmRequest(req) ? { content: "Noted." } : narrate));
  });
  afterAll(async () => {
    await Promise.allSettled([cluster?.stop(), sim?.close()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("runs every task once across both instances, and either instance reports it", async () => {
    const database = await cluster.createDatabase();
    const open = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "qs-shared-enrich-"));
      dirs.push(dir);
      return StoryEngine.open(
        loadEnv({ QS_DATA_DIR: dir, QS_DATABASE_URL: database, ...sim.modelEnv, QS_ENRICH_CONCURRENCY: "2" }),
        silentLogger,
      );
    };
    const [a, b] = await Promise.all([open(), open()]);
    try {
      const sessions = [(await a.createSession("frontier-caravan")).id, (await b.createSession("frontier-caravan")).id];
      // Turns alternate between the instances; each queues one task, and both workers drain the queue.
      for (let round = 0; round < 3; round++) {
        await Promise.all(sessions.map((id, i) => [a, b][(round + i) % 2].runTurn(id, `I watch Tomas, round ${round}.`, () => undefined)));
      }
      await Promise.all([a.enrichment!.idle(), b.enrichment!.idle()]);
      await Promise.all([a.enrichment!.idle(), b.enrichment!.idle()]); // a task one claimed while the other went idle
      for (const id of sessions) {
        const [onA, onB] = await Promise.all([a.enrichmentStatus(id), b.enrichmentStatus(id)]);
        expect(onA).toEqual(onB);
        expect(onA.counts).toEqual({ queued: 0, running: 0, done: 3, failed: 0 });
        expect(onA.tasks.every((t) => t.attempts === 1)).toBe(true);
      }
      // Exactly one classification call per task: none ran twice.
      expect(sim.requests.filter(isEnrichmentRequest)).toHaveLength(6);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
