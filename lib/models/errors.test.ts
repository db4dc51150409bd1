import { describe, expect, it } from "vitest";
import { classifyModelError, ModelOutputError, plainDetail, retryAfterMsOf } from "./errors.ts";

/** An error shaped like the openai SDK's APIError after LangChain has added its troubleshooting link. */
function apiError(status: number, message: string, headers: Record<string, string> = {}): Error {
  const error = new Error(`${status} ${message}\n\nTroubleshooting URL: https://docs.langchain.com/oss/javascript/langchain/errors/MODEL_RATE_LIMIT/\n`);
  return Object.assign(error, { status, headers: new Headers(headers), error: { message } });
}

describe("model errors", () => {
  it("reads Retry-After in seconds, as a date, and retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMsOf(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMsOf(new Headers({ "retry-after-ms": "50" }))).toBe(50);
    expect(retryAfterMsOf(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now)).toBe(3000);
    expect(retryAfterMsOf(new Headers())).toBeUndefined();
    expect(retryAfterMsOf(undefined)).toBeUndefined();
  });

  it("a 429 names the endpoint and the status, keeps the server's words, drops library links, carries retry_after_ms", () => {
    const failure = classifyModelError(apiError(429, "Rate limit reached for gpt-4o-mini.", { "retry-after": "2" }), "http://localhost:11434/v1");
    expect(failure).toEqual({
      code: "model_rate_limited",
      message: "the model at http://localhost:11434/v1 is rate limiting (HTTP 429): Rate limit reached for gpt-4o-mini.; it asks to retry after 2.0 s",
      retryAfterMs: 2000,
    });
  });

  it("5xx, refusals, lost connections and empty answers get their own codes", () => {
    expect(classifyModelError(apiError(503, "overloaded"), "E")).toMatchObject({ code: "model_unavailable", message: "the model at E failed (HTTP 503): overloaded" });
    expect(classifyModelError(apiError(401, "bad key"), "E")).toMatchObject({ code: "model_error", message: "the model at E refused the request (HTTP 401): bad key" });
    expect(classifyModelError(new TypeError("fetch failed"), "E")?.code).toBe("model_unavailable");
    expect(classifyModelError(new ModelOutputError("no prose"))).toEqual({ code: "model_empty_answer", message: "no prose" });
    expect(plainDetail(new Error("500 boom\n\nTroubleshooting URL: https://x/y/\n"))).toBe("boom");
  });
});
