/**
 * Writes one chat completion — JSON or SSE — following a script's reply and the latency plan.
 */
import type { ServerResponse } from "node:http";
import { planDelays, type ResolvedLatency } from "./latency.ts";
import { isFailure, narrativeFor } from "./scripts.ts";
import { completionLimit, shapedContent, unitsWithin } from "./realServerModes.ts";
import { countCompletionTokens, countTokens, splitArguments, splitIntoPieces } from "./tokens.ts";
import type { CallRecord, ChatRequest, FailureReply, Reply, ScriptToolCall, SimUsage, SuccessReply, ToolCallDelivery, WireToolCall } from "./types.ts";
import { HttpError, sendError, sendJson, sleep, waitForAbort, writeFlushed } from "./wire.ts";

/** A unit of output: one content piece, the opening delta of a tool call, or an argument fragment. */
type Unit =
  | { kind: "content"; text: string }
  | { kind: "reasoning"; text: string }
  | { kind: "tools_all"; calls: Array<Required<Omit<ScriptToolCall, "rawArguments">> & Pick<ScriptToolCall, "rawArguments">>; delivery: ToolCallDelivery }
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

type SimToolCall = Required<Omit<ScriptToolCall, "rawArguments">> & Pick<ScriptToolCall, "rawArguments">;

function toolCallsWithIds(calls: ScriptToolCall[], callIndex: number): SimToolCall[] {
  return calls.map((c, i) => ({ name: c.name, args: c.args, id: c.id ?? `call_sim_${callIndex}_${i}`, rawArguments: c.rawArguments }));
}

const argumentsOf = (c: SimToolCall) => c.rawArguments ?? JSON.stringify(c.args);

/**
 * Units of a reply, in streaming order: reasoning pieces (`reasoning_content`), content pieces, then each
 * tool call's opening and fragments (or all calls in one chunk); tool calls first when the reply asks.
 */
function unitsOf(pieces: string[], calls: SimToolCall[], reply: SuccessReply | undefined, reasoningApart: string): Unit[] {
  const prose: Unit[] = [...splitIntoPieces(reasoningApart).map((text): Unit => ({ kind: "reasoning", text })), ...pieces.map((text): Unit => ({ kind: "content", text }))];
  const tools: Unit[] = [];
  const delivery = reply?.toolCallDelivery ?? "streamed";
  if (calls.length > 0 && delivery !== "streamed") tools.push({ kind: "tools_all", calls, delivery });
  else {
    calls.forEach((c, index) => {
      tools.push({ kind: "tool_open", index, id: c.id, name: c.name });
      for (const text of splitArguments(argumentsOf(c))) tools.push({ kind: "tool_args", index, text });
    });
  }
  return reply?.toolCallsFirst ? [...tools, ...prose] : [...prose, ...tools];
}

function costOf(unit: Unit): number {
  return unit.kind === "tool_args" ? Math.max(1, countTokens(unit.text)) : 1;
}

/** Completion tokens a unit spends against max_tokens. */
function tokensOf(unit: Unit): number {
  if (unit.kind === "tools_all") return unit.calls.reduce((n, c) => n + countTokens(c.name) + countTokens(argumentsOf(c)), 0);
  if (unit.kind === "tool_open") return countTokens(unit.name);
  return Math.max(1, countTokens(unit.text));
}

function contentAndPieces(reply: Reply, req: ChatRequest): { content: string; pieces: string[]; nativeCalls: ScriptToolCall[]; reasoningApart: string } {
  if (isFailure(reply)) {
    const text = narrativeFor(req);
    return { content: text, pieces: splitIntoPieces(text).slice(0, reply.afterTokens ?? DEFAULT_AFTER_TOKENS), nativeCalls: [], reasoningApart: "" };
  }
  if (reply.tokens) {
    const joined = reply.tokens.join("");
    if (reply.content !== undefined && reply.content !== joined) {
      throw new HttpError(500, "simulator script error: reply.tokens must join to reply.content", "server_error");
    }
    if (reply.reasoning !== undefined || (reply.toolCallFormat ?? "native") !== "native") {
      throw new HttpError(500, "simulator script error: reply.tokens cannot be combined with reasoning or a text tool-call format", "server_error");
    }
    return { content: joined, pieces: reply.tokens.filter((t) => t.length > 0), nativeCalls: reply.toolCalls ?? [], reasoningApart: "" };
  }
  const shaped = shapedContent(reply);
  return { ...shaped, pieces: splitIntoPieces(shaped.content) };
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
  if (unit.kind === "reasoning") return { reasoning_content: unit.text };
  if (unit.kind === "tools_all") {
    return {
      tool_calls: unit.calls.map((c, i) => ({
        ...(unit.delivery === "single_chunk_no_index" ? {} : { index: unit.delivery === "single_chunk_same_index" ? 0 : i }),
        id: c.id,
        type: "function",
        function: { name: c.name, arguments: argumentsOf(c) },
      })),
    };
  }
  if (unit.kind === "tool_open") {
    return { tool_calls: [{ index: unit.index, id: unit.id, type: "function", function: { name: unit.name, arguments: "" } }] };
  }
  return { tool_calls: [{ index: unit.index, function: { arguments: unit.text } }] };
}

function sendHttpFailure(res: ServerResponse, req: ChatRequest, reply: FailureReply): void {
  if (reply.fail === "http_429") {
    const wait: Record<string, string> = reply.retryAfterSeconds === undefined ? { "retry-after-ms": "50" } : { "retry-after": String(reply.retryAfterSeconds) };
    sendError(res, reply.status ?? 429, `Rate limit reached for ${req.model} (simulated).`, "requests", "rate_limit_exceeded", wait);
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
  calls: SimToolCall[];
  units: Unit[];
  ttftMs: number;
  pieceDelaysMs: number[];
  usage: (SimUsage & { total_tokens: number }) | undefined;
  finish: "stop" | "tool_calls" | "length";
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
    function: { name: c.name, arguments: argumentsOf(c) },
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
  if (req.stream_options?.include_usage && p.usage) {
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

  const { content, pieces, nativeCalls, reasoningApart } = contentAndPieces(reply, req);
  const calls = toolCallsWithIds(nativeCalls, ctx.callIndex);
  const allUnits = unitsOf(pieces, calls, success, reasoningApart);
  // Like a real server, stop at max_tokens (streaming): whatever was cut off is simply not sent.
  const units = req.stream && success ? allUnits.slice(0, unitsWithin(allUnits.map(tokensOf), completionLimit(req))) : allUnits;
  const truncated = units.length < allUnits.length;
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
    usage: success?.omitUsage ? undefined : { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    finish: success?.finishReason ?? (truncated ? "length" : calls.length ? "tool_calls" : "stop"),
    id: `chatcmpl-sim-${ctx.callIndex}`,
    created: Math.floor(Date.now() / 1000),
  };
  return req.stream ? writeStream(res, prepared) : writeJson(res, prepared);
}
