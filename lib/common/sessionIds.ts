import path from "node:path";
import { randomBase32 } from "./base32.ts";

/** Session ids are the server's own format: "ses_" + 20 lowercase base-32 characters. */
export const SESSION_ID_PATTERN = /^ses_[a-z2-7]{20}$/;

export function newSessionId(): string {
  return `ses_${randomBase32(20)}`;
}

export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && SESSION_ID_PATTERN.test(value);
}

export class InvalidSessionIdError extends Error {
  constructor(value: unknown) {
    super(`invalid session id ${JSON.stringify(String(value).slice(0, 40))}: expected "ses_" + 20 characters [a-z2-7]`);
    this.name = "InvalidSessionIdError";
  }
}

export function assertSessionId(value: unknown): string {
  if (!isSessionId(value)) throw new InvalidSessionIdError(value);
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
