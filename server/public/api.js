// JSON calls to the QuietStories API. Every failure becomes an ApiError the page can show.
import { authHeaders, authMessage, noteApiError } from "./auth.js";

/** An API or network failure: status 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, code, message, details = [], retryAfter = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details.map(String) : [];
    this.retryAfter = retryAfter; // seconds, from a 429's Retry-After
  }
}

/** Builds an ApiError from a non-2xx response ({error: {code, message, details?}} or anything else). */
export async function errorFromResponse(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall back to the status text below
  }
  const err = body && typeof body === "object" ? body.error : null;
  const retryAfter = Number(res.headers.get("Retry-After")) || null;
  const error =
    err && typeof err === "object"
      ? new ApiError(res.status, String(err.code ?? "error"), String(err.message ?? res.statusText), err.details ?? [], retryAfter)
      : new ApiError(res.status, `http_${res.status}`, `${res.status} ${res.statusText || "request failed"}`, [], retryAfter);
  noteApiError(error);
  return error;
}

/** fetch() that turns a network failure into ApiError(0, "network"). */
export async function request(path, init = {}) {
  try {
    return await fetch(path, { ...init, headers: { Accept: "application/json", ...authHeaders(), ...(init.headers ?? {}) } });
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    throw new ApiError(0, "network", "Could not reach the story server. Is it still running?");
  }
}

async function json(path, init) {
  const res = await request(path, init);
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return null;
  return res.json();
}

const post = (path, body) =>
  json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

const sid = (id) => encodeURIComponent(id);

export const api = {
  health: () => json("/health"),
  scenarios: () => json("/scenarios"),
  listSessions: (limit = 50) => json(`/sessions?limit=${limit}`),
  getSession: (id) => json(`/sessions/${sid(id)}`),
  createSession: (scenario, extra = {}) => post("/sessions", { scenario, ...extra }),
  /** `{card, player?, greeting?}`: a story from a character card (the server keeps its lorebook for export). */
  startFromCard: (body) => post("/sessions", body),
  /** A character card file (PNG or JSON) → `{card, card_json, scenario, warnings, saved?}`. */
  importCard: (file, type, player, save = false) => {
    const q = new URLSearchParams({ ...(player ? { player } : {}), ...(save ? { save: "1" } : {}) }).toString();
    return json(`/scenarios/import${q ? `?${q}` : ""}`, { method: "POST", headers: { "Content-Type": type }, body: file });
  },
  graph: (id) => json(`/sessions/${sid(id)}/relationships/graph`),
  memories: (id, query, k = 8) => {
    const q = query ? `?query=${encodeURIComponent(query)}&k=${k}` : "?limit=20";
    return json(`/sessions/${sid(id)}/memories${q}`);
  },
  enrichment: (id) => json(`/sessions/${sid(id)}/enrichment`),
};

/** A player-facing sentence for any error (status-aware), plus its details list. */
export function describeError(error) {
  if (!(error instanceof ApiError)) return { message: `Something went wrong: ${error?.message ?? error}`, details: [] };
  const byCode = {
    session_busy: "This story is already playing a turn (perhaps in another tab). Wait for it to finish, then try again.",
    network: error.message,
    body_too_large: "That is too long for the server to accept. Shorten it and try again.",
  };
  const limit = authMessage(error);
  if (limit) return { message: limit, details: error.status === 429 ? [error.message] : error.details };
  const message = byCode[error.code] ?? (error.status === 404 ? `Not found: ${error.message}` : error.message);
  return { message, details: error.details };
}
