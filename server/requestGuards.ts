import type { IncomingMessage } from "node:http";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { EngineError } from "../lib/sessions/errors.ts";
import { MAX_JSON_DEPTH } from "../lib/common/json.ts";
import { BODY_LIMIT } from "./validation.ts";

// A JSON body may nest MAX_JSON_DEPTH levels (a scenario needs about 6). The limit is checked on the
// raw bytes before anything parses or validates recursively, so a body nested thousands of levels
// deep can never overflow a stack.
export { MAX_JSON_DEPTH };

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Marks an error so body-parser keeps our status and the error handler our code. */
class BodyError extends Error {
  readonly status = 400;
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Throws when `bytes` (JSON text) nests objects/arrays deeper than MAX_JSON_DEPTH. Linear time. */
export function checkJsonDepth(bytes: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new BodyError("entity.too.deep", `request body nests deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text the engine refuses to store: a NUL or an unpaired UTF-16 surrogate (invalid UTF-8 on output). */
function isBadText(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

/** Where a string holds text the engine refuses to store: a NUL or an unpaired surrogate. */
export function findBadText(value: unknown, root: string): string[] {
  const bad: string[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && bad.length < 10) {
    const [v, at] = stack.pop() as [unknown, string];
    if (typeof v === "string") {
      if (isBadText(v)) bad.push(`${at}: contains ${v.includes("\u0000") ? "a NUL character" : "an unpaired UTF-16 surrogate"}`);
    } else if (v !== null && typeof v === "object") {
      for (const [key, child] of Object.entries(v)) {
        const path = at ? `${at}.${key}` : key;
        if (isBadText(key)) bad.push(`${at || "(root)"}: a key contains a NUL or an unpaired surrogate`);
        else stack.push([child, path]);
      }
    }
  }
  return bad;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** Bodies with a body-bearing method must be JSON; anything else is named as such (415). */
function requireJsonContentType(req: Request, _res: Response, next: NextFunction): void {
  if (METHODS_WITH_BODY.has(req.method) && hasBody(req) && !req.is("application/json")) {
    next(new EngineError("unsupported_media_type", 415, `send the body as application/json (got ${req.headers["content-type"] ?? "no content type"})`));
    return;
  }
  next();
}

/** A parsed body must be an object; text anywhere in it or in the query must be well-formed. */
function checkParsedRequest(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body !== undefined && (body === null || typeof body !== "object" || Array.isArray(body))) {
    next(new EngineError("body_not_object", 400, `request body must be a JSON object, got ${body === null ? "null" : Array.isArray(body) ? "an array" : typeof body}`));
    return;
  }
  const bad = [...findBadText(body, "body"), ...findBadText(req.query, "query")];
  if (bad.length > 0) {
    next(new EngineError("invalid_text", 400, "text must be valid Unicode without NUL characters", bad));
    return;
  }
  next();
}

/**
 * Everything between the socket and the routes that concerns the body and the query: JSON only,
 * at most BODY_LIMIT, at most MAX_JSON_DEPTH deep, an object, well-formed text. Every refusal is a
 * 4xx with its own code (see describeClientError).
 */
export function requestGuards(): RequestHandler[] {
  return [requireJsonContentType, express.json({ limit: BODY_LIMIT, strict: false, verify: (_req, _res, buf) => checkJsonDepth(buf) }), checkParsedRequest];
}

/** A client mistake reported by Express, body-parser or the router, as status + code; else undefined. */
export function describeClientError(error: unknown): { status: number; code: string; message: string } | undefined {
  if (error instanceof URIError) return { status: 400, code: "malformed_path", message: "the path is not valid percent-encoding" };
  const e = error as { status?: unknown; type?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.status === "number" ? e.status : undefined;
  const type = typeof e.type === "string" ? e.type : undefined;
  const message = typeof e.message === "string" ? e.message : "bad request";
  if (type === "entity.too.large") return { status: 413, code: "body_too_large", message: `request body is larger than ${BODY_LIMIT}` };
  if (type === "entity.too.deep") return { status: 400, code: "body_too_deep", message };
  if (type === "entity.parse.failed") return { status: 400, code: "malformed_json", message: `request body is not valid JSON: ${message}` };
  if (type === "encoding.unsupported" || type === "charset.unsupported") return { status: 415, code: "unsupported_encoding", message };
  if (typeof e.code === "string" && e.code.startsWith("Z_")) {
    return { status: 400, code: "malformed_body_encoding", message: `the body does not match its Content-Encoding: ${message}` };
  }
  if (type === "request.aborted") return { status: 400, code: "request_aborted", message: "the client aborted the request body" };
  if (status !== undefined && status >= 400 && status < 500) return { status, code: type ? type.replaceAll(".", "_") : "bad_request", message };
  return undefined;
}
