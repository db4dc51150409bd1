// The turn's tool strip, its metrics, the memory search and the enrichment status.
import { brief, byTestId, fmtMs, fmtTime, h } from "./dom.js";

// ---- tool strip -------------------------------------------------------------------------------

export function clearTools() {
  byTestId("tool-strip").replaceChildren();
}

/** Appends one chip for a `tool` event: phase, name, ok/error, cached. */
export function addTool(call) {
  const ok = call.ok !== false;
  const phase = String(call.phase ?? "read");
  const tip = [
    `${phase} · ${call.name}`,
    call.args !== undefined ? `args: ${brief(call.args)}` : "",
    ok ? (call.result !== undefined ? `result: ${brief(call.result)}` : "") : `error: ${call.error ?? "failed"}`,
  ].filter(Boolean);
  byTestId("tool-strip").append(
    h(
      "li",
      {
        class: `chip phase-${phase.replace(/\W/g, "")}${ok ? "" : " failed"}${call.cached ? " cached" : ""}`,
        "data-testid": "tool-chip",
        "data-phase": phase,
        "data-name": call.name,
        "data-ok": String(ok),
        "data-cached": String(Boolean(call.cached)),
        title: tip.join("\n"),
      },
      h("span", { class: "phase" }, phase),
      h("span", { class: "name" }, call.name),
      h("span", { class: "ok", "aria-label": ok ? "succeeded" : "failed" }, ok ? "✓" : "✗"),
      call.cached ? h("span", { class: "tag" }, "cached") : null,
      !ok && call.error ? h("span", { class: "err" }, brief(call.error, 60)) : null,
    ),
  );
}

/** Shows a past turn's tool calls (from history: no args or results). */
export function showTools(calls) {
  clearTools();
  for (const c of calls ?? []) addTool(c);
}

// ---- metrics ----------------------------------------------------------------------------------

/** Renders the `done` event's metrics (or a history record's). */
export function showMetrics(metrics, model, { offline = false } = {}) {
  const dl = byTestId("metrics");
  dl.replaceChildren();
  if (!metrics) {
    dl.append(h("div", { class: "metrics-empty muted" }, h("dt", { class: "sr-only" }, "Status"), h("dd", {}, "No turn played yet.")));
    return;
  }
  const phases = metrics.tool_calls_by_phase ?? {};
  const byPhase = Object.entries(phases)
    .filter(([, n]) => n)
    .map(([p, n]) => `${n} ${p}`)
    .join(", ");
  const items = [
    ["ttft_ms", "First token", fmtMs(metrics.ttft_ms)],
    ["total_ms", "Whole turn", fmtMs(metrics.total_ms)],
    ["tool_calls", "Tool calls", `${metrics.tool_calls ?? 0}${byPhase ? ` (${byPhase})` : ""}`],
    ["cache_hits", "Cache hits", String(metrics.cache_hits ?? 0)],
    ["llm_calls", "Model calls", String(metrics.llm_calls ?? 0)],
    ["tokens", "Tokens in / out", `${metrics.input_tokens ?? 0} / ${metrics.output_tokens ?? 0}`],
    ["model", "Model", modelLabel(model ?? metrics.model, offline)],
  ];
  if (metrics.repaired) items.push(["repaired", "Repair round", "yes"]);
  for (const [key, label, value] of items) {
    dl.append(h("div", { class: "metric", "data-metric": key, "data-testid": `metric-${key}` }, h("dt", {}, label), h("dd", {}, value)));
  }
}

/** The model name; an offline run always says it is not an LLM, without repeating the server's label. */
function modelLabel(model, offline) {
  const name = String(model ?? "?");
  return offline && !/not an llm/i.test(name) ? `${name} (offline, not an LLM)` : name;
}

// ---- memories ---------------------------------------------------------------------------------

/**
 * Renders either shape: search `{items: [{memory, score}]}` or list `{items: [memory], total}`.
 */
