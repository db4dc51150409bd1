/**
 * Writes one chat completion — JSON or SSE — following a script's reply and the latency plan.
 */
import type { ServerResponse } from "node:http";
import { planDelays, type ResolvedLatency } from "./latency.ts";
import { isFailure, narrativeFor } from "./scripts.ts";
import { countCompletionTokens, countTokens, splitArguments, splitIntoPieces } from "./tokens.ts";
import type { CallRecord, ChatRequest, FailureReply, Reply, ScriptToolCall, SimUsage, WireToolCall } from "./types.ts";
import { HttpError, sendError, sendJson, sleep, waitForAbort, writeFlushed } from "./wire.ts";

/** A unit of output: one content piece, the opening delta of a tool call, or an argument fragment. */
type Unit =
  | { kind: "content"; text: string }
  | { kind: "tool_open"; index: number; id: string; name: string }
  | { kind: "tool_args"; index: number; text: string };

/** Everything the writer needs about the call besides the reply. */
export interface CallContext {
  callIndex: number;
  latency: ResolvedLatency;
  promptTokens: number;
  record: CallRecord;
  /** Aborted when the client disconnects or the server closes. */
  signal: AbortSignal;
}

const DEFAULT_AFTER_TOKENS = 3;

function toolCallsWithIds(calls: ScriptToolCall[], callIndex: number): Array<Required<ScriptToolCall>> {
  return calls.map((c, i) => ({ name: c.name, args: c.args, id: c.id ?? `call_sim_${callIndex}_${i}` }));
}

/** Units of a reply, in streaming order: content pieces, then each tool call's opening and fragments. */
function unitsOf(pieces: string[], calls: Array<Required<ScriptToolCall>>): Unit[] {
  const units: Unit[] = pieces.map((text) => ({ kind: "content", text }));
  calls.forEach((c, index) => {
    units.push({ kind: "tool_open", index, id: c.id, name: c.name });
    for (const text of splitArguments(JSON.stringify(c.args))) units.push({ kind: "tool_args", index, text });
  });
  return units;
}

function costOf(unit: Unit): number {
  return unit.kind === "tool_args" ? Math.max(1, countTokens(unit.text)) : 1;
}

function contentAndPieces(reply: Reply, req: ChatRequest): { content: string; pieces: string[] } {
  if (isFailure(reply)) {
    const text = narrativeFor(req);
    return { content: text, pieces: splitIntoPieces(text).slice(0, reply.afterTokens ?? DEFAULT_AFTER_TOKENS) };
  }
  if (reply.tokens) {
    const joined = reply.tokens.join("");
    if (reply.content !== undefined && reply.content !== joined) {
      throw new HttpError(500, "simulator script error: reply.tokens must join to reply.content", "server_error");
    }
    return { content: joined, pieces: reply.tokens.filter((t) => t.length > 0) };
  }
  const content = reply.content ?? "";
  return { content, pieces: splitIntoPieces(content) };
}

