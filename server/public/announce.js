// The one place screen-reader announcements come from (docs/web.md, "Narration for screen readers").
import { byTestId } from "./dom.js";

/**
 * Says `text` once through the polite, atomic announcer region. The text stays there until the next
 * announcement (emptying it at once can cut a reader off mid-sentence); the same words again get a
 * trailing no-break space so they are announced again.
 */
export function announce(text) {
  const region = byTestId("announcer");
  const words = String(text ?? "").replace(/\s+/g, " ").trim();
  if (!region || !words) return;
  region.textContent = region.textContent === words ? `${words}\u00a0` : words;
}
