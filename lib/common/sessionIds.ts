import path from "node:path";
import { randomBase32 } from "./base32.ts";

/**
 * A session is a LangGraph thread and its id is the thread id. Sessions created through the HTTP
 * API have the server's own format, "ses_" + 20 lowercase base-32 characters; threads that a
 * LangGraph client (Studio, the SDK) creates have lowercase UUIDs. Both are safe as folder names.
 */
export const SESSION_ID_PATTERN = /^ses_[a-z2-7]{20}$/;
const THREAD_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newSessionId(): string {
  return `ses_${randomBase32(20)}`;
}

/** The HTTP API's ids: only sessions the server created ("ses_…"). */
export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && SESSION_ID_PATTERN.test(value);
}

/** Any session's thread id: the server's "ses_…" or a LangGraph client's UUID. */
export function isThreadId(value: unknown): value is string {
  return typeof value === "string" && (SESSION_ID_PATTERN.test(value) || THREAD_UUID_PATTERN.test(value));
}

export class InvalidSessionIdError extends Error {
  constructor(value: unknown) {
    super(`invalid session id ${JSON.stringify(String(value).slice(0, 40))}: expected "ses_" + 20 characters [a-z2-7]`);
    this.name = "InvalidSessionIdError";
  }
}

/** Accepts both id forms (see `isThreadId`); anything else throws before it can reach a path. */
export function assertSessionId(value: unknown): string {
  if (!isThreadId(value)) throw new InvalidSessionIdError(value);
  return value;
}

/**
 * The only way to build a session's folder: the id is validated first, so no request
 * can turn an id into a path outside `<dataDir>/sessions/`.
 */
export function sessionDir(dataDir: string, sessionId: string): string {
  const id = assertSessionId(sessionId);
  const root = path.resolve(dataDir, "sessions");
  const dir = path.join(root, id);
  if (path.dirname(dir) !== root) throw new InvalidSessionIdError(sessionId);
  return dir;
}
