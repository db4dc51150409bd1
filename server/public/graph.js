// The relationship graph as inline SVG: entities on a circle (stable from turn to turn), directed
// typed edges coloured by sentiment, thicker by strength, curved apart when a pair has several.
import { h, svg } from "./dom.js";

const W = 440;
const H = 360;
const SPREAD = 30; // px between parallel edges of one pair
const TYPE_ORDER = ["character", "faction", "place", "item"];

/** Draws `graph` ({nodes, edges}) into `container`, replacing what was there. */
export function renderGraph(container, graph, { playerId } = {}) {
  const nodes = normaliseNodes(graph);
  const edges = (Array.isArray(graph?.edges) ? graph.edges : []).filter((e) => e && e.from && e.to && e.from !== e.to);
  container.replaceChildren();
  if (!nodes.length) {
    container.append(h("p", { class: "muted empty" }, "No entities yet."));
    return;
  }
  const pos = circleLayout(nodes);
  const radius = new Map(nodes.map((n) => [n.id, 9 + Math.min(n.degree, 6) * 1.6]));
  const root = svg("svg", {
    viewBox: `0 0 ${W} ${H}`,
    role: "group",
    "aria-label": `Relationship graph: ${nodes.length} entities, ${edges.length} relationships. Arrow keys move between them; the table below lists every relationship.`,
    "data-testid": "graph-svg",
  });
  const edgeLayer = svg("g", { class: "edges" });
  const nodeLayer = svg("g", { class: "nodes" });
  root.append(edgeLayer, nodeLayer);

  const names = new Map(nodes.map((n) => [n.id, n.name]));
  for (const group of groupByPair(edges).values()) {
    group.forEach((edge, i) => {
      const offset = group.length === 1 ? 0 : (i - (group.length - 1) / 2) * SPREAD;
      edgeLayer.append(drawEdge(edge, offset, pos, radius, names));
    });
  }
  for (const node of nodes) nodeLayer.append(drawNode(node, pos.get(node.id), radius.get(node.id), node.id === playerId));
  wireHighlight(root);
  wireRovingFocus(root);
  container.append(root);
  fitViewBox(root);
  if (!edges.length) container.append(h("p", { class: "muted empty" }, "No relationships yet; they appear as the story reveals them."));
  else container.append(edgeTable(root));
}

/**
 * The graph's text alternative: every drawn edge as a table row (holder, feeling, target, strength,
 * what was remembered), built from the same labels the SVG carries.
 */
function edgeTable(root) {
  const rows = [...root.querySelectorAll(".edge")].map((e) =>
    h(
      "tr",
      { "data-testid": "graph-row", "data-from": e.dataset.from, "data-to": e.dataset.to, "data-type": e.dataset.type },
      h("th", { scope: "row" }, e.dataset.fromName),
      h("td", {}, e.dataset.type),
      h("td", {}, e.dataset.toName),
      h("td", {}, `${e.dataset.strength} (sentiment ${e.dataset.sentiment})`),
      h("td", {}, e.getAttribute("aria-description") ?? "—"),
    ),
  );
  return h(
    "details",
    { class: "graph-table", "data-testid": "graph-table" },
    h("summary", {}, `Relationships as a table (${rows.length})`),
    h(
      "table",
      {},
      h("caption", { class: "sr-only" }, "Who feels what towards whom, how strongly, and what was remembered"),
      h("thead", {}, h("tr", {}, ["Holder", "Feeling", "Target", "Strength", "Evidence"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows),
    ),
  );
}

/** One tab stop for the whole drawing; arrow keys (and Home/End) move between entities and relationships. */
function wireRovingFocus(root) {
  const items = [...root.querySelectorAll(".node"), ...root.querySelectorAll(".edge")];
  items.forEach((el, i) => el.setAttribute("tabindex", i === 0 ? "0" : "-1"));
  root.addEventListener("keydown", (ev) => {
    const at = items.indexOf(ev.target.closest?.(".node, .edge"));
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    const target = items[(next + items.length) % items.length];
    items[at].setAttribute("tabindex", "-1");
    target.setAttribute("tabindex", "0");
    target.focus();
  });
}

function normaliseNodes(graph) {
  const list = Array.isArray(graph?.nodes) ? graph.nodes.filter((n) => n && n.id) : [];
  const seen = new Set(list.map((n) => n.id));
  // An edge to an entity the node list lacks still gets drawn.
  for (const e of graph?.edges ?? []) {
    for (const id of [e?.from, e?.to]) {
      if (id && !seen.has(id)) {
        seen.add(id);
        list.push({ id, name: id, type: "other", degree: 0 });
      }
    }
  }
  const rank = (t) => (TYPE_ORDER.includes(t) ? TYPE_ORDER.indexOf(t) : TYPE_ORDER.length);
  return list
    .map((n, i) => ({ id: String(n.id), name: String(n.name ?? n.id), type: String(n.type ?? "other"), degree: Number(n.degree) || 0, i }))
    .sort((a, b) => rank(a.type) - rank(b.type) || a.i - b.i);
}

/** Positions on a circle in a fixed order (type, then server order): the same entity stays put. */
function circleLayout(nodes) {
  const pos = new Map();
  const cx = W / 2;
  const cy = H / 2;
  if (nodes.length === 1) return pos.set(nodes[0].id, { x: cx, y: cy, angle: -Math.PI / 2 });
  const r = Math.min(W / 2 - 90, H / 2 - 40);
  nodes.forEach((n, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    pos.set(n.id, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle), angle });
  });
  return pos;
}

