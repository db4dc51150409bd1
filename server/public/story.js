// The story column: the session's header, the turns played so far, and the turn being written.
import { byTestId, h, paragraphs } from "./dom.js";

const els = () => ({
  title: byTestId("story-title"),
  premise: byTestId("story-premise"),
  world: byTestId("world"),
  story: byTestId("story"),
  live: byTestId("narrative-live"),
});

/** Shows a session view (title, premise, world, history narratives). */
export function showSession(view) {
  const e = els();
  e.title.textContent = view.title || view.scenario?.title || "Untitled story";
  e.premise.textContent = view.scenario?.premise ?? "";
  showWorld(view);
  e.story.replaceChildren();
  const history = Array.isArray(view.history) ? view.history : [];
  // A scenario's opening narrative is turn 0 (e.g. a character card's first message).
  if (view.scenario?.opening && !view.older_turns) {
    e.story.append(h("article", { class: "turn opening-scene", "data-testid": "opening" }, h("div", { class: "narrative" }, paragraphs(view.scenario.opening).map((p) => h("p", {}, p)))));
  }
  if (!history.length) {
    e.story.append(h("p", { class: "opening muted", "data-testid": "story-empty" }, "The story has not begun. What do you do first?"));
  }
  for (const record of history) e.story.append(turnArticle(record));
  clearLive();
}

/** The world facts (time, weather, place…) and the player's state as small chips. */
export function showWorld(view) {
  const e = els();
  e.world.replaceChildren();
  for (const [key, value] of Object.entries(view.world ?? {})) {
    if (value === null || typeof value === "object") continue;
    e.world.append(h("li", {}, h("span", { class: "k" }, key.replace(/_/g, " ")), " ", String(value)));
  }
  const player = view.state?.player;
  if (player && typeof player === "object") {
    for (const [key, value] of Object.entries(player)) {
      if (value === null || typeof value === "object" || key.startsWith("max_")) continue;
      const max = player[`max_${key}`];
      e.world.append(h("li", { class: "you" }, h("span", { class: "k" }, key.replace(/_/g, " ")), " ", max ? `${value}/${max}` : String(value)));
    }
  }
}

/** Resets the page to "no story chosen". */
export function showNoSession() {
  const e = els();
  e.title.textContent = "Choose a story to begin";
  e.premise.textContent = "Pick a bundled scenario, or resume one of your stories.";
  e.world.replaceChildren();
  e.story.replaceChildren();
  clearLive();
}

/** One played turn as the story column shows it (also used by timeline.js for older turns). */
export function turnArticle(record) {
  return h(
    "article",
    { class: "turn", "data-testid": "turn", "data-turn": record.turn },
    h("p", { class: "you-did" }, h("span", { class: "sr-only" }, "You: "), record.input ?? ""),
    h("div", { class: "narrative" }, paragraphs(record.narrative).map((p) => h("p", {}, p))),
    record.confirmation ? h("p", { class: "confirmation" }, record.confirmation) : null,
  );
}

function clearLive() {
  const live = els().live;
  live.replaceChildren();
  live.setAttribute("aria-busy", "false");
  live.hidden = true;
}

/**
 * Starts showing a turn in the live area. Returns handlers: token(text) appends streamed text,
 * done(payload) moves the finished turn into the story, fail() marks the partial text as unsaved.
 */
export function beginTurn(input) {
  const { live, story } = els();
  story.querySelector('[data-testid="story-empty"]')?.remove();
  const text = h("div", { class: "narrative streaming", "data-testid": "live-text" });
  live.replaceChildren(h("p", { class: "you-did" }, h("span", { class: "sr-only" }, "You: "), input), text);
  live.hidden = false;
  live.setAttribute("aria-busy", "true");
  let raw = "";
  let pending = false;
  const paint = () => {
    pending = false;
    const parts = paragraphs(raw);
    text.replaceChildren(...(parts.length ? parts : [""]).map((p) => h("p", {}, p)));
    text.lastElementChild?.append(h("span", { class: "caret", "aria-hidden": "true" }));
  };
  live.scrollIntoView({ block: "nearest", behavior: "smooth" });
  return {
    token(chunk) {
      raw += chunk;
      // One repaint per frame keeps fast token streams smooth.
      if (!pending) {
        pending = true;
        requestAnimationFrame(paint);
      }
    },
    done(payload) {
      story.append(turnArticle({ turn: payload.turn, input, narrative: payload.narrative || raw, confirmation: payload.confirmation }));
      clearLive(); // app.js then scrolls the action box, with this turn just above it, into view
    },
    fail() {
      live.setAttribute("aria-busy", "false");
      text.classList.remove("streaming");
      text.classList.add("unsaved");
      text.querySelector(".caret")?.remove();
      if (!raw) live.hidden = true;
      else text.append(h("p", { class: "muted small" }, "(this part was not saved)"));
    },
  };
}
