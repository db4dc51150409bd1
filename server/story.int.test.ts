import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamTurn } from "../lib/dev/testing/sse.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";
import { startSimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { SCENARIOS, STORY } from "../lib/dev/bench/story.ts";

describe("a whole story through HTTP + SSE (offline storyteller)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "2" });
  });
  afterAll(async () => server?.close());

  it("plays 5 turns with streamed tokens, tool events and committed state", async () => {
    const health = await api(server.url, "GET", "/health");
    expect(health.body.model).toBe("offline storyteller (deterministic, not an LLM)");
    expect(health.body.offline).toBe(true);

    const created = await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(id).toMatch(/^ses_[a-z2-7]{20}$/);
    expect(created.body.turn).toBe(0);

    const inputs = [
      "I ride ahead to scout the dust on the horizon.",
      "I share my water with Tomas Reed.",
      "I ask Old Bess who sold the route.",
      "We rest at the well until the heat breaks.",
      "I warn Captain Ilse Dorn that Okoro knows the raiders.",
    ];
    for (const [i, input] of inputs.entries()) {
      const { status, events } = await streamTurn(server.url, id, input);
      expect(status).toBe(200);
      const names = events.map((e) => e.event);
      expect(names[0]).toBe("start");
      expect(names.at(-1)).toBe("done");
      expect(names).not.toContain("error");
      const ids = events.map((e) => e.id ?? 0);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);

      const tokens = events.filter((e) => e.event === "token");
      expect(tokens.length).toBeGreaterThan(20);
      const done = events.at(-1)!.data as { turn: number; narrative: string; metrics: Record<string, number>; model: string };
      expect(done.turn).toBe(i + 1);
      expect(tokens.map((t) => (t.data as { text: string }).text).join("").trim()).toBe(done.narrative);
      // Tokens precede the end of the turn (that streaming is real, not a buffered reply, is shown by
      // "streams the narrative while the model is still writing it" below).
      expect(tokens[0].at).toBeLessThan(events.at(-1)!.at);
      expect(done.model).toBe("offline storyteller (deterministic, not an LLM)");
      expect(done.metrics.llm_calls).toBeLessThanOrEqual(2);
      expect(done.metrics.tool_calls).toBeLessThanOrEqual(6);
      // The first token came during the turn: a measured time, within the turn's total.
      expect(done.metrics.ttft_ms).toEqual(expect.any(Number));
      expect(done.metrics.ttft_ms).toBeGreaterThanOrEqual(0);
      expect(done.metrics.ttft_ms).toBeLessThanOrEqual(done.metrics.total_ms);

      const tools = events.filter((e) => e.event === "tool").map((e) => e.data as { phase: string; name: string });
      expect(tools.some((t) => t.phase === "read")).toBe(true);
      // Reads come before the first token, writes after the last one.
      const firstToken = events.findIndex((e) => e.event === "token");
      const lastToken = events.map((e) => e.event).lastIndexOf("token");
      events.forEach((e, idx) => {
        if (e.event !== "tool") return;
        const phase = (e.data as { phase: string }).phase;
        if (phase === "read") expect(idx).toBeLessThan(firstToken);
        else expect(idx).toBeGreaterThan(lastToken);
      });
    }

    const session = await api(server.url, "GET", `/sessions/${id}`);
    expect(session.body.turn).toBe(5);
    expect(session.body.history).toHaveLength(5);
    expect(session.body.history.map((h: { input: string }) => h.input)).toEqual(inputs);
    // Sharing water reduced the player's water; the ride changed the world.
    expect(session.body.state.player.water).toBeLessThan(3);
    expect(session.body.world.location).not.toBe("Cracked Well camp");

    const list = await api(server.url, "GET", "/sessions");
    expect(list.body.items.find((s: { id: string }) => s.id === id).turn).toBe(5);

    const memories = await api(server.url, "GET", `/sessions/${id}/memories`);
    expect(memories.body.total).toBeGreaterThan(0);
    // Search recalls as the narrator does (hybrid, the default) or by similarity only; both find a memory by its own words.
    const sample = memories.body.items[0] as { id: string; content: string };
    for (const retrieval of ["", "&retrieval=hybrid", "&retrieval=vector"]) {
      const found = await api(server.url, "GET", `/sessions/${id}/memories?query=${encodeURIComponent(sample.content)}&k=3${retrieval}`);
      expect(found.status).toBe(200);
      expect((found.body.items as Array<{ memory: { id: string } }>).map((h) => h.memory.id), retrieval).toContain(sample.id);
    }
    expect((await api(server.url, "GET", `/sessions/${id}/memories?query=x&retrieval=keyword`)).status).toBe(400);
    const graph = await api(server.url, "GET", `/sessions/${id}/relationships/graph`);
    type GraphEdge = { from: string; to: string; type: string; evidence: string[]; evidence_memories: Array<{ id: string; content: string }> };
    const trust = (graph.body.edges as GraphEdge[]).find((e) => e.from === "tomas" && e.to === "mara" && e.type === "trust");
    expect(trust).toBeDefined();
    // Each edge's evidence comes with the memories' own text, in the evidence's order.
    expect(trust!.evidence_memories.map((m) => m.id)).toEqual(trust!.evidence);
    expect(trust!.evidence_memories.every((m) => m.content.length > 0)).toBe(true);
    // Each past turn carries its confirmation line.
    expect(session.body.history.every((h: { confirmation?: unknown }) => typeof h.confirmation === "string")).toBe(true);

    const folder = path.join(server.dataDir, "sessions", id);
    expect(existsSync(folder)).toBe(true);
    const deleted = await api(server.url, "DELETE", `/sessions/${id}`);
    expect(deleted.status).toBe(204);
    expect(existsSync(folder)).toBe(false);
    expect((await api(server.url, "GET", `/sessions/${id}`)).status).toBe(404);
    expect((await api(server.url, "DELETE", `/sessions/${id}`)).status).toBe(404);
    expect(readdirSync(path.join(server.dataDir, "sessions"))).toEqual([]);
  });

  it("answers the same turn as JSON on POST /turns", async () => {
    const created = await api(server.url, "POST", "/sessions", { scenario: "harbour-intrigue" });
    const turn = await api(server.url, "POST", `/sessions/${created.body.id}/turns`, { input: "I offer Nessa Quill my wax seals to settle part of my debt." });
    expect(turn.status).toBe(200);
    expect(turn.body.turn).toBe(1);
    expect(turn.body.narrative.split(/\s+/).length).toBeGreaterThanOrEqual(60);
    expect(turn.body.tool_calls.length).toBeGreaterThan(0);
    expect(turn.body.metrics.model).toBe("offline storyteller (deterministic, not an LLM)");
  });

  it("streams the narrative while the model is still writing it (a buffered reply would fail)", async () => {
    // The simulated model writes its reply piece by piece (10 ms apart) and records when it wrote the
    // last piece; client and simulator share this process's clock, so the order of the two is exact.
    const sim = await startSimulatedModelServer({ latency: { perTokenMs: 10 } });
    const real = await startTestServer(sim.modelEnv);
    try {
      const created = await api(real.url, "POST", "/sessions", { scenario: "frontier-caravan" });
      const { status, events } = await streamTurn(real.url, created.body.id, "I share my water with Tomas.");
      expect(status).toBe(200);
      expect(events.at(-1)?.event).toBe("done");
      const narrate = sim.calls.find((c) => c.stream && c.outcome === "ok");
      expect(narrate?.endedAt).toEqual(expect.any(Number));
      const tokens = events.filter((e) => e.event === "token");
      expect(tokens.length).toBeGreaterThan(5);
      expect(tokens[0].at).toBeLessThan(narrate!.endedAt!);
      // More than the first token: most of the narrative reached the client before the model's last piece.
      expect(tokens.filter((t) => t.at < narrate!.endedAt!).length).toBeGreaterThan(tokens.length / 2);
    } finally {
      await real.close();
      await sim.close();
    }
  });
});

describe("offline play and background enrichment (offline storyteller)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "0" });
  });
  afterAll(async () => server?.close());

  it("queues no enrichment task: every edge the offline storyteller states, the rules confirm", async () => {
    for (const scenario of SCENARIOS) {
      const id: string = (await api(server.url, "POST", "/sessions", { scenario })).body.id;
      for (const step of STORY[scenario]) expect((await api(server.url, "POST", `/sessions/${id}/turns`, { input: step.input })).status).toBe(200);
      const session = await api(server.url, "GET", `/sessions/${id}`);
      expect(session.body.relationships).toBeGreaterThan(0);
      expect((await api(server.url, "GET", `/sessions/${id}/enrichment`)).body.counts).toEqual({ queued: 0, running: 0, done: 0, failed: 0 });
    }
  });
});
