import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrateToPostgres } from "../cli/migrateToPostgres.ts";
import { EnrichmentQueue } from "../enrichment/queue.ts";
import { FILES, memoryDir } from "../memory/files.ts";
import { V2_CARD } from "../dev/testing/cards.ts";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../dev/testing/postgres.ts";
import { api, startTestServer, type TestJson, type TestServer } from "../dev/testing/server.ts";
import type { CopyReport } from "./copyToPostgres.ts";

/**
 * The way from the embedded default to PostgreSQL: sessions played on a data folder are copied
 * with `quietstories migrate-to-postgres`, then served by an engine on QS_DATABASE_URL whose own
 * data folder is empty, exactly as they were; a second run copies nothing.
 */
const skip = postgresSkipReason();
if (skip) console.warn(skip);

const ALICE = "alice-key-0123456789abcdef";
const BOB = "bob-key-0123456789abcdef";
const ADMIN = "admin-key-0123456789abcdef";
const KEYS = { QS_API_KEYS: `alice:${ALICE}, bob:${BOB}`, QS_ADMIN_KEY: ADMIN };
const INPUTS = ["I share my water with Tomas Reed and ask about the raiders.", "I ask Old Bess to trust me with the map."];
const CARD_INPUTS = ["I share my lantern oil with Sera Vell and ask about the Gull.", "I ask Sera Vell to trust me with the lighthouse key."];

/** Everything a client sees of a session, read through the API. */
async function viewOf(url: string, id: string, key: string) {
  const get = async (route: string) => {
    const res = await api(url, "GET", route, undefined, key);
    expect(res.status, route).toBe(200);
    return res.body as TestJson;
  };
  const memories = await get(`/sessions/${id}/memories?limit=200`);
  return {
    session: await get(`/sessions/${id}`),
    pages: [await get(`/sessions/${id}/turns?limit=1`), await get(`/sessions/${id}/turns?limit=1&before=2`)],
    memories,
    graph: await get(`/sessions/${id}/relationships/graph`),
    found: (await get(`/sessions/${id}/memories?query=${encodeURIComponent(memories.items[0].content)}&k=3`)).items.map((h: TestJson) => h.memory.id),
  };
}

