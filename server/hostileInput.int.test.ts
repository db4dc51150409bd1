import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSessionId } from "../lib/common/sessionIds.ts";
import { SqliteSessionIndex } from "../lib/sessions/sessionIndex.ts";
import { dataFolderSnapshot } from "../lib/dev/testing/dataFolder.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";
import { MAX_JSON_DEPTH } from "./requestGuards.ts";

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("hostile input: a precise 4xx, nothing written", () => {
  let server: TestServer;
  let id: string;
  beforeAll(async () => {
    server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "10" });
    id = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
  });
  afterAll(async () => server?.close());

  const send = async (route: string, init: RequestInit = {}) => {
    const res = await fetch(server.url + route, init);
    const text = await res.text();
    return { status: res.status, code: text.startsWith("{") ? JSON.parse(text).error?.code : undefined, text };
  };
  const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it.each([
    ["bad percent-encoding in the path", () => send("/sessions/%zz"), 400, "malformed_path"],
    ["bad percent-encoding in a sub-route", () => send("/sessions/%E0%A4%A/memories"), 400, "malformed_path"],
    ["gzip Content-Encoding with a plain body", () => send(`/sessions/${id}/turns`, json('{"input":"hi"}', { "content-encoding": "gzip" })), 400, "malformed_body_encoding"],
    ["an unknown Content-Encoding", () => send(`/sessions/${id}/turns`, json('{"input":"hi"}', { "content-encoding": "zip" })), 415, "unsupported_encoding"],
    ["nesting 2,000 levels deep", () => send("/sessions", json(`{"scenario":${'{"a":'.repeat(2000)}1${"}".repeat(2000)}}`)), 400, "body_too_deep"],
    ["arrays nested past the limit", () => send("/sessions", json(`{"scenario":${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}}`)), 400, "body_too_deep"],
    ["brackets inside strings do not count", () => send("/sessions", json(JSON.stringify({ scenario: "[".repeat(100) }))), 400, "invalid_request"],
    ["a JSON null body", () => send(`/sessions/${id}/turns`, json("null")), 400, "body_not_object"],
    ["a JSON array body", () => send(`/sessions/${id}/turns`, json('["hi"]')), 400, "body_not_object"],
    ["a JSON string body", () => send(`/sessions/${id}/turns`, json('"hi"')), 400, "body_not_object"],
    ["a text/plain body", () => send(`/sessions/${id}/turns`, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"input":"hi"}' }), 415, "unsupported_media_type"],
    ["a form body", () => send("/sessions", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "scenario=x" }), 415, "unsupported_media_type"],
    ["a lone surrogate in the input", () => send(`/sessions/${id}/turns`, json('{"input":"hi \\ud800 there"}')), 400, "invalid_text"],
    ["a NUL in the input", () => send(`/sessions/${id}/turns`, json('{"input":"hi \\u0000 there"}')), 400, "invalid_text"],
    ["a NUL in an inline scenario", () => send("/sessions", json('{"scenario":{"title":"a\\u0000b"}}')), 400, "invalid_text"],
    ["a NUL in a query string", () => send(`/sessions/${id}/memories?query=a%00b`), 400, "invalid_text"],
    ["malformed JSON", () => send(`/sessions/${id}/turns`, json("{nope")), 400, "malformed_json"],
  ])("%s", async (_name, request, status, code) => {
    const before = dataFolderSnapshot(server.dataDir);
    const r = await request();
    expect(r.status, r.text).toBe(status);
    expect(r.code, r.text).toBe(code);
    expect(dataFolderSnapshot(server.dataDir)).toEqual(before);
  });

  it("/health names no local path", async () => {
    const health = await send("/health");
    expect(health.status).toBe(200);
    expect(health.text).not.toContain(server.dataDir);
    expect(JSON.parse(health.text).data_dir).toBeUndefined();
  });

  it("the JSON turn route cancels its turn when the client disconnects; nothing is saved", async () => {
    const controller = new AbortController();
    const request = fetch(`${server.url}/sessions/${id}/turns`, { ...json('{"input":"I share my water with Tomas Reed."}'), signal: controller.signal }).catch(() => undefined);
    await until(() => server.engine.isBusy(id));
    controller.abort();
    await request;
    await until(() => !server.engine.isBusy(id));
    const session = await api(server.url, "GET", `/sessions/${id}`);
    expect(session.body.turn).toBe(0);
    expect((await api(server.url, "GET", `/sessions/${id}/memories`)).body.total).toBe(0);
  });
});

