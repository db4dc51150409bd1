// The sidebar: choosing a scenario (bundled or pasted JSON) and the list of stories to resume.
import { api, describeError } from "./api.js";
import { byTestId, fmtTime, h } from "./dom.js";

const EXAMPLE = {
  title: "The Lantern Ferry",
  premise: "A night ferry crosses a fog-bound river. You are Wren, the ferry's new lamplighter, and someone aboard has cut the signal rope.",
  world: { time: "midnight", weather: "thick fog", location: "the ferry deck" },
  entities: [
    { id: "wren", name: "Wren", type: "character", background: "The player. New lamplighter, sharp-eyed, owes the ferryman a favour." },
    { id: "hollis", name: "Ferryman Hollis", type: "character", background: "Old, gruff, proud of his boat; hides a debt to the smugglers." },
    { id: "ada", name: "Ada Quill", type: "character", background: "A passenger with a locked case who watches the water too closely." },
    { id: "river", name: "The Greywater", type: "place", background: "A slow, deep river where sound carries strangely in fog." },
  ],
  state: { player: { health: 10, max_health: 10 }, inventory: ["lamp oil", "flint"] },
  player_id: "wren",
};

/** Wires the new-story forms; `onStarted(view)` gets the created session. */
export function initNewStory({ onStarted }) {
  const select = byTestId("scenario-select");
  const premise = byTestId("scenario-premise");
  const errors = byTestId("form-errors");
  const json = byTestId("scenario-json");
  let scenarios = [];

  const describe = () => {
    const s = scenarios.find((x) => x.name === select.value);
    premise.textContent = s ? s.premise : "";
  };
  select.addEventListener("change", describe);

  const start = async (scenario, button) => {
    showFormErrors(null);
    button.disabled = true;
    try {
      onStarted(await api.createSession(scenario));
    } catch (error) {
      showFormErrors(describeError(error));
    } finally {
      button.disabled = false;
    }
  };

  byTestId("new-story-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (select.value) void start(select.value, byTestId("start-session"));
  });
  byTestId("custom-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    let parsed;
    try {
      parsed = JSON.parse(json.value);
    } catch (error) {
      showFormErrors({ message: "That is not valid JSON.", details: [error.message] });
      return;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      showFormErrors({ message: "A scenario must be a JSON object.", details: [] });
      return;
    }
    void start(parsed, byTestId("start-custom"));
  });
  byTestId("load-example").addEventListener("click", () => {
    json.value = JSON.stringify(EXAMPLE, null, 2);
    json.focus();
  });

  function showFormErrors(problem) {
    errors.hidden = !problem;
    errors.replaceChildren();
    if (!problem) return;
    errors.append(h("p", {}, problem.message));
    if (problem.details?.length) errors.append(h("ul", {}, problem.details.map((d) => h("li", {}, d))));
  }

  return {
    showFormErrors,
    async load() {
      try {
        const body = await api.scenarios();
        scenarios = Array.isArray(body?.scenarios) ? body.scenarios : [];
        select.replaceChildren(
          ...scenarios.map((s) => h("option", { value: s.name }, `${s.title ?? s.name}${s.characters ? ` · ${s.characters} characters` : ""}`)),
        );
        describe();
      } catch (error) {
        showFormErrors(describeError(error));
      }
    },
  };
}

/** Wires the session list; `onPick(id)` opens a story. */
export function initSessionList({ onPick }) {
  const list = byTestId("session-list");
  let current = null;
  byTestId("refresh-sessions").addEventListener("click", () => void refresh());

  async function refresh() {
    try {
      const body = await api.listSessions();
      const items = Array.isArray(body?.items) ? body.items : [];
      list.replaceChildren();
      if (!items.length) list.append(h("li", { class: "muted small" }, "No stories yet."));
      for (const s of items) {
        list.append(
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: s.id === current ? "session current" : "session",
                "data-testid": "session-item",
                "data-id": s.id,
                "aria-current": s.id === current ? "true" : null,
                onclick: () => onPick(s.id),
              },
              h("span", { class: "title" }, s.title || s.scenario || s.id),
              h("span", { class: "meta" }, `turn ${s.turn ?? 0} · ${fmtTime(s.updated_at ?? s.created_at)}`),
            ),
          ),
        );
      }
      if (typeof body?.total === "number" && body.total > items.length) {
        list.append(h("li", { class: "muted small" }, `…and ${body.total - items.length} older`));
      }
    } catch (error) {
      list.replaceChildren(h("li", { class: "err small" }, describeError(error).message));
    }
  }

  return {
    refresh,
    setCurrent(id) {
      current = id;
      for (const b of list.querySelectorAll("[data-testid=session-item]")) {
        b.classList.toggle("current", b.dataset.id === id);
        if (b.dataset.id === id) b.setAttribute("aria-current", "true");
        else b.removeAttribute("aria-current");
      }
    },
  };
}
