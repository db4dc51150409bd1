// QuietStories web page: wires the sidebar, the story column, the turn stream and the side panels.
import { api, describeError } from "./api.js";
import { initAuth } from "./auth.js";
import { byTestId, h } from "./dom.js";
import { renderGraph } from "./graph.js";
import { addTool, clearTools, memoryNotice, showEnrichment, showInventory, showMemories, showMetrics, showTools } from "./panels.js";
import { announce } from "./announce.js";
import { initPhonePanels, setOpen } from "./phone.js";
import { initCardImport } from "./cards.js";
import { initNewStory, initSessionList } from "./sessions.js";
import { beginTurn, showNoSession, showSession, showWorld } from "./story.js";
import { streamTurn } from "./turn.js";
import { initTimeline } from "./timeline.js";

const page = {
  sessionId: null,
  playerId: null,
  offline: false,
  running: null, // AbortController of the turn in flight
  generation: 0, // bumps when the open story changes, so late answers for the old one are dropped
  turn: 0, // the last turn the story column shows
  catchUp: 0, // bumps to stop watching for a turn played elsewhere (see catchUp)
  memoryQuery: "",
  enrichmentSeen: null, // {gen, done}: the done tasks the page last saw for the open story
};

/** After a 409, how often and how long the page looks for the other tab's turn to land. */
const CATCH_UP_EVERY_MS = 1500;
const CATCH_UP_TRIES = 40;

const input = byTestId("action-input");
const send = byTestId("send");
const stop = byTestId("stop");
const status = byTestId("turn-status");
const hint = byTestId("action-hint");
const notice = byTestId("notice");

const newStory = initNewStory({ onStarted: (view) => void openSession(view.id, view) });
initCardImport({ onStarted: (view) => void openSession(view.id, view), showErrors: (problem) => newStory.showFormErrors(problem) });
const sessionList = initSessionList({ onPick: (id) => void openSession(id) });

// ---- errors and status ------------------------------------------------------------------------

/**
 * After a turn: the action box sits at the bottom of the screen with the newest text just above it,
 * so a keyboard user sees where focus is and what was written.
 */
function revealComposer() {
  const behavior = matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  byTestId("composer").scrollIntoView({ block: "end", behavior });
}

