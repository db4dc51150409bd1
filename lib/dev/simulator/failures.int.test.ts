/**
 * Deliberate failures of the simulated model server, as the real ChatOpenAI experiences them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { scriptedReplies, startSimulatedModelServer, type SimulatedModelServer } from "./openaiServer.ts";
import { simChatModel } from "../testing/simulatorModels.ts";

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

/**
 * Server-side bookkeeping finishes after the client already saw the error: wait for it with
 * vi.waitFor (no timing assertions; the per-test timeout guards against hangs).
 */
const eventually = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 5_000, interval: 10 });

/** A hang would otherwise wait for the int project's 120 s default. */
const PROMPT = { timeout: 15_000 };

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
  it("timeout → aborting with a signal or the `timeout` call option rejects with an AbortError", PROMPT, async () => {
    server.setScript(() => ({ fail: "timeout" }));
    await expect(simChatModel(server).invoke("Hi", { signal: AbortSignal.timeout(150) })).rejects.toMatchObject({
      name: "AbortError",
      message: expect.stringMatching(/abort/i),
    });
    await expect(simChatModel(server).invoke("Hi", { timeout: 150 })).rejects.toMatchObject({
      name: "AbortError",
      message: expect.stringMatching(/abort/i),
    });
    // The server saw both calls hang, and both ended when the client went away.
    await eventually(() => {
      expect(server.calls).toHaveLength(2);
      for (const call of server.calls) {
        expect(call.outcome).toBe("timeout");
        expect(call.firstPieceAt).toBeUndefined();
        expect(call.endedAt).toBeGreaterThanOrEqual(call.startedAt);
      }
    });
  });

  it("the ChatOpenAI `timeout` field bounds the wait for response headers", PROMPT, async () => {
    server.setScript(() => ({ fail: "timeout" }));
    await expect(simChatModel(server, { timeout: 150 }).invoke("Hi")).rejects.toMatchObject({
      name: "TimeoutError",
      message: expect.stringMatching(/timed out/i),
    });
    expect(server.requests).toHaveLength(1); // maxRetries 0: no second attempt
    await eventually(() => {
      expect(server.calls[0].outcome).toBe("timeout");
      expect(server.calls[0].firstPieceAt).toBeUndefined();
      expect(server.calls[0].endedAt).toBeGreaterThanOrEqual(server.calls[0].startedAt);
    });
  });

  it("timeout with afterTokens stalls mid-stream; only a signal ends it", PROMPT, async () => {
    server.setScript(() => ({ fail: "timeout", afterTokens: 2 }));
    const controller = new AbortController();
    const pieces: string[] = [];
    const consume = (async () => {
      for await (const chunk of await simChatModel(server, { timeout: 100 }).stream("Hi", { signal: controller.signal })) {
        if (typeof chunk.content === "string" && chunk.content) pieces.push(chunk.content);
      }
    })();
    consume.catch(() => undefined); // asserted below; keeps an early failure from going unhandled meanwhile
    await eventually(() => expect(pieces).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 300)); // well past the 100 ms client timeout: headers came at once
    expect(pieces).toHaveLength(2);
    expect(server.calls[0]).toMatchObject({ outcome: "timeout", stream: true });
    expect(server.calls[0].firstPieceAt).toBeDefined();
    expect(server.calls[0].endedAt).toBeUndefined(); // still stalled on the server
    controller.abort();
    await expect(consume).rejects.toMatchObject({ name: "AbortError", message: expect.stringMatching(/abort/i) });
    await eventually(() => expect(server.calls[0].endedAt).toBeGreaterThan(server.calls[0].firstPieceAt!));
    expect(server.calls[0].outcome).toBe("timeout");
  });

  it("close() resolves even while a request hangs, and the client sees the connection drop", PROMPT, async () => {
    const hanging = await startSimulatedModelServer({ script: () => ({ fail: "timeout" }) });
    const pending = simChatModel(hanging).invoke("Hi");
    pending.catch(() => undefined); // asserted below
    await eventually(() => expect(hanging.requests).toHaveLength(1));
    expect(hanging.calls[0].endedAt).toBeUndefined();
    await hanging.close(); // the hanging call never ends by itself: close() must abort it, not wait for it
    const dropped = await pending.then(() => undefined, (error: unknown) => error);
    expect(dropped).toBeInstanceOf(Error);
    expect((dropped as Error).constructor.name).toBe("APIConnectionError"); // the SDK's class; openai is no direct dependency
    expect((dropped as Error).message).toBe("Connection error.");
    await eventually(() => expect(hanging.calls[0].endedAt).toBeDefined());
    expect(hanging.calls[0].outcome).toBe("timeout");
    expect(hanging.calls[0].firstPieceAt).toBeUndefined();
  });
});
