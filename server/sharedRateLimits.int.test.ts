import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresRateCounters } from "../lib/postgres/rateCounters.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../lib/dev/testing/postgres.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

/**
 * Rate limits behind a load balancer: with QS_DATABASE_URL every instance counts in PostgreSQL, so
 * N instances do not multiply a client's limit by N.
 */
const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)("rate limits shared through PostgreSQL", () => {
  let cluster: TestPostgres;
  let database: string;
  const pools: pg.Pool[] = [];
  const pool = () => {
    const p = new pg.Pool({ connectionString: database, max: 5 });
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    cluster = await startTestPostgres();
    database = await cluster.createDatabase();
  });
  afterAll(async () => {
    await Promise.allSettled(pools.map((p) => p.end()));
    await cluster?.stop();
  });

  it("counters on two pools count one key together, atomically, and start a new window when the last one ended", async () => {
    const [a, b] = await Promise.all([PostgresRateCounters.open(pool()), PostgresRateCounters.open(pool())]);
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit("k", 60_000)));
    expect(counts.map((c) => c.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await a.unhit("k");
    expect((await b.hit("k", 60_000)).hits).toBe(40);
    await b.reset("k");
    expect((await a.hit("k", 60_000)).hits).toBe(1);

    await a.hit("short", 50);
    // The later of the two windows (on a slow machine the second hit may already start a new one).
    const last = await a.hit("short", 50);
    // Wait for the window to end by the database's own clock (the one the counters use); resetAt
    // is a JS Date (milliseconds) while the row keeps microseconds, hence the extra millisecond.
    const p = pools[0];
    while ((await p.query("SELECT now() > $1::timestamptz + interval '1 millisecond' AS over", [last.resetAt])).rows[0].over !== true);
    const next = await b.hit("short", 50);
    expect(next.hits).toBe(1);
    expect(next.resetAt.getTime()).toBeGreaterThan(last.resetAt.getTime());
  });

  describe("two servers on one database", () => {
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      const env = { QS_DATABASE_URL: database, QS_RATE_SESSIONS_PER_HOUR: "3" };
      [a, b] = await Promise.all([startTestServer(env), startTestServer(env)]);
    });
    afterAll(async () => {
      await Promise.allSettled([a?.close(), b?.close()]);
    });

    it("a client's new stories count on both instances: the limit holds across them, with its headers", async () => {
      const statuses: number[] = [];
      for (const server of [a, b, a, b]) statuses.push((await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
      const refused = await api(a.url, "POST", "/sessions", { scenario: "frontier-caravan" });
      expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // Other limits are separate key spaces: reading still works on both.
      expect((await api(b.url, "GET", "/sessions")).status).toBe(200);
    });
  });
});
