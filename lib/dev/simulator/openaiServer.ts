/**
 * The simulated model: a local, scriptable, OpenAI-compatible HTTP server (Chat Completions,
 * embeddings, models) with a seeded latency model and deliberate failure modes. Built on node:http
 * only, so it stays independent of the engine's own server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { writeChatCompletion } from "./completions.ts";
import { embeddingsResponse, EmbeddingRequestSchema, type EmbeddingRequest } from "./embeddings.ts";
import { resolveLatency, type ResolvedLatency } from "./latency.ts";
import { defaultScript } from "./scripts.ts";
import { countPromptTokens, warmUpTokenizer } from "./tokens.ts";
import type { CallRecord, ChatRequest, LatencyOptions, Reply, Script, SimulatorOptions } from "./types.ts";
import { HttpError, parseBody, parseChatRequest, readJsonBody, sendError, sendJson } from "./wire.ts";

export type * from "./types.ts";
export { defaultScript, scriptedReplies, toolCallReply, isFailure } from "./scripts.ts";
export type { EmbeddingRequest } from "./embeddings.ts";

/** The simulated OpenAI-compatible model server at `baseURL` as the engine's model. */
export const simulatedModelEnv = (baseURL: string) => ({ QS_MODEL_PROVIDER: "openai", OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: "sim", QS_MODEL: "sim-model" }) as const;

/** A running simulated model server. */
export interface SimulatedModelServer {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  /** `url + "/v1"` — pass it as `configuration.baseURL` (or OPENAI_BASE_URL). */
  readonly baseURL: string;
  /** The engine's environment for this server: {@link simulatedModelEnv} of its `baseURL`. */
  readonly modelEnv: ReturnType<typeof simulatedModelEnv>;
  readonly port: number;
  /** Every valid chat completion request, in arrival order. */
  readonly requests: ChatRequest[];
  /** Every valid embeddings request, in arrival order. */
  readonly embeddingRequests: EmbeddingRequest[];
  /** Planned delays and observed timings of every chat call (same order as `requests`). */
  readonly calls: CallRecord[];
  /** Replaces the script for later calls. */
  setScript(script: Script): void;
  /** Replaces the whole latency model (unset fields fall back to 0 / seed 1) for later calls. */
  setLatency(latency: LatencyOptions): void;
  /** Clears `requests`, `embeddingRequests` and `calls`, and restarts the call index at 0. */
  reset(): void;
  /** Stops listening, aborts in-flight (also hanging) calls and destroys every socket. Idempotent. */
  close(): Promise<void>;
}

const MODEL_CREATED = 1_700_000_000;

const RESPONSES_API_HINT =
  "The simulator implements the Chat Completions API only, not the Responses API. Keep ChatOpenAI on " +
  "chat completions: leave `useResponsesApi` unset/false, use no built-in tools and no Responses-only options " +
  "(previous_response_id, text, truncation, include, reasoning.summary), and a model name without 'codex' or '-pro'.";

/**
 * Starts a simulated OpenAI-compatible model server on `host:port` (default 127.0.0.1, random port).
 * Routes: `POST /v1/chat/completions` (JSON and SSE), `POST /v1/embeddings`, `GET /v1/models[/:id]`;
 * anything else → 404 and bad JSON → 400, both in OpenAI's error shape.
 */
export async function startSimulatedModelServer(opts: SimulatorOptions = {}): Promise<SimulatedModelServer> {
  const host = opts.host ?? "127.0.0.1";
  const modelId = opts.modelId ?? "sim-model";
  let script: Script = opts.script ?? defaultScript;
  let latency: ResolvedLatency = resolveLatency(opts.latency);
  let nextCallIndex = 0;
  const requests: ChatRequest[] = [];
  const embeddingRequests: EmbeddingRequest[] = [];
  const calls: CallRecord[] = [];
  const sockets = new Set<Socket>();
  const inFlight = new Set<AbortController>();
  warmUpTokenizer();

  async function handleChat(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    // Taken on arrival, before the body is read, validated and counted: benchmarks subtract the call's
    // duration from the engine's, so the simulator's own work must fall inside it.
    const startedAt = performance.now();
    const tagsHeader = req.headers["x-sim-tags"];
    const chat = parseChatRequest(await readJsonBody(req), Array.isArray(tagsHeader) ? tagsHeader.join(",") : tagsHeader, modelId);
    const callIndex = nextCallIndex++;
    const promptTokens = countPromptTokens(chat);
    const record: CallRecord = {
      callIndex,
      stream: chat.stream === true,
      promptTokens,
      plannedTtftMs: 0,
      plannedPieceDelaysMs: [],
      outcome: "ok",
      startedAt,
    };
    requests.push(chat);
    calls.push(record);
    const callLatency = latency;
    try {
      let reply: Reply;
      try {
        reply = await script(chat, { callIndex });
      } catch (err) {
        record.outcome = "script_error";
        const message = err instanceof Error ? err.message : String(err);
        return sendError(res, 500, message.startsWith("simulator") ? message : `simulator script error: ${message}`, "server_error");
      }
      await writeChatCompletion(res, chat, reply, { callIndex, latency: callLatency, promptTokens, record, signal });
    } catch (err) {
      if (!signal.aborted) {
        record.outcome = "script_error"; // e.g. reply.tokens not joining to reply.content
        throw err;
      }
      if (record.outcome === "ok") record.outcome = "aborted";
    } finally {
      record.endedAt = performance.now();
    }
  }

  async function handleEmbeddings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseBody(EmbeddingRequestSchema, await readJsonBody(req));
    embeddingRequests.push(body);
    sendJson(res, 200, embeddingsResponse(body, "sim-embedding"));
  }

  function modelEntry(id: string): Record<string, unknown> {
    return { id, object: "model", created: MODEL_CREATED, owned_by: "quietstories-simulator" };
  }

  async function route(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const path = new URL(req.url ?? "/", "http://sim").pathname.replace(/\/+$/, "");
    const method = req.method ?? "GET";
    if (method === "POST" && path === "/v1/chat/completions") return handleChat(req, res, signal);
    if (method === "POST" && path === "/v1/embeddings") return handleEmbeddings(req, res);
    if (method === "GET" && path === "/v1/models") return sendJson(res, 200, { object: "list", data: [modelEntry(modelId)] });
    if (method === "GET" && path.startsWith("/v1/models/")) {
      return sendJson(res, 200, modelEntry(decodeURIComponent(path.slice("/v1/models/".length))));
    }
    if (path === "/v1/responses") throw new HttpError(404, RESPONSES_API_HINT, "invalid_request_error", "unsupported_endpoint");
    throw new HttpError(404, `Invalid URL (${method} ${path || "/"})`);
  }

  const server: Server = createServer({ noDelay: true }, (req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    res.on("close", () => {
      inFlight.delete(controller);
      if (!res.writableFinished) controller.abort();
    });
    route(req, res, controller.signal).catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(res, err.status, err.message, err.type, err.code);
      if (res.headersSent) return void res.destroy();
      sendError(res, 500, `simulator internal error: ${err instanceof Error ? err.message : String(err)}`, "server_error");
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    baseURL: `${url}/v1`,
    modelEnv: simulatedModelEnv(`${url}/v1`),
    port,
    requests,
    embeddingRequests,
    calls,
    setScript(next) {
      script = next;
    },
    setLatency(next) {
      latency = resolveLatency(next);
    },
    reset() {
      requests.length = 0;
      embeddingRequests.length = 0;
      calls.length = 0;
      nextCallIndex = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const controller of inFlight) controller.abort();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
