// Small DOM helpers shared by the page's modules (no framework, no build step).

/**
 * Creates an element: h("li", { class: "chip", dataset: { phase: "read" } }, "text", child).
 * `style` takes an object of CSS properties ({ "--edge": "red" }), never a string.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Creates an SVG element with attributes (numbers are written as they are). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    // Styles go through the CSSOM, never a style="" attribute, so a strict CSP (no inline styles) allows them.
    else if (key === "style" && typeof value === "object") for (const [p, v] of Object.entries(value)) el.style.setProperty(p, String(v));
    else if (key === "text") el.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
}

/** Finds the element with a data-testid (the page's stable hooks, also used by the browser test). */
export function byTestId(id, root = document) {
  const el = root.querySelector(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing element data-testid="${id}"`);
  return el;
}

/** Milliseconds as "850 ms" or "2.4 s"; a dash when unknown. */
export function fmtMs(ms) {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "–";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** An ISO time as a short local "12 Mar, 14:05"; the raw text when it does not parse. */
export function fmtTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso ?? "");
  return d.toLocaleString(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** Splits narrative text into paragraphs on blank lines (single newlines stay inside). */
export function paragraphs(text) {
  return String(text ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Short one-line JSON for tooltips. */
export function brief(value, max = 160) {
  if (value === undefined) return "";
  let s;
  try {
    s = typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
