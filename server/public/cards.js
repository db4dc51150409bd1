// "Start from a character card": a dropped or chosen PNG/JSON card, its portrait, then a new story.
import { api, describeError } from "./api.js";
import { byTestId, h } from "./dom.js";

/** Bodies above this size do not go to POST /sessions (the API's JSON body limit is 64 KB). */
const INLINE_LIMIT = 60_000;

/** Wires the card form; `onStarted(view)` gets the created session, `showErrors(problem|null)` reports. */
export function initCardImport({ onStarted, showErrors }) {
  const zone = byTestId("card-drop");
  const input = byTestId("card-file");
  const player = byTestId("card-player");
  const preview = byTestId("card-preview");
  const portrait = byTestId("card-portrait");
  const about = byTestId("card-about");
  const greeting = byTestId("card-greeting");
  const begin = byTestId("start-card");
  let file = null;
  let imported = null;
  let importedAs = ""; // the player name the card was imported with ({{user}} is substituted)

  const read = async (chosen) => {
    showErrors(null);
    file = chosen;
    imported = null;
    preview.hidden = true;
    if (!file) return;
    const type = file.type === "image/png" || /\.png$/i.test(file.name) ? "image/png" : "application/json";
    try {
      importedAs = player.value.trim();
      imported = await api.importCard(file, type, importedAs);
    } catch (error) {
      showErrors(describeError(error));
      return;
    }
    // The page's CSP allows data: images (not blob:), so the portrait is read as a data URL.
    portrait.hidden = type !== "image/png";
    if (type === "image/png") portrait.src = await dataUrl(file);
    const { card, scenario, warnings } = imported;
    about.replaceChildren(
      h("strong", {}, card.name),
      ` · ${card.spec.replace("chara_card_", "card ")}${scenario.lorebook ? ` · ${scenario.lorebook.length} lorebook entries` : ""}`,
      ...(warnings.length ? [h("ul", { class: "muted small" }, warnings.map((w) => h("li", {}, w)))] : []),
    );
    const greetings = scenario.greetings ?? [];
    greeting.replaceChildren(...greetings.map((g, i) => h("option", { value: String(i) }, `${i === 0 ? "First message" : `Alternate ${i}`}: ${g.slice(0, 60)}${g.length > 60 ? "…" : ""}`)));
    greeting.disabled = greetings.length < 2;
    preview.hidden = false;
  };

  input.addEventListener("change", () => void read(input.files?.[0] ?? null));
  zone.addEventListener("dragover", (ev) => {
    ev.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (ev) => {
    ev.preventDefault();
    zone.classList.remove("over");
    void read(ev.dataTransfer?.files?.[0] ?? null);
  });

  byTestId("card-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!imported) return;
    begin.disabled = true;
    showErrors(null);
    try {
      const chosen = Number(greeting.value || 0);
      const type = imported.card.format === "png" ? "image/png" : "application/json";
      const name = player.value.trim();
      // The card itself (as the server read it from the file) when it fits: the server keeps its lorebook as written, so an export gives it back.
      const body = { card: imported.card_json, ...(name ? { player: name } : {}), greeting: chosen };
      if (new TextEncoder().encode(JSON.stringify(body)).length <= INLINE_LIMIT) {
        onStarted(await api.startFromCard(body));
        return;
      }
      // Else the scenario (read again when a name was typed after the drop), inline or saved (admin).
      let scenario = name === importedAs ? imported.scenario : (await api.importCard(file, type, name)).scenario;
      if (JSON.stringify(scenario).length > INLINE_LIMIT) scenario = (await api.importCard(file, type, name, true)).saved.name;
      onStarted(await api.createSession(scenario, { greeting: chosen }));
    } catch (error) {
      showErrors(describeError(error));
    } finally {
      begin.disabled = false;
    }
  });
}

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
