// Plays one turn over POST /sessions/:id/turns/stream and dispatches its events.
import { ApiError, errorFromResponse, request } from "./api.js";
import { readSse } from "./sse.js";

/** No event for this long means the stream stalled: the page says so instead of waiting forever. */
const STALL_MS = 150_000;

/**
 * Streams a turn. `on` receives start / token / tool / done callbacks; the promise resolves with
 * the done payload or rejects with an ApiError (HTTP error, `error` event, network loss, stall, or
 * a stream that ended without done). `signal` aborts the turn (the server then saves nothing).
 */
export async function streamTurn(sessionId, input, on, signal) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener("abort", abort, { once: true });
  let stalled = false;
  let timer = 0;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, STALL_MS);
  };
  try {
    arm();
    const res = await request(`/sessions/${encodeURIComponent(sessionId)}/turns/stream`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ input }),
      signal: controller.signal,
    });
    if (!res.ok) throw await errorFromResponse(res);
    if (!res.body) throw new ApiError(res.status, "no_stream", "The server answered without a stream.");
    for await (const frame of readSse(res.body)) {
      arm();
      const data = frame.data && typeof frame.data === "object" ? frame.data : {};
      switch (frame.event) {
        case "start":
          on.start?.(data);
          break;
        case "token":
          if (typeof data.text === "string") on.token?.(data.text);
          break;
        case "tool":
          on.tool?.(data);
          break;
        case "done":
          on.done?.(data);
          return data;
        case "error":
          throw new ApiError(200, String(data.code ?? "turn_failed"), String(data.message ?? "The turn failed."));
        default:
          break; // unknown events are ignored so the server can add more
      }
    }
    throw new ApiError(0, "stream_ended", "The connection closed before the turn finished; nothing was saved.");
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (stalled) throw new ApiError(0, "stalled", "The storyteller stopped responding, so the turn was abandoned. Try again.");
    if (signal?.aborted) throw new ApiError(0, "cancelled", "You stopped the turn; nothing was saved.");
    if (error?.name === "AbortError" || error instanceof TypeError) {
      throw new ApiError(0, "network", "The connection to the story server was lost mid-turn; nothing was saved.");
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
  }
}
