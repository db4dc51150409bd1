import express from "express";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { readSse, type ReceivedEvent } from "../lib/dev/testing/sse.ts";
import { SseStream } from "./sse.ts";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A real HTTP server with one SSE route; `writes` counts the response's socket writes (res.write calls). */
async function serve(route: (sse: SseStream, res: express.Response) => void): Promise<{ url: string; writes: () => number }> {
  let count = 0;
  const app = express();
  app.get("/events", (_req, res) => {
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      count++;
      return write(...args);
    }) as typeof res.write;
    route(new SseStream(res), res);
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, writes: () => count };
}

async function readAll(url: string): Promise<ReceivedEvent[]> {
  const res = await fetch(`${url}/events`);
  const events: ReceivedEvent[] = [];
  for await (const e of readSse(res.body as ReadableStream<Uint8Array>)) events.push(e);
  return events;
}

describe("SseStream", () => {
  it("writes the frames of one loop turn in one write, in order with increasing ids, and flushes on end", async () => {
    const { url, writes } = await serve((sse) => {
      sse.send("token", { text: "The " });
      sse.send("token", { text: "rain " });
      sse.send("token", { text: "stops." });
      setImmediate(() => {
        sse.send("done", { turn: 1 });
        sse.end();
      });
    });
    const events = await readAll(url);
    expect(events.map((e) => [e.id, e.event, e.data])).toEqual([
      [1, "token", { text: "The " }],
      [2, "token", { text: "rain " }],
      [3, "token", { text: "stops." }],
      [4, "done", { turn: 1 }],
    ]);
    expect(writes()).toBe(2);
  });

  it("sends a frame without waiting for the next one (no timer holds tokens back)", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { url } = await serve((sse) => {
      sse.send("token", { text: "first" });
      void released.then(() => {
        sse.send("done", {});
        sse.end();
      });
    });
    const res = await fetch(`${url}/events`);
    const events: ReceivedEvent[] = [];
    for await (const e of readSse(res.body as ReadableStream<Uint8Array>)) {
      events.push(e);
      // Only the first frame can have arrived here: the server sends the rest after we saw it.
      if (events.length === 1) release();
    }
    expect(events.map((e) => e.event)).toEqual(["token", "done"]);
  });

  it("drops frames after the client went away", async () => {
    let closed!: () => void;
    const gone = new Promise<void>((resolve) => (closed = resolve));
    const { url, writes } = await serve((sse, res) => {
      sse.send("token", { text: "a" });
      res.on("close", () => {
        sse.send("token", { text: "late" });
        sse.end();
        closed();
      });
    });
    const controller = new AbortController();
    const res = await fetch(`${url}/events`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await gone;
    expect(writes()).toBe(1);
  });
});
