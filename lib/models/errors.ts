/** A model failure as the client sees it: a stable code and a message that says what happened, in plain words. */
export interface ModelFailure {
  code: "model_timeout" | "model_unavailable" | "model_rate_limited" | "model_error" | "model_empty_answer" | "aborted";
  message: string;
  /** How long the endpoint asked to wait before retrying (its Retry-After / retry-after-ms header). */
  retryAfterMs?: number;
}

/** The model answered, but with nothing the engine can use as a story turn (e.g. no prose, twice). */
export class ModelOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelOutputError";
  }
}

/** Reads `retry-after-ms` (ms) or `retry-after` (seconds or an HTTP date) from response headers. */
export function retryAfterMsOf(headers: unknown, now = Date.now()): number | undefined {
  const get = (name: string): string | null | undefined =>
    headers instanceof Headers ? headers.get(name) : typeof headers === "object" && headers ? (headers as Record<string, string | undefined>)[name] : undefined;
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const after = get("retry-after");
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The endpoint's own words: no leading status number, no client-library troubleshooting links. */
export function plainDetail(error: Error): string {
  const body = (error as { error?: { message?: unknown } }).error;
  const text = typeof body?.message === "string" && body.message ? body.message : error.message;
  return text
    .replace(/\s*Troubleshooting URL:\s*\S+/gi, "")
    .replace(/^\d{3}\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Maps errors from ChatOpenAI / fetch / abort into a small set of client-facing codes. `endpoint`
 * names the model endpoint in the message (e.g. "http://localhost:11434/v1").
 */
export function classifyModelError(error: unknown, endpoint = "the model endpoint"): ModelFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof ModelOutputError) return { code: "model_empty_answer", message: error.message };
  const status = (error as { status?: unknown }).status;
  const name = error.name;
  const detail = plainDetail(error);
  const text = `${name} ${error.message}`;
  const timeout = { code: "model_timeout" as const, message: `the model at ${endpoint} did not answer in time (${detail})` };
  if (name === "AbortError" || /aborted|abort/i.test(text)) {
    if (/timed? ?out|timeout/i.test(text)) return timeout;
    return { code: "aborted", message: "the turn was cancelled before it finished" };
  }
  if (/timed? ?out|timeout|ETIMEDOUT/i.test(text)) return timeout;
  if (status === 429) {
    const retryAfterMs = retryAfterMsOf((error as { headers?: unknown }).headers);
    const wait = retryAfterMs === undefined ? "" : `; it asks to retry after ${(retryAfterMs / 1000).toFixed(retryAfterMs < 10_000 ? 1 : 0)} s`;
    return { code: "model_rate_limited", message: `the model at ${endpoint} is rate limiting (HTTP 429): ${detail}${wait}`, retryAfterMs };
  }
  if (typeof status === "number" && status >= 500) return { code: "model_unavailable", message: `the model at ${endpoint} failed (HTTP ${status}): ${detail}` };
  if (typeof status === "number") return { code: "model_error", message: `the model at ${endpoint} refused the request (HTTP ${status}): ${detail}` };
  if (/ECONNREFUSED|ECONNRESET|fetch failed|socket|terminated|Connection error|premature close/i.test(text)) {
    return { code: "model_unavailable", message: `lost the connection to the model at ${endpoint} (${detail})` };
  }
  return undefined;
}
