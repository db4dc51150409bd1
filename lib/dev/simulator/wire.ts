/**
 * HTTP plumbing shared by the simulator's routes: JSON bodies, OpenAI-shaped errors, zod schemas
 * of the request bodies, and abortable sleeps.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleepTimer } from "node:timers/promises";
import { z } from "zod";
import type { ChatRequest } from "./types.ts";

/** Largest accepted request body (bytes). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Thrown for request problems that map to an HTTP status and an OpenAI error type. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = "invalid_request_error",
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Writes a JSON body with the given status (no-op if the response already started). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Writes an error in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type = "invalid_request_error",
  code: string | null = null,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

/** Reads and parses a JSON request body; bad JSON → HttpError 400, too large → 413. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, `We could not parse the JSON body of your request. (${(err as Error).message})`);
  }
}

/** Validates a body with zod; failures → HttpError 400 listing the issues. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
  throw new HttpError(400, `Invalid request body: ${reasons}`);
}

/** Sleeps `ms` (skipped when ≤ 0); rejects with an AbortError when `signal` fires. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms > 0) await sleepTimer(ms, undefined, { signal });
}

/**
 * Writes to a response and resolves once the data was handed to the socket (so a later
 * `socket.destroy()` cannot drop it), on a write error, or when `signal` aborts.
 */
export function writeFlushed(res: ServerResponse, data: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || res.destroyed) return resolve();
    const done = (): void => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done, { once: true });
    res.write(data, done);
  });
}

/** Resolves when `signal` aborts (used by the hanging "timeout" failure). */
export function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

const ToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({})), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z.array(ToolCallSchema).optional(),
  tool_call_id: z.string().optional(),
});

const ToolSchema = z.looseObject({
  type: z.string(),
  function: z
    .looseObject({
      name: z.string(),
      description: z.string().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

const ChatBodySchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(MessageSchema).min(1),
  tools: z.array(ToolSchema).nullish(),
  tool_choice: z.unknown().optional(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().nullish(),
  max_completion_tokens: z.number().nullish(),
  temperature: z.number().nullish(),
  tags: z.array(z.string()).optional(),
});

/** Validates a chat completions body and normalises it into a `ChatRequest`. */
export function parseChatRequest(body: unknown, headerTags: string | undefined, defaultModel: string): ChatRequest {
  const parsed = parseBody(ChatBodySchema, body);
  const tags = [...(parsed.tags ?? []), ...(headerTags ?? "").split(",").map((t) => t.trim()).filter(Boolean)];
  return {
    ...parsed,
    model: parsed.model ?? defaultModel,
    messages: parsed.messages.map((m) => ({ ...m })),
    tools: parsed.tools ?? undefined,
    stream: parsed.stream ?? false,
    stream_options: parsed.stream_options
      ? { include_usage: parsed.stream_options.include_usage ?? undefined }
      : undefined,
    max_tokens: parsed.max_tokens ?? undefined,
    max_completion_tokens: parsed.max_completion_tokens ?? undefined,
    temperature: parsed.temperature ?? undefined,
    tags: tags.length ? tags : undefined,
  };
}