/** Groups edges by unordered pair, each group sorted so the drawing is deterministic. */
function groupByPair(edges) {
  const groups = new Map();
  for (const e of edges) {
    const key = e.from < e.to ? `${e.from}\u0000${e.to}` : `${e.to}\u0000${e.from}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  for (const g of groups.values()) g.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type));
  return groups;
}

const cmp = (a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
const num = (v, d) => (typeof v === "number" && Number.isFinite(v) ? v : d);

function drawEdge(edge, offset, pos, radius, names) {
  const a = pos.get(edge.from);
  const b = pos.get(edge.to);
  // The normal is taken from the pair's canonical direction, so A→B and B→A bend to opposite sides.
  const [p, q] = edge.from < edge.to ? [a, b] : [b, a];
  const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
  const nx = -(q.y - p.y) / len;
  const ny = (q.x - p.x) / len;
  const c = { x: (a.x + b.x) / 2 + nx * offset * 2, y: (a.y + b.y) / 2 + ny * offset * 2 };

  const sentiment = Math.max(-1, Math.min(1, num(edge.sentiment, 0)));
  const strength = Math.max(0, Math.min(1, num(edge.effective_strength, num(edge.strength, 0.5))));
  const confidence = Math.max(0, Math.min(1, num(edge.confidence, 1)));
  const width = 1.2 + strength * 4.5;
  const colour = sentimentColour(sentiment);

  const start = towards(a, c, radius.get(edge.from) + 1);
  const tip = towards(b, c, radius.get(edge.to) + 2);
  const dir = unit(tip.x - c.x, tip.y - c.y);
  const head = 7 + width * 1.2;
  const end = { x: tip.x - dir.x * head * 0.8, y: tip.y - dir.y * head * 0.8 };
  const mid = { x: 0.25 * start.x + 0.5 * c.x + 0.25 * tip.x, y: 0.25 * start.y + 0.5 * c.y + 0.25 * tip.y };
  const back = { x: tip.x - dir.x * head, y: tip.y - dir.y * head };
  const wing = head * 0.5;
  const arrow = [tip, { x: back.x - dir.y * wing, y: back.y + dir.x * wing }, { x: back.x + dir.y * wing, y: back.y - dir.x * wing }];

  const fromName = names.get(edge.from) ?? edge.from;
  const toName = names.get(edge.to) ?? edge.to;
  const sign = sentiment > 0 ? "+" : "";
  const summary = `${fromName} → ${toName}: ${edge.type} (sentiment ${sign}${sentiment.toFixed(2)}, strength ${strength.toFixed(2)}, confidence ${confidence.toFixed(2)})`;
  const evidence = evidenceText(edge);
  return svg(
    "g",
    {
      class: "edge",
      role: "img",
      "data-testid": "graph-edge",
      "data-from-name": fromName,
      "data-to-name": toName,
      "data-from": edge.from,
      "data-to": edge.to,
      "data-type": edge.type,
      "data-sentiment": sentiment.toFixed(2),
      "data-strength": strength.toFixed(2),
      "aria-label": summary,
      "aria-description": evidence || null,
      style: { "--edge": colour, opacity: (0.5 + 0.5 * confidence).toFixed(2) },
    },
    svg("title", {}, evidence ? `${summary}\n${evidence}` : summary),
    svg("path", { d: `M${f(start.x)},${f(start.y)} Q${f(c.x)},${f(c.y)} ${f(end.x)},${f(end.y)}`, "stroke-width": f(width) }),
    svg("polygon", { points: arrow.map((pt) => `${f(pt.x)},${f(pt.y)}`).join(" ") }),
    svg("text", { x: f(mid.x), y: f(mid.y), "text-anchor": "middle", "dominant-baseline": "middle", class: "edge-label" }, edge.type),
  );
}

function drawNode(node, p, r, isPlayer) {
  const cos = Math.cos(p.angle);
  const sin = Math.sin(p.angle);
  // Labels sit outside the circle, so edges (inside) never run through them.
  const anchor = Math.abs(cos) < 0.3 ? "middle" : cos > 0 ? "start" : "end";
  const lx = p.x + cos * (r + 6);
  const ly = p.y + sin * (r + 6) + (Math.abs(cos) < 0.3 ? (sin > 0 ? 10 : -4) : 4);
  return svg(
    "g",
    {
      class: `node type-${node.type.replace(/[^a-z0-9-]/gi, "")}${isPlayer ? " player" : ""}${node.degree ? "" : " isolated"}`,
      "data-testid": "graph-node",
      "data-id": node.id,
      "data-type": node.type,
      role: "img",
      "aria-label": `${node.name} (${node.type}, ${node.degree} relationship${node.degree === 1 ? "" : "s"})`,
    },
    svg("title", {}, `${node.name} · ${node.type} · ${node.degree} relationship${node.degree === 1 ? "" : "s"}`),
    svg("circle", { cx: f(p.x), cy: f(p.y), r: f(r) }),
    svg("circle", { cx: f(p.x), cy: f(p.y), r: f(Math.max(r, 14)), class: "hit" }),
    svg("text", { x: f(lx), y: f(ly), "text-anchor": anchor, class: "node-label" }, node.name),
  );
}

/** Grows the view box to the drawing's real extent, so long labels on the sides are never clipped. */
function fitViewBox(root) {
  let box;
  try {
    box = root.getBBox();
  } catch {
    return; // not rendered (hidden): keep the default box
  }
  if (!box.width || !box.height) return;
  const pad = 8;
  const x = Math.min(0, box.x - pad);
  const y = Math.min(0, box.y - pad);
  const w = Math.max(W, box.x + box.width + pad) - x;
  const hgt = Math.max(H, box.y + box.height + pad) - y;
  root.setAttribute("viewBox", `${f(x)} ${f(y)} ${f(w)} ${f(hgt)}`);
}

/** Hovering or focusing a node dims everything it is not part of. */
function wireHighlight(root) {
  const set = (id) => {
    root.classList.toggle("focus", Boolean(id));
    for (const e of root.querySelectorAll(".edge")) e.classList.toggle("hot", Boolean(id) && (e.dataset.from === id || e.dataset.to === id));
  };
  for (const n of root.querySelectorAll(".node")) {
    for (const ev of ["mouseenter", "focus"]) n.addEventListener(ev, () => set(n.dataset.id));
    for (const ev of ["mouseleave", "blur"]) n.addEventListener(ev, () => set(null));
  }
}

/** Red (−1) through grey (0) to green (+1). */
export function sentimentColour(s) {
  const neutral = [138, 140, 150];
  const target = s < 0 ? [205, 64, 56] : [46, 158, 88];
  const t = Math.min(1, Math.abs(s));
  const [r, g, b] = neutral.map((v, i) => Math.round(v + (target[i] - v) * t));
  return `rgb(${r},${g},${b})`;
}

const EVIDENCE_SHOWN = 3;
/** A memory id ("mem_x1y2…"): one token, no spaces. Prose evidence always has a space. */
const LOOKS_LIKE_ID = /^\S+$/;

/**
 * The remembered moments behind an edge, newest last: the texts of `evidence_memories`
 * ({id, content, turn}). An older server sends only memory ids in `evidence`; ids mean nothing to a
 * player, so they are never shown (only how many there are).
 */
function evidenceText(edge) {
  const memories = (Array.isArray(edge.evidence_memories) ? edge.evidence_memories : [])
    .filter((m) => m && typeof m.content === "string" && m.content.trim());
  if (memories.length) {
    const shown = memories.slice(-EVIDENCE_SHOWN).map((m) => {
      const text = clip(m.content.trim(), 140);
      return typeof m.turn === "number" ? `“${text}” (turn ${m.turn})` : `“${text}”`;
    });
    const earlier = memories.length - shown.length;
    return [earlier ? `Remembered (${earlier} earlier not shown):` : "Remembered:", ...shown].join("\n");
  }
  const evidence = Array.isArray(edge.evidence) ? edge.evidence : edge.evidence ? [edge.evidence] : [];
  const texts = evidence
    .map((e) => (typeof e === "string" ? e : (e?.text ?? e?.quote ?? e?.content)))
    .filter((t) => typeof t === "string" && t.trim() && !LOOKS_LIKE_ID.test(t.trim()));
  if (texts.length) return ["Remembered:", ...texts.slice(-EVIDENCE_SHOWN).map((t) => `“${clip(t.trim(), 140)}”`)].join("\n");
  return evidence.length ? `Based on ${evidence.length} memor${evidence.length === 1 ? "y" : "ies"}.` : "";
}

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function towards(from, to, dist) {
  const u = unit(to.x - from.x, to.y - from.y);
  return { x: from.x + u.x * dist, y: from.y + u.y * dist };
}

function unit(x, y) {
  const l = Math.hypot(x, y) || 1;
  return { x: x / l, y: y / l };
}

const f = (v) => Math.round(v * 10) / 10;
