import { describe, expect, it } from "vitest";
import path from "node:path";
import { assertSessionId, isSessionId, isThreadId, newSessionId, sessionDir } from "./sessionIds.ts";

describe("session ids", () => {
  it("generates ids in the server's own format, all different", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newSessionId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(isSessionId(id)).toBe(true);
  });

  it("rejects anything that could become a path", () => {
    for (const bad of ["../etc", "ses_../../x", "ses_ABCDEFGHIJKLMNOPQRST", "", "ses_", "ses_aaaaaaaaaaaaaaaaaaaa/x", 42]) {
      expect(isSessionId(bad)).toBe(false);
      expect(isThreadId(bad)).toBe(false);
      expect(() => assertSessionId(bad)).toThrow(/invalid session id/);
    }
  });

  it("builds session folders only under <dataDir>/sessions", () => {
    const id = newSessionId();
    expect(sessionDir("/tmp/qs", id)).toBe(path.join("/tmp/qs/sessions", id));
    expect(() => sessionDir("/tmp/qs", "../../root")).toThrow();
  });

  it("accepts a LangGraph client's UUID thread id as a session folder, but not in the HTTP API's format", () => {
    const uuid = "3f2b9c1e-8a7d-4e21-9b6a-1c2d3e4f5a6b";
    expect(isThreadId(uuid)).toBe(true);
    expect(isSessionId(uuid)).toBe(false);
    expect(sessionDir("/tmp/qs", uuid)).toBe(path.join("/tmp/qs/sessions", uuid));
    expect(isThreadId(uuid.toUpperCase())).toBe(false);
  });
});
