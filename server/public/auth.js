// API keys for the page: a key field shown when the server asks for one (401). The key is kept in
// sessionStorage (this tab only, gone when it closes) and sent as "Authorization: Bearer <key>".
import { byTestId, h } from "./dom.js";

const STORAGE = "qs-api-key";

const storedKey = () => {
  try {
    return sessionStorage.getItem(STORAGE) || "";
  } catch {
    return ""; // storage disabled: the page still works on a server without keys
  }
};

/** The Authorization header for API calls, when a key was entered. */
export function authHeaders() {
  const key = storedKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

const UNAUTHORIZED = {
  missing_api_key: "This server needs an API key. Enter yours to see and play your stories.",
  invalid_api_key: "That API key is not valid on this server. Check it (or ask whoever runs the server) and enter it again.",
  malformed_authorization: "The key could not be sent. Enter it again.",
};

/** A player-facing sentence for the errors keys, limits and quotas cause; undefined for the rest. */
export function authMessage(error) {
  if (error.status === 401) return UNAUTHORIZED[error.code] ?? UNAUTHORIZED.missing_api_key;
  if (error.code === "rate_limited") {
    const wait = error.retryAfter ? ` Try again in ${error.retryAfter} second${error.retryAfter === 1 ? "" : "s"}.` : " Try again shortly.";
    return `You are going faster than this server allows.${wait}`;
  }
  if (error.code === "session_quota") return "You keep as many stories as this server allows. Delete one to start another.";
  if (error.code === "memory_quota") return "This story has reached the most memories this server keeps. Start a new story to play on.";
  if (error.code === "admin_only") return "That needs the server's admin key.";
  return undefined;
}

let panel = null;

/** Called for every failed API answer: a 401 shows the key field with the reason. */
export function noteApiError(error) {
  if (error.status === 401) showKeyField(authMessage(error));
}

function showKeyField(message) {
  if (!panel) return;
  panel.hidden = false;
  byTestId("auth-message", panel).textContent = message ?? "";
  const input = byTestId("api-key", panel);
  if (document.activeElement !== input) input.focus();
}

/** Builds the key field (hidden until the server asks for a key, or while a key is in use). */
export function initAuth() {
  const input = h("input", {
    id: "api-key",
    type: "password",
    "data-testid": "api-key",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: storedKey() ? "a key is in use in this tab" : "paste your key",
  });
  const form = h(
    "form",
    { class: "auth-form", "data-testid": "auth-form" },
    h("label", { for: "api-key" }, "API key"),
    input,
    h("button", { type: "submit", class: "primary small", "data-testid": "save-key" }, "Use this key"),
    h("button", { type: "button", class: "ghost small", "data-testid": "forget-key", hidden: !storedKey(), onclick: () => useKey("") }, "Forget key"),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (input.value.trim()) useKey(input.value.trim());
  });
  panel = h(
    "section",
    { class: "auth", "data-testid": "auth", "aria-label": "API key", hidden: !storedKey() },
    form,
    h("p", { class: "auth-message", "data-testid": "auth-message", role: "alert" }),
    h("p", { class: "muted small" }, "Kept in this tab only (sessionStorage) and sent to this server alone."),
  );
  document.querySelector("header")?.after(panel);
}

/** Stores (or forgets) the key and reloads, so every panel reads the stories this key may see. */
function useKey(key) {
  try {
    if (key) sessionStorage.setItem(STORAGE, key);
    else sessionStorage.removeItem(STORAGE);
  } catch {
    showKeyField("This browser does not let the page keep the key (storage is disabled).");
    return;
  }
  location.reload();
}
