/** Errors the API maps to status codes; each carries a stable machine-readable code. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: string[],
    /** For model_rate_limited: how long the model endpoint asked to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

export const notFound = (id: string) => new EngineError("not_found", 404, `no session ${id}`);
export const busy = (id: string) =>
  new EngineError("session_busy", 409, `session ${id} is already playing a turn; wait for its done or error event`);
export const shuttingDown = () => new EngineError("shutting_down", 503, "the server is shutting down; try again shortly");
export const invalid = (message: string, details?: string[]) => new EngineError("invalid_request", 400, message, details);