function chunkFrame(req: ChatRequest, id: string, created: number, delta: object, finish: string | null): string {
  const chunk = {
    id,
    object: "chat.completion.chunk",
    created,
    model: req.model,
    system_fingerprint: "fp_sim",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(req.stream_options?.include_usage ? { usage: null } : {}),
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

function deltaOf(unit: Unit): object {
  if (unit.kind === "content") return { content: unit.text };
  if (unit.kind === "tool_open") {
    return { tool_calls: [{ index: unit.index, id: unit.id, type: "function", function: { name: unit.name, arguments: "" } }] };
  }
  return { tool_calls: [{ index: unit.index, function: { arguments: unit.text } }] };
}

function sendHttpFailure(res: ServerResponse, req: ChatRequest, reply: FailureReply): void {
  if (reply.fail === "http_429") {
    sendError(res, reply.status ?? 429, `Rate limit reached for ${req.model} (simulated).`, "requests", "rate_limit_exceeded", {
      "retry-after-ms": "50",
    });
  } else {
    sendError(res, reply.status ?? 500, "The server had an error while processing your request (simulated).", "server_error");
  }
}

/** A reply turned into wire-level output, with its delay plan. */
interface Prepared {
  req: ChatRequest;
  ctx: CallContext;
  failure?: FailureReply;
  content: string;
  calls: Array<Required<ScriptToolCall>>;
  units: Unit[];
  ttftMs: number;
  pieceDelaysMs: number[];
  usage: SimUsage & { total_tokens: number };
  finish: "stop" | "tool_calls";
  id: string;
  created: number;
}

async function writeJson(res: ServerResponse, p: Prepared): Promise<void> {
  const { ctx, failure, calls, content } = p;
  await sleep(p.ttftMs + p.pieceDelaysMs.reduce((a, b) => a + b, 0), ctx.signal);
  ctx.record.firstPieceAt = performance.now();
  const head = `{"id":"${p.id}","object":"chat.completion","choices":[{"index":0,"message":`;
  if (failure?.fail === "broken_stream") {
    res.writeHead(200, { "content-type": "application/json" });
    await writeFlushed(res, `${head}{"role":"assistant","content":"`, ctx.signal);
    res.socket?.destroy();
    return;
  }
  if (failure?.fail === "malformed_json") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(head);
    return;
  }
  const toolCalls: WireToolCall[] = calls.map((c) => ({
    id: c.id,
    type: "function",
    function: { name: c.name, arguments: JSON.stringify(c.args) },
  }));
  const message = {
    role: "assistant",
    content: content || (calls.length ? null : ""),
    refusal: null,
    ...(calls.length ? { tool_calls: toolCalls } : {}),
  };
  sendJson(res, 200, {
    id: p.id,
    object: "chat.completion",
    created: p.created,
    model: p.req.model,
    system_fingerprint: "fp_sim",
    choices: [{ index: 0, message, logprobs: null, finish_reason: p.finish }],
    usage: p.usage,
  });
}

async function writeStream(res: ServerResponse, p: Prepared): Promise<void> {
  const { req, ctx, failure, units } = p;
  const { signal, record } = ctx;
  const frame = (delta: object, finish: string | null = null): string => chunkFrame(req, p.id, p.created, delta, finish);
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  await sleep(p.ttftMs, signal);
  await writeFlushed(res, frame({ role: "assistant", content: "", refusal: null }), signal);
  for (let i = 0; i < units.length; i++) {
    if (i > 0) await sleep(p.pieceDelaysMs[i - 1], signal);
    record.firstPieceAt ??= performance.now();
    await writeFlushed(res, frame(deltaOf(units[i])), signal);
  }
  if (failure?.fail === "broken_stream") return void res.socket?.destroy();
  if (failure?.fail === "malformed_json") return void res.end(`data: {"id":"${p.id}","choices":[{"delta":{"content":\n\n`);
  if (failure?.fail === "timeout") return waitForAbort(signal);
  res.write(frame({}, p.finish));
  if (req.stream_options?.include_usage) {
    const usageChunk = { id: p.id, object: "chat.completion.chunk", created: p.created, model: req.model, system_fingerprint: "fp_sim", choices: [], usage: p.usage };
    res.write(`data: ${JSON.stringify(usageChunk)}\n\n`);
  }
  res.end("data: [DONE]\n\n");
}

/**
 * Answers one chat completion (JSON or SSE, per `req.stream`). Resolves when the response is finished,
 * broken or abandoned; rejects with an AbortError when `ctx.signal` fires during a wait.
 */
export async function writeChatCompletion(res: ServerResponse, req: ChatRequest, reply: Reply, ctx: CallContext): Promise<void> {
  const failure = isFailure(reply) ? reply : undefined;
  const success = isFailure(reply) ? undefined : reply;
  ctx.record.outcome = failure?.fail ?? "ok";
  if (failure?.fail === "http_500" || failure?.fail === "http_429") return sendHttpFailure(res, req, failure);
  if (failure?.fail === "timeout" && (!req.stream || failure.afterTokens === undefined)) return waitForAbort(ctx.signal);

  const { content, pieces } = contentAndPieces(reply, req);
  const calls = toolCallsWithIds(success?.toolCalls ?? [], ctx.callIndex);
  const units = unitsOf(pieces, calls);
  const plan = planDelays(ctx.latency, ctx.callIndex, ctx.promptTokens, units.slice(1).map(costOf));
  ctx.record.plannedTtftMs = plan.ttftMs;
  ctx.record.plannedPieceDelaysMs = plan.pieceDelaysMs;
  const usage = success?.usage ?? { prompt_tokens: ctx.promptTokens, completion_tokens: countCompletionTokens(content, calls) };
  const prepared: Prepared = {
    req,
    ctx,
    failure,
    content,
    calls,
    units,
    ...plan,
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    finish: calls.length ? "tool_calls" : "stop",
    id: `chatcmpl-sim-${ctx.callIndex}`,
    created: Math.floor(Date.now() / 1000),
  };
  return req.stream ? writeStream(res, prepared) : writeJson(res, prepared);
}
