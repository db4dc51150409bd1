/**
 * Deliberate failures of the simulated model server, as the real ChatOpenAI experiences them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scriptedReplies, startSimulatedModelServer, type SimulatedModelServer } from "./openaiServer.ts";
import { simChatModel } from "./testModels.ts";

let server: SimulatedModelServer;

beforeAll(async () => {
  server = await startSimulatedModelServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setLatency({});
});

/** Consumes a stream, returning the content pieces seen before it failed, and the error. */
async function drain(stream: AsyncIterable<{ content: unknown }>): Promise<{ pieces: string[]; error: unknown }> {
  const pieces: string[] = [];
  try {
    for await (const chunk of stream) if (typeof chunk.content === "string" && chunk.content) pieces.push(chunk.content);
  } catch (error) {
    return { pieces, error };
  }
  return { pieces, error: undefined };
}

/** Waits until `check` passes (server-side bookkeeping happens after the client already saw the error). */
async function eventually(check: () => void, ms = 1000): Promise<void> {
  const until = performance.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (performance.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe("HTTP errors", () => {
  it("http_500 → invoke rejects with the server's message, one request with maxRetries 0", async () => {
    server.setScript(() => ({ fail: "http_500" }));
    await expect(simChatModel(server).invoke("Hi")).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining("The server had an error while processing your request (simulated)"),
    });
    expect(server.requests).toHaveLength(1);
  });

  it("http_429 → a MODEL_RATE_LIMIT error; a custom status is honoured", async () => {
    server.setScript(scriptedReplies([{ fail: "http_429" }, { fail: "http_500", status: 503 }]));
    await expect(simChatModel(server).invoke("Hi")).rejects.toMatchObject({ status: 429, lc_error_code: "MODEL_RATE_LIMIT" });
    await expect(simChatModel(server).invoke("Hi")).rejects.toMatchObject({ status: 503 });
  });

  it("a throwing or exhausted script → HTTP 500 naming the cause", async () => {
    server.setScript(scriptedReplies([{ content: "only one" }]));
    await simChatModel(server).invoke("Hi");
    await expect(simChatModel(server).invoke("Hi")).rejects.toThrow(/simulator script exhausted/);
    expect(server.calls[1].outcome).toBe("script_error");
  });
});

describe("broken and malformed streams", () => {
  it("broken_stream → .stream() yields the first tokens, then throws", async () => {
    server.setLatency({ perTokenMs: 5 });
    server.setScript(() => ({ fail: "broken_stream", afterTokens: 2 }));
    const { pieces, error } = await drain(await simChatModel(server).stream("Tell me a story"));
    expect(pieces).toHaveLength(2);
    expect(error).toBeInstanceOf(Error);
    await expect(simChatModel(server).invoke("again")).rejects.toThrow(); // non-streaming: socket destroyed mid-body
  });

  it("malformed_json → the stream throws a JSON parse error after the first tokens; invoke rejects too", async () => {
    server.setScript(() => ({ fail: "malformed_json", afterTokens: 1 }));
    const quiet = simChatModel(server, { configuration: { logLevel: "off" } }); // the SDK logs the bad frame otherwise
    const { pieces, error } = await drain(await quiet.stream("Hi"));
    expect(pieces).toHaveLength(1);
    expect(error).toBeInstanceOf(SyntaxError);
    await expect(quiet.invoke("Hi")).rejects.toThrow();
  });
});

describe("timeouts", () => {
  it("timeout → aborting with a signal or the `timeout` call option rejects promptly", async () => {
    server.setScript(() => ({ fail: "timeout" }));
    let start = performance.now();
    await expect(simChatModel(server).invoke("Hi", { signal: AbortSignal.timeout(150) })).rejects.toThrow(/abort/i);
    expect(performance.now() - start).toBeLessThan(1000);
    start = performance.now();
    await expect(simChatModel(server).invoke("Hi", { timeout: 150 })).rejects.toThrow();
    expect(performance.now() - start).toBeLessThan(1000);
    await eventually(() => expect(server.calls.every((c) => c.outcome === "timeout" && c.endedAt !== undefined)).toBe(true));
  });

  it("the ChatOpenAI `timeout` field bounds the wait for response headers", async () => {
    server.setScript(() => ({ fail: "timeout" }));
    const start = performance.now();
    await expect(simChatModel(server, { timeout: 150 }).invoke("Hi")).rejects.toMatchObject({ name: "TimeoutError" });
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("timeout with afterTokens stalls mid-stream; only a signal ends it", async () => {
    server.setScript(() => ({ fail: "timeout", afterTokens: 2 }));
    const controller = new AbortController();
    const pieces: string[] = [];
    const consume = (async () => {
      for await (const chunk of await simChatModel(server, { timeout: 100 }).stream("Hi", { signal: controller.signal })) {
        if (typeof chunk.content === "string" && chunk.content) pieces.push(chunk.content);
      }
    })();
    await new Promise((r) => setTimeout(r, 300)); // well past the 100 ms client timeout: headers came at once
    expect(pieces).toHaveLength(2);
    controller.abort();
    await expect(consume).rejects.toThrow(/abort/i);
  });

  it("close() returns quickly even while a request hangs, and the client sees the connection drop", async () => {
    const hanging = await startSimulatedModelServer({ script: () => ({ fail: "timeout" }) });
    const pending = simChatModel(hanging).invoke("Hi");
    await eventually(() => expect(hanging.requests).toHaveLength(1));
    const start = performance.now();
    await hanging.close();
    expect(performance.now() - start).toBeLessThan(500);
    await expect(pending).rejects.toThrow();
  });
});