function showError(problem) {
  const box = byTestId("error");
  box.replaceChildren();
  box.hidden = !problem;
  if (!problem) return;
  box.append(h("p", {}, problem.message));
  if (problem.details?.length) box.append(h("ul", {}, problem.details.map((d) => h("li", {}, d))));
  box.append(h("button", { type: "button", class: "ghost small", onclick: () => showError(null) }, "Dismiss"));
  box.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

/** The inline message under the action box (a polite live region); null clears it. */
function showHint(text) {
  if (!text) {
    hint.textContent = "";
    input.removeAttribute("aria-invalid");
    return;
  }
  // The same words again get a trailing no-break space, so screen readers announce them again.
  hint.textContent = hint.textContent === text ? `${text}\u00a0` : text;
  input.setAttribute("aria-invalid", "true");
}

/** A short polite note about what the page did on its own (role=status); null clears it. */
function showNotice(text) {
  notice.replaceChildren();
  if (!text) return;
  notice.append(h("p", {}, text), h("button", { type: "button", class: "ghost small", onclick: () => showNotice(null) }, "Dismiss"));
}

/** The turn a session view is at. */
const turnOf = (view) => (typeof view?.turn === "number" ? view.turn : (view?.history?.at(-1)?.turn ?? 0));

function setRunning(controller) {
  page.running = controller;
  const busy = Boolean(controller);
  send.disabled = busy || !page.sessionId;
  input.disabled = !page.sessionId;
  stop.hidden = !busy;
  document.body.classList.toggle("turn-running", busy);
}

// ---- opening a story --------------------------------------------------------------------------

async function openSession(id, view = null) {
  if (page.running && id === page.sessionId) return; // never cancel a turn by re-opening its own story
  if (page.running) page.running.abort();
  const gen = ++page.generation;
  showError(null);
  setOpen("stories", false); // on a phone the picker folds away once a story is chosen
  try {
    view ??= await api.getSession(id);
  } catch (error) {
    if (gen !== page.generation) return;
    showError(describeError(error));
    if (error.status === 404 && location.hash.includes(id)) history.replaceState(null, "", location.pathname);
    return;
  }
  if (gen !== page.generation) return;
  page.sessionId = view.id;
  page.playerId = view.scenario?.player_id ?? null;
  page.turn = turnOf(view);
  page.memoryQuery = "";
  byTestId("memory-query").value = "";
  if (location.hash !== `#session=${view.id}`) history.replaceState(null, "", `#session=${view.id}`);
  showHint(null);
  showNotice(null);
  showSession(view);
  showInventory(view);
  const last = view.history?.at(-1);
  showTools(last?.tool_calls);
  showMetrics(last?.metrics, last?.metrics?.model, { offline: page.offline });
  status.textContent = last ? `Turn ${last.turn} — your move.` : "";
  for (const el of [byTestId("memory-query"), byTestId("memory-search")]) el.disabled = false;
  setRunning(null);
  input.focus();
  sessionList.setCurrent(view.id);
  void sessionList.refresh();
  void refreshGraph(gen);
  void refreshMemories(gen);
  void pollEnrichment(gen, 1);
}

// ---- playing a turn ---------------------------------------------------------------------------

async function play(text) {
  const id = page.sessionId;
  if (!id || page.running) return;
  if (!text.trim()) {
    showHint("Nothing to send yet: write what you do first.");
    input.focus();
    return;
  }
  const gen = page.generation;
  const controller = new AbortController();
  page.catchUp++; // this tab plays now: stop watching for a turn played elsewhere
  setRunning(controller);
  showError(null);
  showHint(null);
  showNotice(null);
  clearTools();
  input.value = "";
  status.textContent = "The storyteller is thinking…";
  const view = beginTurn(text.trim());
  let sawToken = false;
  try {
    const done = await streamTurn(
      id,
      text.trim(),
      {
        token: (t) => {
          if (!sawToken) status.textContent = "The storyteller is writing…";
          sawToken = true;
          view.token(t);
        },
        tool: (call) => addTool(call),
      },
      controller.signal,
    );
    if (gen !== page.generation) return;
    const shownBefore = page.turn;
    if (typeof done.turn === "number" && done.turn > shownBefore + 1) {
      // The story moved on elsewhere (another tab) since this page last looked: the server put this
      // action after those turns, so show the whole saved story rather than a gap.
      const fresh = await api.getSession(id).catch(() => null);
      if (gen !== page.generation) return;
      if (fresh && turnOf(fresh) >= done.turn) {
        showSession(fresh);
        showInventory(fresh);
        page.turn = turnOf(fresh);
      } else {
        view.done(done);
        page.turn = done.turn;
      }
      const missed = done.turn - shownBefore - 1;
      showNotice(
        `This story had moved on elsewhere (perhaps in another tab): ${missed === 1 ? "1 turn was" : `${missed} turns were`} played there. The page has caught up; your action became turn ${done.turn}.`,
      );
    } else {
      view.done(done);
      if (typeof done.turn === "number") page.turn = done.turn;
    }
    showMetrics(done.metrics, done.model, { offline: page.offline });
    status.textContent = `Turn ${done.turn} saved.`;
    // The finished turn is read once, whole: the streaming area is not a live region (no per-token chatter).
    announce(`Turn ${done.turn}. ${done.narrative ?? ""} ${done.confirmation ?? ""}`);
    void afterTurn(id, gen);
  } catch (error) {
    if (gen !== page.generation) return;
    view.fail();
    if (error?.code === "session_busy") {
      // Another tab (or client) is playing this story: catch up instead of showing a stale story.
      status.textContent = "Not sent: this story is busy with a turn started elsewhere.";
      if (!input.value) input.value = text;
      void catchUp(id, gen);
      return;
    }
    const problem = describeError(error);
    showError(problem);
    status.textContent = "The turn did not complete.";
    if (!input.value) input.value = text; // give the words back so the player can retry
  } finally {
    if (gen === page.generation) {
      setRunning(null);
      input.focus({ preventScroll: true });
      revealComposer();
    }
  }
}

async function afterTurn(id, gen) {
  void refreshGraph(gen);
  void refreshMemories(gen);
  void sessionList.refresh();
  api
    .getSession(id)
    .then((v) => {
      if (gen !== page.generation) return;
      showWorld(v);
      showInventory(v);
      if (document.activeElement === input && !page.running) revealComposer(); // the world chips above may have grown
    })
    .catch(() => {}); // the world chips and inventory are a nicety; the turn itself is already shown
  await pollEnrichment(gen, 10);
}

// ---- catching up with turns played elsewhere ----------------------------------------------------

/**
 * After a 409 (session_busy: the story is playing a turn in another tab): shows the story as saved
 * now, then looks every few seconds until the other turn lands and shows that too. Stops when this
 * tab plays or opens another story.
 */
async function catchUp(id, gen) {
  const token = ++page.catchUp;
  const watching = () => gen === page.generation && token === page.catchUp;
  const shownBefore = page.turn;
  showNotice(
    "This story is busy with a turn started elsewhere (perhaps in another tab), so your action was not sent; it is still in the box. The page is catching up and will show that turn once it is saved.",
  );
  let base = null; // the turn saved when the other one was still running
  for (let i = 0; i < CATCH_UP_TRIES; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, CATCH_UP_EVERY_MS));
    if (!watching()) return;
    const view = await refreshStory(id, gen);
    if (!watching()) return;
    if (!view) continue;
    base ??= turnOf(view);
    if (turnOf(view) > base) {
      const missed = turnOf(view) - shownBefore;
      showNotice(
        `Caught up: ${missed === 1 ? "1 turn was" : `${missed} turns were`} played elsewhere, and the story is now at turn ${turnOf(view)}. Send your action when you are ready.`,
      );
      return;
    }
  }
  if (watching()) showNotice("The turn played elsewhere has not been saved yet. Send your action again when you are ready.");
}