describe("atomic delete", () => {
  it("DELETE racing reads and turns: never a 5xx, never half-deleted, nothing recreated", async () => {
    const server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "1" });
    try {
      for (let round = 0; round < 6; round++) {
        const sid: string = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
        expect((await api(server.url, "POST", `/sessions/${sid}/turns`, { input: "I share my water with Tomas Reed." })).status).toBe(200);
        const reads = [`/sessions/${sid}`, `/sessions/${sid}/memories`, `/sessions/${sid}/memories?query=water`, `/sessions/${sid}/relationships`, `/sessions/${sid}/relationships/graph`, `/sessions/${sid}/metrics`, `/sessions/${sid}/enrichment`];
        // The delete goes out at a different moment among the reads each round.
        const requests = [
          ...reads.slice(0, round).map((r) => api(server.url, "GET", r)),
          api(server.url, "DELETE", `/sessions/${sid}`),
          ...reads.slice(round).map((r) => api(server.url, "GET", r)),
          api(server.url, "POST", `/sessions/${sid}/turns`, { input: "We rest." }),
          api(server.url, "DELETE", `/sessions/${sid}`),
        ];
        const statuses = (await Promise.all(requests)).map((r) => r.status);
        expect(statuses.filter((s) => s >= 500), statuses.join(",")).toEqual([]);
        expect(statuses.filter((s) => s === 204).length, statuses.join(",")).toBeGreaterThanOrEqual(1);
        for (const r of reads) expect((await api(server.url, "GET", r)).status).toBe(404);
        expect(existsSync(path.join(server.dataDir, "sessions", sid))).toBe(false);
        expect((await api(server.url, "GET", "/sessions")).body.items.map((s: { id: string }) => s.id)).not.toContain(sid);
      }
    } finally {
      await server.close();
    }
  });

  it("a delete interrupted by a crash is finished at start-up; stray folders are removed", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-delete-"));
    let server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "1" }, { dataDir });
    const sid: string = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    const kept: string = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    expect((await api(server.url, "POST", `/sessions/${sid}/turns`, { input: "I share my water with Tomas Reed." })).status).toBe(200);
    expect((await api(server.url, "GET", `/sessions/${sid}/memories`)).body.total).toBeGreaterThan(0);
    await server.close();
    // What a crash right after the delete's first step leaves: the row marked, every file still there.
    const index = new SqliteSessionIndex(path.join(dataDir, "sessions.sqlite"));
    expect(await index.markDeleting(sid)).toBe(true);
    await index.close();
    const stray = newSessionId();
    mkdirSync(path.join(dataDir, "sessions", stray, "memory"), { recursive: true });

    server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "1" }, { dataDir });
    try {
      expect((await api(server.url, "GET", `/sessions/${sid}`)).status).toBe(404);
      expect((await api(server.url, "GET", `/sessions/${sid}/memories`)).status).toBe(404);
      expect(existsSync(path.join(dataDir, "sessions", sid))).toBe(false);
      expect(existsSync(path.join(dataDir, "sessions", stray))).toBe(false);
      expect((await api(server.url, "GET", "/sessions")).body.items.map((s: { id: string }) => s.id)).toEqual([kept]);
      expect((await api(server.url, "GET", `/sessions/${kept}`)).status).toBe(200);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
