import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

/** Parses "name{labels} value" lines of the Prometheus text format. */
function sample(text: string, name: string, labels = ""): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.split(" ").at(-1)) : Number.NaN;
}

describe("metrics for operators", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it("serves per-session metrics and Prometheus counts after two turns", async () => {
    const id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const t1 = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I share my water with Tomas Reed." });
    const t2 = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "I ride ahead to Greyfall." });
    const failed = await api(server.url, "POST", `/sessions/${id}/turns`, { input: "" });
    expect(failed.status).toBe(400);

    const session = await api(server.url, "GET", `/sessions/${id}/metrics`);
    expect(session.status).toBe(200);
    expect(session.body.turns).toHaveLength(2);
    expect(session.body.turns[0]).toMatchObject({ turn: 1, model: "offline storyteller (deterministic, not an LLM)" });
    expect(session.body.aggregates.llm_calls.count).toBe(2);
    expect(session.body.aggregates.tool_calls.mean).toBe((t1.body.metrics.tool_calls + t2.body.metrics.tool_calls) / 2);
    for (const key of ["ttft_ms", "total_ms", "input_tokens", "output_tokens"]) {
      expect(session.body.aggregates[key]).toEqual(expect.objectContaining({ count: 2, p50: expect.any(Number), p95: expect.any(Number) }));
    }

    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(sample(text, "qs_turns_total", 'outcome="committed"')).toBe(2);
    expect(sample(text, "qs_time_to_first_token_seconds_count")).toBe(2);
    expect(sample(text, "qs_turn_duration_seconds_count")).toBe(2);
    expect(sample(text, "qs_model_calls_total")).toBe(t1.body.metrics.llm_calls + t2.body.metrics.llm_calls);
    const toolTotal = text
      .split("\n")
      .filter((l) => l.startsWith("qs_tool_calls_total{"))
      .reduce((n, l) => n + Number(l.split(" ").at(-1)), 0);
    expect(toolTotal).toBe(t1.body.metrics.tool_calls + t2.body.metrics.tool_calls);
    expect(sample(text, "qs_tool_calls_total", 'tool="search_memories",phase="read"')).toBe(2);
    expect(sample(text, "qs_tokens_total", 'direction="input"')).toBe(t1.body.metrics.input_tokens + t2.body.metrics.input_tokens);
    expect(sample(text, "qs_sessions")).toBe(1);
    expect(sample(text, "qs_open_sessions")).toBe(1);
  });

  it("404s and 400s like every other session route", async () => {
    expect((await api(server.url, "GET", "/sessions/ses_aaaaaaaaaaaaaaaaaaaa/metrics")).status).toBe(404);
    expect((await api(server.url, "GET", "/sessions/nope/metrics")).status).toBe(400);
  });
});
