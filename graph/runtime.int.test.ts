import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { newSessionId, sessionDir } from "../lib/common/sessionIds.ts";
import { loadEnv } from "../lib/config/env.ts";
import { silentLogger } from "../lib/config/logger.ts";
import { createPool } from "../lib/postgres/pool.ts";
import { loadBundledScenario } from "../lib/scenarios/catalog.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../lib/dev/testing/postgres.ts";
import { initialStateFor } from "./initialState.ts";
import { createRuntime, type TurnRuntime } from "./runtime.ts";
import type { TurnStateType } from "./state.ts";
import { builder } from "./turn.ts";

const skip = postgresSkipReason();
if (skip) console.warn(skip);

/** The seam of the scale-out: createRuntime(env, logger, { postgres }) puts the session's memory in the database. */
describe.skipIf(skip !== undefined)("runtime with a Postgres pool", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-runtime-pg-"));
  let cluster: TestPostgres;
  let db: pg.Pool;
  let a: TurnRuntime;
  let b: TurnRuntime;

  beforeAll(async () => {
    cluster = await startTestPostgres();
    db = createPool(await cluster.createDatabase(), silentLogger, { max: 6 });
    const env = loadEnv({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "0" });
    [a, b] = [createRuntime(env, silentLogger, { postgres: db, withEnrichment: false }), createRuntime(env, silentLogger, { postgres: db, withEnrichment: false })];
  });
  afterAll(async () => {
    await Promise.all([a?.memory.closeAll(), b?.memory.closeAll()]);
    await db?.end();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a turn played on instance A writes memories that instance B lists and finds; nothing lands in the data folder", async () => {
    expect(a.memory.backend.kind).toBe("postgres");
    const app = builder.compile({ checkpointer: new MemorySaver() });
    const id = newSessionId();
    const config = { configurable: { thread_id: id, runtime: a } };
    await app.updateState(config, initialStateFor("frontier-caravan", loadBundledScenario("frontier-caravan")), "confirm");
    const state = (await app.invoke({ input: "I share my water with Tomas Reed." }, config)) as TurnStateType;
    expect(state.turn).toBe(1);

    const written = (await a.memory.use(id, async (s) => s.list({ limit: 50 }))).items;
    expect(written.length).toBeGreaterThan(0);
    const onB = await b.memory.use(id, async (s) => s.list({ limit: 50 }));
    expect(onB.items).toEqual(written);
    const hits = await b.memory.use(id, (s) => s.search({ query: written[0].content, k: 1 }));
    expect(hits.map((h) => h.memory.id)).toEqual([written[0].id]);
    const rows = await db.query("SELECT count(*)::int AS n FROM memory_docs WHERE session_id = $1", [id]);
    expect(rows.rows[0].n).toBe(written.length);
    expect(existsSync(path.join(sessionDir(dataDir, id), "memory"))).toBe(false);
  });
});