describe.skipIf(skip !== undefined)("quietstories migrate-to-postgres", () => {
  let cluster: TestPostgres;
  let database: string;
  let embedded: TestServer;
  let onPostgres: TestServer | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-copy-"));
  const sessions: Array<{ id: string; key: string; owner: string }> = [];
  const before = new Map<string, Awaited<ReturnType<typeof viewOf>>>();
  /** Bob's session starts from a card: the card's book, kept in its index row, must move too. */
  const bookOf = async (url: string) => (await api(url, "GET", `/sessions/${sessions[1].id}/characters/sera-vell/card`, undefined, BOB)).body.data.character_book as TestJson;
  let bookBefore: TestJson;

  const run = async (...args: string[]) => {
    let out = "";
    let err = "";
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
    const code = await runMigrateToPostgres(["--data-dir", dataDir, ...args], io, { QS_DATABASE_URL: database });
    expect(err).toBe("");
    return { code, report: JSON.parse(out) as CopyReport };
  };
  const tableCounts = async () => {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      const tables = ["qs_sessions", "checkpoints", "checkpoint_writes", "qs_transcript", "memory_docs", "memory_embeddings", "qs_enrichment_tasks"];
      const counts: Record<string, number> = {};
      for (const t of tables) counts[t] = (await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${t}`)).rows[0].n;
      return counts;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    cluster = await startTestPostgres();
    database = await cluster.createDatabase();
    // The embedded default, even when the suite runs on Postgres (QS_TEST_POSTGRES_URL).
    embedded = await startTestServer({ ...KEYS, QS_DATABASE_URL: "" }, { dataDir });
    for (const [owner, key] of [["alice", ALICE], ["bob", BOB]]) {
      const start = owner === "bob" ? { card: V2_CARD, player: "Mara" } : { scenario: "frontier-caravan" };
      const created = await api(embedded.url, "POST", "/sessions", start, key);
      expect(created.status).toBe(201);
      sessions.push({ id: created.body.id, key, owner });
      for (const input of owner === "bob" ? CARD_INPUTS : INPUTS) expect((await api(embedded.url, "POST", `/sessions/${created.body.id}/turns`, { input }, key)).status).toBe(200);
    }
    await embedded.engine.enrichment?.idle();
    for (const s of sessions) before.set(s.id, await viewOf(embedded.url, s.id, s.key));
    bookBefore = await bookOf(embedded.url);
    expect(bookBefore.entries).toHaveLength(V2_CARD.data.character_book.entries.length); // the disabled entry too: the kept book
    await embedded.close();
    // An unfinished enrichment task (the embedded worker had drained the queue): it must move too.
    const queue = new EnrichmentQueue(path.join(dataDir, "enrichment.sqlite"));
    const memory = before.get(sessions[0].id)!.memories.items[0];
    await queue.enqueue([{ session_id: sessions[0].id, memory_id: memory.id, entity_id: "player", content: memory.content, from: "player", to: "tomas", reason: "low_confidence", guess_type: "trust", guess_confidence: 0.5, turn: 2 }]);
    await queue.release(sessions[0].id);
    await queue.close();
  }, 60_000);
  afterAll(async () => {
    await onPostgres?.close();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a dry run lists what it would copy and writes nothing", async () => {
    const { code, report } = await run("--dry-run");
    expect(code).toBe(0);
    expect(report.dry_run).toBe(true);
    expect(report.copied.map((c) => [c.id, c.turn, c.transcript_turns]).sort()).toEqual(sessions.map((s) => [s.id, 2, 2]).sort());
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    expect((await client.query("SELECT to_regclass('qs_sessions') AS t")).rows[0].t).toBeNull();
    await client.end();
  });

  it("a session that fails half-way is reported, not listed, and copied by the next run", async () => {
    const meta = path.join(memoryDir(dataDir, sessions[1].id), FILES.meta);
    const good = readFileSync(meta, "utf8");
    writeFileSync(meta, "{ not json");
    const first = await run();
    writeFileSync(meta, good);
    expect(first.code).toBe(1);
    expect(first.report.copied.map((c) => [c.id, c.turn, c.transcript_turns, c.enrichment_tasks])).toEqual([[sessions[0].id, 2, 2, 1]]);
    expect(first.report.failed.map((f) => f.id)).toEqual([sessions[1].id]);
    expect(first.report.failed[0].reason).toMatch(/JSON/);
    // Its checkpoint and transcript rows were written, its index row was not: nothing lists it.
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    expect((await client.query("SELECT id FROM qs_sessions")).rows.map((r) => r.id)).toEqual([sessions[0].id]);
    await client.end();

    const second = await run();
    expect(second.code).toBe(0);
    expect(second.report.skipped).toEqual([{ id: sessions[0].id, reason: "already in the database" }]);
    expect(second.report.copied.map((c) => [c.id, c.turn, c.transcript_turns, typeof c.memories])).toEqual([[sessions[1].id, 2, 2, "number"]]);
  });

  it("an engine on PostgreSQL with an empty data folder serves the copied sessions as they were and plays on", async () => {
    onPostgres = await startTestServer({ ...KEYS, QS_DATABASE_URL: database });
    for (const { id, key, owner } of sessions) {
      // Listed for its owner only, at the same turn.
      const listed = (await api(onPostgres.url, "GET", "/sessions", undefined, key)).body.items as Array<{ id: string; turn: number }>;
      expect(listed.map((s) => [s.id, s.turn])).toEqual([[id, 2]]);
      expect(await onPostgres.engine.sessions.ownerOf(id)).toBe(owner);
    }
    // The second session is untouched by background work: everything a client sees is equal, its card's book included.
    expect(await viewOf(onPostgres.url, sessions[1].id, sessions[1].key)).toEqual(before.get(sessions[1].id));
    expect(await bookOf(onPostgres.url)).toEqual(bookBefore);
    // The first one's copied task runs on PostgreSQL and adds to its graph; the rest is equal.
    const { id, key } = sessions[0];
    await onPostgres.engine.enrichment?.idle();
    const tasks = (await api(onPostgres.url, "GET", `/sessions/${id}/enrichment`, undefined, key)).body.tasks as Array<{ memory_id: string; to: string; status: string }>;
    expect(tasks.map((t) => [t.memory_id, t.to, t.status])).toEqual([[before.get(id)!.memories.items[0].id, "tomas", "done"]]);
    const withoutGraph = ({ graph: _graph, session: { relationships: _count, ...session }, ...rest }: Awaited<ReturnType<typeof viewOf>>) => ({ ...rest, session });
    const after = await viewOf(onPostgres.url, id, key);
    expect(withoutGraph(after)).toEqual(withoutGraph(before.get(id)!));
    expect(after.session.relationships).toBe(before.get(id)!.session.relationships + 1);
    const next = await api(onPostgres.url, "POST", `/sessions/${id}/turns`, { input: "I ride ahead to Greyfall." }, key);
    expect([next.status, next.body.turn]).toEqual([200, 3]);
    expect((await api(onPostgres.url, "GET", `/sessions/${id}/turns?limit=10`, undefined, key)).body.items.map((t: TestJson) => t.turn)).toEqual([3, 2, 1]);
  }, 60_000);

  it("a second run skips every session and changes nothing", async () => {
    await onPostgres?.engine.enrichment?.idle();
    const counts = await tableCounts();
    const { code, report } = await run();
    expect(code).toBe(0);
    expect(report.copied).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.skipped.map((s) => s.id).sort()).toEqual(sessions.map((s) => s.id).sort());
    expect(await tableCounts()).toEqual(counts);
  });
});
