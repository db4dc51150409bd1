import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../lib/common/seededRandom.ts";
import { newSessionId } from "../lib/common/sessionIds.ts";
import { dataFolderSnapshot } from "../lib/dev/testing/dataFolder.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

const SEED = 20261201;
const REQUESTS = 500;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const NASTY_TEXT = ["", " ", "水".repeat(300), "😀".repeat(50), "\u0000", "\ud800", "\udc00x", "a\u202eb", "../../etc/passwd", "%zz", "%00", "<script>", "null", "1e999", "-1", "0", "200", "true", "x".repeat(3000), "ses_aaaaaaaaaaaaaaaaaaaa", "frontier-caravan", "Tomas Reed"];

/** A random JSON value, up to `depth` levels deep. */
function jsonValue(random: Random, depth: number): unknown {
  const kind = Math.floor(random() * (depth > 0 ? 8 : 5));
  switch (kind) {
    case 0:
      return pick(random, NASTY_TEXT);
    case 1:
      return pick(random, [0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, 2001]);
    case 2:
      return pick(random, [true, false, null]);
    case 3:
    case 4:
      return pick(random, ["input", "scenario", "options", "query"]);
    case 5:
    case 6: {
      const obj: Record<string, unknown> = {};
      const keys = ["input", "scenario", "options", "prompt_variant", "title", "premise", "entities", "world", "id", "name", pick(random, NASTY_TEXT)];
      for (let i = Math.floor(random() * 5); i > 0; i--) obj[pick(random, keys)] = jsonValue(random, depth - 1);
      return obj;
    }
    default:
      return Array.from({ length: Math.floor(random() * 4) }, () => jsonValue(random, depth - 1));
  }
}

/** A body as raw text: mostly JSON, sometimes broken, sometimes absurdly nested. */
function rawBody(random: Random): string | undefined {
  const r = random();
  if (r < 0.1) return undefined;
  if (r < 0.15) return "{".repeat(1 + Math.floor(random() * 200));
  if (r < 0.2) return `{"input":"${pick(random, ["hi", "\\ud800", "\\u0000", "ok"])}"`;
  if (r < 0.25) return `{"scenario":${"[".repeat(40)}${"]".repeat(40)}}`;
  if (r < 0.45) return JSON.stringify({ input: pick(random, NASTY_TEXT), ...(random() < 0.3 ? { options: jsonValue(random, 2) } : {}) });
  if (r < 0.55) return JSON.stringify({ scenario: random() < 0.5 ? pick(random, NASTY_TEXT) : jsonValue(random, 4) });
  return JSON.stringify(jsonValue(random, 4));
}

/** Percent-encodes like a client would; a lone surrogate (which cannot be encoded) goes out as its raw bytes. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
};

function queryString(random: Random): string {
  if (random() < 0.4) return "";
  const keys = ["limit", "offset", "query", "k", "scope", "entity_id", "include_relationships", "type", "min_strength", "x", "%zz", "a[b][c]", "query[]"];
  const parts: string[] = [];
  for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
    const value = pick(random, NASTY_TEXT);
    parts.push(`${pick(random, keys)}=${random() < 0.8 ? encode(value).slice(0, 500) : value.slice(0, 20)}`);
  }
  return `?${parts.join("&")}`;
}

describe(`fuzz: ${REQUESTS} generated requests over every route (seed ${SEED})`, () => {
  let server: TestServer;
  const live: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "0" });
    for (let i = 0; i < 2; i++) live.push((await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id);
  });
  afterAll(async () => server?.close());

  it("answers no 5xx, stays up, and a 4xx writes nothing", async () => {
    const random = mulberry32(SEED);
    const deleted = (await api(server.url, "POST", "/sessions", { scenario: "harbour-intrigue" })).body.id as string;
    expect((await api(server.url, "DELETE", `/sessions/${deleted}`)).status).toBe(204);
    const ids = () => [...live, deleted, newSessionId(), "ses_short", "SES_AAAAAAAAAAAAAAAAAAAA", "..%2F..%2Fetc", "%zz", "%E0%A4%A", "ses_aaaaaaaaaaaaaaaaaaa1", "%00", "x".repeat(300)];
    const routes = ["", "/turns", "/turns/stream", "/memories", "/relationships", "/relationships/graph", "/enrichment", "/metrics"];
    const statuses = new Map<number, number>();
    for (let n = 0; n < REQUESTS; n++) {
      const top = random() < 0.2;
      const route = top ? pick(random, ["/health", "/scenarios", "/sessions", "/metrics", "/", "/nope", "/sessions/"]) : `/sessions/${pick(random, ids())}${pick(random, routes)}`;
      const method = pick(random, ["GET", "GET", "POST", "POST", "DELETE", "PUT", "PATCH"]);
      const body = method === "GET" ? undefined : rawBody(random);
      const headers: Record<string, string> = {};
      if (body !== undefined) headers["content-type"] = pick(random, ["application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/json; charset=latin9", "application/x-www-form-urlencoded"]);
      if (body !== undefined && random() < 0.1) headers["content-encoding"] = pick(random, ["gzip", "deflate", "br", "identity", "bogus"]);
      // A real turn with a real input may legitimately write: only refused requests must not.
      const before = dataFolderSnapshot(server.dataDir);
      const res = await fetch(`${server.url}${route}${queryString(random)}`, { method, headers, body });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `#${n} ${method} ${route} ${JSON.stringify(headers)} ${body?.slice(0, 120)}`;
      expect(res.status, where).toBeLessThan(500);
      if (res.status >= 400) expect(dataFolderSnapshot(server.dataDir), where).toEqual(before);
    }
    expect((await api(server.url, "GET", "/health")).status).toBe(200);
    // The generator reached refusals and successes alike.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 404, 415]));
  });
});