/** Re-reads the open story and re-renders it when it has moved on. Returns the view, or null. */
async function refreshStory(id, gen) {
  let view;
  try {
    view = await api.getSession(id);
  } catch {
    return null;
  }
  if (gen !== page.generation || page.running) return null; // never repaint under a turn in flight
  showInventory(view);
  showWorld(view);
  if (turnOf(view) !== page.turn) {
    showSession(view);
    page.turn = turnOf(view);
    const last = view.history?.at(-1);
    showTools(last?.tool_calls);
    showMetrics(last?.metrics, last?.metrics?.model, { offline: page.offline });
    status.textContent = last ? `Turn ${last.turn} — your move.` : "";
    void refreshGraph(gen);
    void refreshMemories(gen);
    void sessionList.refresh();
  }
  return view;
}

// ---- side panels ------------------------------------------------------------------------------

async function refreshGraph(gen) {
  const container = byTestId("graph");
  const summary = byTestId("graph-summary");
  try {
    const graph = await api.graph(page.sessionId);
    if (gen !== page.generation) return;
    renderGraph(container, graph, { playerId: page.playerId });
    const n = graph?.nodes?.length ?? 0;
    const e = graph?.edges?.length ?? 0;
    summary.textContent = `${n} entities · ${e} relationship${e === 1 ? "" : "s"}`;
    container.dataset.edges = String(e);
  } catch (error) {
    if (gen !== page.generation) return;
    summary.textContent = "";
    const msg = error.status === 404 ? "The relationship graph is not available on this server yet." : describeError(error).message;
    container.replaceChildren(h("p", { class: "muted empty" }, msg));
  }
}