export function showMemories(body, query) {
  const list = byTestId("memory-results");
  const caption = byTestId("memory-caption");
  list.replaceChildren();
  const items = Array.isArray(body?.items) ? body.items : Array.isArray(body) ? body : [];
  const rows = items
    .map((it) => (it && typeof it === "object" && it.memory && typeof it.memory === "object" ? { m: it.memory, score: it.score } : { m: it, score: undefined }))
    .filter((r) => r.m && typeof r.m === "object");
  if (query) caption.textContent = rows.length ? `${rows.length} closest to “${query}”` : `Nothing remembered about “${query}”.`;
  else {
    const total = typeof body?.total === "number" ? body.total : rows.length;
    caption.textContent = rows.length ? `Newest ${rows.length} of ${total} memories` : "No memories yet.";
  }
  for (const { m, score } of rows) {
    const meta = [m.entity_id, m.scope, m.visibility, m.turn !== undefined ? `turn ${m.turn}` : null].filter(Boolean).join(" · ");
    list.append(
      h(
        "li",
        { "data-testid": "memory-item", "data-id": m.id ?? "" },
        h("p", {}, String(m.content ?? "")),
        h(
          "p",
          { class: "meta" },
          meta,
          typeof score === "number" ? h("span", { class: "score", title: "recall score (1 = best hit)" }, score.toFixed(3)) : null,
          m.created_at ? h("time", { datetime: m.created_at }, fmtTime(m.created_at)) : null,
        ),
      ),
    );
  }
}

export function memoryNotice(text) {
  byTestId("memory-results").replaceChildren();
  byTestId("memory-caption").textContent = text;
}

// ---- enrichment -------------------------------------------------------------------------------

/** Shows enrichment counts and the most recent tasks; `null` hides the card (route absent). */
export function showEnrichment(body) {
  const card = byTestId("enrichment");
  if (!body) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const c = body.counts ?? {};
  byTestId("enrichment-counts").replaceChildren(
    ...["queued", "running", "done", "failed"].map((k) =>
      h("span", { class: `count ${k}`, "data-count": k }, h("b", {}, String(c[k] ?? 0)), ` ${k}`),
    ),
  );
  const tasks = Array.isArray(body.tasks) ? body.tasks.slice(-6).reverse() : [];
  byTestId("enrichment-tasks").replaceChildren(
    ...tasks.map((t) =>
      h(
        "li",
        { class: `task ${t.status ?? ""}`, "data-testid": "enrichment-task" },
        h("span", { class: "task-status" }, t.status ?? "?"),
        ` ${t.from ?? "?"} ↔ ${t.to ?? "?"}`,
        readEdges(t.result),
        t.error ? h("span", { class: "err", title: t.error }, ` — ${brief(t.error, 80)}`) : null,
      ),
    ),
  );
}

/** What a done task read, e.g. ": tomas → mara love, mara → tomas fear" (nothing, or ": no feeling"). */
function readEdges(result) {
  if (!result || !Array.isArray(result.edges)) return null;
  const read = result.edges.map((e) => `${e.from} → ${e.to} ${e.type}`).join(", ");
  return h("span", { class: "task-result" }, `: ${read || "no feeling"}`);
}

// ---- inventory --------------------------------------------------------------------------------

/**
 * Lists what the player carries: the session state's `inventory` (or `player.inventory`). Items may
 * be strings, `{name, qty}` objects, or a `{name: count}` map. `null` means no story is open.
 */
export function showInventory(view) {
  const list = byTestId("inventory");
  const caption = byTestId("inventory-caption");
  list.replaceChildren();
  if (!view) {
    caption.textContent = "No story open.";
    return;
  }
  const state = view.state && typeof view.state === "object" ? view.state : {};
  const raw = state.inventory ?? state.player?.inventory;
  const items = inventoryItems(raw);
  for (const { name, count } of items) {
    list.append(
      h(
        "li",
        { "data-testid": "inventory-item", "data-name": name },
        h("span", { class: "name" }, name),
        count !== undefined && count !== 1 ? h("span", { class: "count", "aria-label": `${count} of them` }, `×${count}`) : null,
      ),
    );
  }
  caption.textContent = items.length ? "" : raw === undefined ? "This story keeps no inventory." : "You carry nothing.";
}

function inventoryItems(raw) {
  const label = (v) => String(v).replace(/_/g, " ");
  const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  if (Array.isArray(raw)) {
    return raw
      .map((it) => {
        if (it === null || it === undefined) return null;
        if (typeof it !== "object") return { name: label(it) };
        const name = it.name ?? it.label ?? it.title ?? it.id;
        return name === undefined ? { name: brief(it, 60) } : { name: label(name), count: num(it.qty ?? it.quantity ?? it.count) };
      })
      .filter(Boolean);
  }
  if (raw && typeof raw === "object") {
    // A map of item → count (or → true); zero counts are things no longer carried.
    return Object.entries(raw)
      .filter(([, v]) => v !== false && v !== null && v !== 0)
      .map(([k, v]) => ({ name: label(k), count: num(v) }));
  }
  return [];
}
