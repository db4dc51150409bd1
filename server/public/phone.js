// Narrow screens: the story comes first and the two side columns fold away behind buttons.
import { byTestId } from "./dom.js";

const PANELS = { stories: "nav.sidebar", panels: "aside.side" };

/** Wires the "Stories" and "Inventory & more" buttons (only shown on narrow screens, see styles.css). */
export function initPhonePanels() {
  for (const [name, selector] of Object.entries(PANELS)) {
    const button = byTestId(`toggle-${name}`);
    const panel = document.querySelector(selector);
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      setOpen(name, open);
      if (open) panel.scrollIntoView({ block: "start" });
    });
  }
}

/** Opens or folds one of the panels (a class on <body>, so wide screens ignore it). */
export function setOpen(name, open) {
  byTestId(`toggle-${name}`).setAttribute("aria-expanded", String(open));
  document.body.classList.toggle(`open-${name}`, open);
}