async function refreshMemories(gen) {
  const query = page.memoryQuery;
  try {
    const body = await api.memories(page.sessionId, query);
    if (gen === page.generation && query === page.memoryQuery) showMemories(body, query);
  } catch (error) {
    if (gen !== page.generation) return;
    memoryNotice(error.status === 404 ? "Memory search is not available on this server yet." : describeError(error).message);
  }
}

/**
 * Polls enrichment a few times; refreshes the graph whenever more tasks are done than the page last
 * saw for this story (a task may finish before the first poll after a turn). Ignores 404.
 */
async function pollEnrichment(gen, times) {
  for (let i = 0; i < times; i++) {
    if (gen !== page.generation) return;
    let body;
    try {
      body = await api.enrichment(page.sessionId);
    } catch {
      if (gen === page.generation) showEnrichment(null); // route absent (404) or unreachable: hide the card
      return;
    }
    if (gen !== page.generation) return;
    showEnrichment(body);
    const done = body?.counts?.done ?? 0;
    const seen = page.enrichmentSeen?.gen === gen ? page.enrichmentSeen.done : undefined;
    if (seen !== undefined && done > seen) void refreshGraph(gen);
    page.enrichmentSeen = { gen, done };
    const pending = (body?.counts?.queued ?? 0) + (body?.counts?.running ?? 0);
    if (!pending && i > 0) return;
    await new Promise((r) => setTimeout(r, 900));
  }
}

async function loadHealth() {
  const box = byTestId("health");
  const text = box.querySelector("[data-role=text]");
  try {
    const health = await api.health();
    page.offline = health?.offline === true;
    box.dataset.status = health?.status === "ok" ? "ok" : "warn";
    text.textContent = `${health?.model_id ?? health?.model ?? "model ?"}${health?.provider ? ` · ${health.provider}` : ""}${health?.version ? ` · v${health.version}` : ""}`;
    box.title = `server ${health?.status ?? "?"}; model: ${health?.model ?? "?"}`;
    byTestId("offline-badge").hidden = !page.offline;
  } catch (error) {
    box.dataset.status = "down";
    text.textContent = describeError(error).message;
  }
}

// ---- wiring -----------------------------------------------------------------------------------

byTestId("composer").addEventListener("submit", (ev) => {
  ev.preventDefault();
  void play(input.value);
});
input.addEventListener("input", () => {
  if (hint.textContent && input.value.trim()) showHint(null);
});
input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    if (!send.disabled) void play(input.value);
  }
});
stop.addEventListener("click", () => page.running?.abort());
byTestId("memory-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  if (!page.sessionId) return;
  page.memoryQuery = byTestId("memory-query").value.trim();
  // Results (or the reason there are none) are announced only when the player asked for them.
  void refreshMemories(page.generation).then(() => announce(`Memories: ${byTestId("memory-caption").textContent}`));
});
byTestId("theme-toggle").addEventListener("click", () => {
  const dark = document.documentElement.dataset.theme
    ? document.documentElement.dataset.theme === "dark"
    : matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.dataset.theme = dark ? "light" : "dark";
  localStorage.setItem("qs-theme", document.documentElement.dataset.theme);
});
window.addEventListener("hashchange", () => {
  const id = new URLSearchParams(location.hash.slice(1)).get("session");
  if (id && id !== page.sessionId) void openSession(id);
});

initTimeline({
  open: (id) => openSession(id),
  current: () => page.sessionId,
  busy: () => Boolean(page.running),
  onError: (error) => showError(describeError(error)),
  onStatus: (text) => (status.textContent = text),
});

const savedTheme = localStorage.getItem("qs-theme");
if (savedTheme === "dark" || savedTheme === "light") document.documentElement.dataset.theme = savedTheme;
initAuth();
initPhonePanels();
showNoSession();
showMetrics(null);
setRunning(null);
await Promise.all([loadHealth(), newStory.load(), sessionList.refresh()]);
const fromHash = new URLSearchParams(location.hash.slice(1)).get("session");
if (fromHash) void openSession(fromHash);
document.body.dataset.ready = "true";
