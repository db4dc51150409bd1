// The story over time: Undo and Regenerate on the last turn, "Fork from here" on every turn, and
// older turns loaded when the top of the story scrolls into view. It watches the story column, so
// the rest of the page only has to call initTimeline once.
import { errorFromResponse, request } from "./api.js";
import { byTestId, h } from "./dom.js";
import { turnArticle } from "./story.js";

const PAGE_SIZE = 10;

async function post(path, body) {
  const res = await request(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw await errorFromResponse(res);
  return res.json();
}

async function get(path) {
  const res = await request(path);
  if (!res.ok) throw await errorFromResponse(res);
  return res.json();
}

/**
 * `open(id)` (re)opens a story and redraws everything (story, graph, memories); `current()` is the
 * open story's id; `busy()` is true while a turn streams; `onError(error)` shows a failure;
 * `onStatus(text)` shows what the page is doing.
 */
export function initTimeline({ open, current, busy, onError, onStatus }) {
  const story = byTestId("story");
  let working = false;
  let loadingOlder = false;

  const sid = () => encodeURIComponent(current());
  const turns = () => [...story.querySelectorAll('article[data-testid="turn"]')];

  /** Runs one timeline change; the page redraws from the server's answer. */
  async function change(label, fn) {
    if (working || busy() || !current()) return;
    working = true;
    story.classList.add("timeline-working");
    onStatus(label);
    try {
      await open(await fn());
    } catch (error) {
      onError(error);
    } finally {
      working = false;
      story.classList.remove("timeline-working");
    }
  }

  const undo = (turn) => change(`Undoing turn ${turn}…`, async () => (await post(`/sessions/${sid()}/rewind`, { turn: turn - 1 })).id);
  const regenerate = (turn) =>
    change(`Writing turn ${turn} again…`, async () => {
      const id = current();
      await post(`/sessions/${sid()}/regenerate`, {});
      return id;
    });
  const fork = (turn) => change(`Starting a new story from turn ${turn}…`, async () => (await post(`/sessions/${sid()}/fork`, { turn })).id);

  /** Buttons on each turn: fork everywhere, undo and regenerate on the last one. */
  function decorate() {
    const all = turns();
    all.forEach((article, i) => {
      const turn = Number(article.dataset.turn);
      const last = i === all.length - 1;
      const existing = article.querySelector(".turn-tools");
      if (existing && existing.dataset.last === String(last)) return;
      existing?.remove();
      const button = (text, testid, onclick, title) => h("button", { type: "button", class: "ghost small", "data-testid": testid, title, onclick: () => void onclick(turn) }, text);
      article.append(
        h(
          "div",
          { class: "turn-tools", "data-testid": "turn-tools", dataset: { last: String(last) } },
          last ? button("Undo", "undo-turn", undo, "Take this turn back") : null,
          last ? button("Regenerate", "regenerate-turn", regenerate, "Write this turn again from the same action") : null,
          button("Fork from here", "fork-turn", fork, "Start a new story that continues from the end of this turn"),
        ),
      );
    });
    placeSentinel(all[0]);
  }

  /** A marker above the oldest shown turn; when it scrolls into view, the previous page loads. */
  const sentinel = h("div", { class: "older-turns muted small", "data-testid": "older-turns" }, "Earlier turns…");
  const watcher = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) void loadOlder();
  });
  watcher.observe(sentinel);

  function placeSentinel(first) {
    const older = first && Number(first.dataset.turn) > 1;
    if (!older) sentinel.remove();
    else if (story.firstElementChild !== sentinel) story.prepend(sentinel);
  }

  async function loadOlder() {
    const first = turns()[0];
    if (loadingOlder || !first || !current()) return;
    loadingOlder = true;
    const id = current();
    try {
      const page = await get(`/sessions/${encodeURIComponent(id)}/turns?limit=${PAGE_SIZE}&before=${first.dataset.turn}`);
      if (id !== current() || turns()[0] !== first) return; // another story (or a redraw) meanwhile
      const height = document.documentElement.scrollHeight;
      let anchor = first;
      for (const record of page.items) {
        const article = turnArticle(record); // newest first: each goes above the one added before it
        anchor.before(article);
        anchor = article;
      }
      sentinel.remove();
      // Keep the turn the player was reading where it was.
      window.scrollBy(0, document.documentElement.scrollHeight - height);
    } catch (error) {
      onError(error);
    } finally {
      loadingOlder = false;
      decorate();
    }
  }

  new MutationObserver(() => decorate()).observe(story, { childList: true });
  decorate();
}
