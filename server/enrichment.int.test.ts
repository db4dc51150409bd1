import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startSimulatedModelServer, type Reply, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { isConfirmRequest, isEnrichmentRequest } from "../lib/dev/testing/modelRequests.ts";
import { streamTurn } from "../lib/dev/testing/sse.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";
import { gate } from "../lib/dev/testing/gate.ts";

const GLANCE = "Tomas keeps glancing at Mara whenever she speaks.";
const narrate: Reply = {
  content: "Tomas says nothing while you talk, but his eyes keep finding you across the fire.",
  toolCalls: [{ name: "add_memories", args: { memories: [{ entity_id: "tomas", scope: "relationship", content: GLANCE }] } }],
};
const classification: Reply = {
  toolCalls: [{ name: "classify_relationship", args: { edges: [{ from: "tomas", to: "mara", type: "love", sentiment: 0.6 }], confidence: 0.8, reason: "he cannot stop looking at her" } }],
};

/** Background enrichment with the real ChatOpenAI client against the simulated model server. */
describe("background relationship enrichment", () => {
  let sim: SimulatedModelServer;
  let server: TestServer | undefined;
  let enrichmentReply: () => Promise<Reply>;
  /** Opened after each test too, so a failed test never leaves a model call hanging. */
  let held = gate();
  const env = () => ({
    ...sim.modelEnv,
    QS_ENRICH_BACKOFF_MS: "20",
    QS_ENRICH_MAX_ATTEMPTS: "2",
  });

  beforeAll(async () => {
    sim = await startSimulatedModelServer();
    sim.setScript(async (req) => {
      if (isEnrichmentRequest(req)) return enrichmentReply();
      return isConfirmRequest(req) ? { content: "Noted." } : narrate;
    });
  });
  afterEach(async () => {
    held.open();
    await server?.close();
    server = undefined;
  });
  afterAll(async () => sim?.close());

  const edges = async (id: string) => (await api(server!.url, "GET", `/sessions/${id}/relationships`)).body.edges as Array<Record<string, unknown>>;

  it("sends done before enrichment runs, then updates the graph through the reducer", async () => {
    held = gate();
    enrichmentReply = async () => {
      await held.opened; // the model answers only once the test has seen the task pending
      return classification;
    };
    server = await startTestServer(env());
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const { events } = await streamTurn(server.url, id, "I tell Tomas about the route.");
    const done = events.at(-1)!;
    expect(done.event).toBe("done");
    const write = events.find((e) => e.event === "tool" && (e.data as { name: string }).name === "add_memories")!;
    expect((write.data as { result: { queued_for_enrichment: number } }).result.queued_for_enrichment).toBe(1);

    const right = await api(server.url, "GET", `/sessions/${id}/enrichment`);
    expect(right.body.counts.done).toBe(0);
    expect(right.body.counts.queued + right.body.counts.running).toBe(1);
    expect(right.body.tasks[0]).toMatchObject({ from: "tomas", to: "mara", reason: "untyped", content: GLANCE });
    expect(await edges(id)).toEqual([]);

    // The worker's model call is in flight (held by the gate): the task runs, the graph is untouched.
    await vi.waitFor(() => expect(sim.requests.filter(isEnrichmentRequest)).toHaveLength(1), { timeout: 10_000, interval: 20 });
    const running = await api(server.url, "GET", `/sessions/${id}/enrichment`);
    expect(running.body.counts).toEqual({ queued: 0, running: 1, done: 0, failed: 0 });
    expect(await edges(id)).toEqual([]);

    held.open();
    await server.engine.enrichment!.idle();
    const enrichCall = sim.calls.find((_c, i) => isEnrichmentRequest(sim.requests[i]))!;
    expect(enrichCall.startedAt).toBeGreaterThan(done.at);
    const after = await api(server.url, "GET", `/sessions/${id}/enrichment`);
    expect(after.body.counts).toEqual({ queued: 0, running: 0, done: 1, failed: 0 });
    expect(after.body.tasks[0].result).toMatchObject({ edges: [{ from: "tomas", to: "mara", type: "love" }], confidence: 0.8 });
    expect(await edges(id)).toEqual([expect.objectContaining({ from: "tomas", to: "mara", type: "love", sentiment: 0.6 })]);
    const graph = (await api(server.url, "GET", `/sessions/${id}/relationships/graph`)).body;
    expect(graph.edges).toEqual([expect.objectContaining({ from: "tomas", to: "mara", type: "love", evidence: [right.body.tasks[0].memory_id] })]);

    // The next turn sees the enriched graph and is not blocked by the worker.
    const next = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I sit by Tomas." });
    expect(next.status).toBe(200);
  });

  it("marks a task failed when the model keeps failing, and leaves the graph as it was", async () => {
    enrichmentReply = async () => ({ fail: "http_500" });
    server = await startTestServer(env());
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I tell Tomas about the route." });
    const before = (await api(server.url, "GET", `/sessions/${id}/relationships/graph`)).body;
    await server.engine.enrichment!.idle();
    const status = (await api(server.url, "GET", `/sessions/${id}/enrichment`)).body;
    expect(status.counts).toEqual({ queued: 0, running: 0, done: 0, failed: 1 });
    expect(status.tasks[0].attempts).toBe(2);
    expect(status.tasks[0].error).toMatch(/500/);
    expect((await api(server.url, "GET", `/sessions/${id}/relationships/graph`)).body).toEqual(before);

    expect((await api(server.url, "DELETE", `/sessions/${id}`)).status).toBe(204);
    expect((await server.engine.enrichmentStatus(id)).tasks).toEqual([]);
  });

  it("a classification with no edge completes the task and writes none", async () => {
    enrichmentReply = async () => ({ toolCalls: [{ name: "classify_relationship", args: { edges: [], confidence: 0.9, reason: "only glances" } }] });
    server = await startTestServer(env());
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I tell Tomas about the route." });
    await server.engine.enrichment!.idle();
    const status = (await api(server.url, "GET", `/sessions/${id}/enrichment`)).body;
    expect(status.counts).toEqual({ queued: 0, running: 0, done: 1, failed: 0 });
    expect(status.tasks[0].result).toMatchObject({ edges: [] });
    expect(await edges(id)).toEqual([]);
    // A fork replays done enrichment results: none adds nothing there either.
    const fork = await api(server.url, "POST", `/sessions/${id}/fork`, { turn: 1 });
    expect(fork.status).toBe(201);
    expect(await edges(fork.body.id)).toEqual([]);
  });

  it("every edge of the answer reaches the graph, both ways and two types one way; a fork replays them", async () => {
    enrichmentReply = async () => ({
      toolCalls: [{
        name: "classify_relationship",
        args: {
          edges: [
            { from: "tomas", to: "mara", type: "love", sentiment: 0.6 },
            { from: "mara", to: "tomas", type: "fear", sentiment: 0.4 },
            { from: "mara", to: "tomas", type: "respect", sentiment: 0.5 },
            { from: "tomas", to: "mara", type: "love", sentiment: 0.9 },
          ],
          confidence: 0.8,
          reason: "he longs; she dreads it and admires him",
        },
      }],
    });
    server = await startTestServer(env());
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const before = sim.requests.length;
    await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I tell Tomas about the route." });
    await server.engine.enrichment!.idle();
    // One call for the pair; a repeated edge counts once.
    expect(sim.requests.slice(before).filter(isEnrichmentRequest)).toHaveLength(1);
    const all = [
      expect.objectContaining({ from: "tomas", to: "mara", type: "love", sentiment: 0.6 }),
      expect.objectContaining({ from: "mara", to: "tomas", type: "fear", sentiment: -0.4 }),
      expect.objectContaining({ from: "mara", to: "tomas", type: "respect", sentiment: 0.5 }),
    ];
    expect(await edges(id)).toEqual(expect.arrayContaining(all));
    expect(await edges(id)).toHaveLength(3);
    const fork = await api(server.url, "POST", `/sessions/${id}/fork`, { turn: 1 });
    expect(fork.status).toBe(201);
    expect(await edges(fork.body.id)).toEqual(expect.arrayContaining(all));
  });

  it("an answer with an edge about someone outside the pair fails with the reason and writes nothing", async () => {
    enrichmentReply = async () => ({
      toolCalls: [{ name: "classify_relationship", args: { edges: [{ from: "tomas", to: "pell", type: "hostility", sentiment: -0.7 }], confidence: 0.8, reason: "x" } }],
    });
    server = await startTestServer(env());
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I tell Tomas about the route." });
    await server.engine.enrichment!.idle();
    const status = (await api(server.url, "GET", `/sessions/${id}/enrichment`)).body;
    expect(status.counts).toEqual({ queued: 0, running: 0, done: 0, failed: 1 });
    expect(status.tasks[0].error).toMatch(/tomas → pell is not between tomas and mara/);
    expect(await edges(id)).toEqual([]);
  });

  it("resumes queued work after a restart", async () => {
    enrichmentReply = async () => ({ fail: "http_500" });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-enrich-"));
    server = await startTestServer({ ...env(), QS_ENRICH_BACKOFF_MS: "600000" }, { dataDir });
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I tell Tomas about the route." });
    // Wait for the first attempt to fail: the retry is then 10 minutes away.
    const first = await vi.waitFor(
      async () => {
        const status = (await api(server!.url, "GET", `/sessions/${id}/enrichment`)).body;
        expect(status.counts).toMatchObject({ queued: 1, running: 0 });
        expect(status.tasks[0]).toMatchObject({ status: "queued", attempts: 1 });
        return status;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(first.tasks[0].error).toMatch(/500/);
    await server.close();
    // Then pretend the process had crashed in the middle of an attempt.
    const db = new Database(path.join(dataDir, "enrichment.sqlite"));
    db.prepare("UPDATE tasks SET status = 'running'").run();
    db.close();

    enrichmentReply = async () => classification;
    server = await startTestServer(env(), { dataDir });
    await server.engine.enrichment!.idle();
    const status = (await api(server.url, "GET", `/sessions/${id}/enrichment`)).body;
    expect(status.counts.done).toBe(1);
    expect(await edges(id)).toEqual([expect.objectContaining({ from: "tomas", to: "mara", type: "love" })]);
    await server.close();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
});
