/** A model failure as the client sees it: a stable code and a message that says what to do. */
export interface ModelFailure {
  code: "model_timeout" | "model_unavailable" | "model_rate_limited" | "model_error" | "aborted";
  message: string;
}

/** Maps errors from ChatOpenAI / fetch / abort into a small set of client-facing codes. */
export function classifyModelError(error: unknown): ModelFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const status = (error as { status?: unknown }).status;
  const name = error.name;
  const text = `${name} ${error.message}`;
  if (name === "AbortError" || /aborted|abort/i.test(text)) {
    if (/timed? ?out|timeout/i.test(text)) return { code: "model_timeout", message: `the model did not answer in time: ${error.message}` };
    return { code: "aborted", message: "the turn was cancelled before it finished" };
  }
  if (/timed? ?out|timeout|ETIMEDOUT/i.test(text)) return { code: "model_timeout", message: `the model did not answer in time: ${error.message}` };
  if (status === 429) return { code: "model_rate_limited", message: `the model endpoint is rate limiting: ${error.message}` };
  if (typeof status === "number" && status >= 500) return { code: "model_unavailable", message: `the model endpoint failed (${status}): ${error.message}` };
  if (typeof status === "number") return { code: "model_error", message: `the model endpoint refused the request (${status}): ${error.message}` };
  if (/ECONNREFUSED|ECONNRESET|fetch failed|socket|terminated|Connection error|premature close/i.test(text)) {
    return { code: "model_unavailable", message: `lost the connection to the model: ${error.message}` };
  }
  return undefined;
}
