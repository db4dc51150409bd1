import type { TurnSample } from "./lanes.ts";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A hand-written SVG line chart: TTFT and total turn time per turn (scenarios back to back) for
 * every flow, on one millisecond axis.
 */
export function ttftChart(samples: TurnSample[], title: string, subtitle: string): string {
  const W = 900;
  const H = 420;
  const pad = { left: 70, right: 20, top: 90, bottom: 60 };
  const series = [
    { label: "hybrid: first token", flow: "hybrid", key: "ttftMs", color: "#1b7f3b", dash: "" },
    { label: "hybrid: turn done", flow: "hybrid", key: "totalMs", color: "#1b7f3b", dash: "6 4" },
    { label: "strong ReAct: first token", flow: "strong", key: "ttftMs", color: "#1f5fbf", dash: "" },
    { label: "strong ReAct: turn done", flow: "strong", key: "totalMs", color: "#1f5fbf", dash: "6 4" },
    { label: "weak ReAct: first token", flow: "weak", key: "ttftMs", color: "#b3261e", dash: "" },
    { label: "weak ReAct: turn done", flow: "weak", key: "totalMs", color: "#b3261e", dash: "6 4" },
  ] as const;
  const flowSamples = samples.filter((s) => s.purpose === "flow");
  const pick = (flow: string) => flowSamples.filter((s) => s.flow === flow);
  const count = Math.max(1, ...series.map((s) => pick(s.flow).length));
  const maxMs = Math.max(1, ...flowSamples.map((s) => s.totalMs));
  const step = niceStep(maxMs / 5);
  const top = Math.ceil(maxMs / step) * step;
  const x = (i: number) => pad.left + (count === 1 ? 0 : (i * (W - pad.left - pad.right)) / (count - 1));
  const y = (ms: number) => H - pad.bottom - (ms / top) * (H - pad.top - pad.bottom);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="${W / 2}" y="37" text-anchor="middle" font-size="11" fill="#555">${esc(subtitle)}</text>`,
  ];
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line x1="${pad.left}" x2="${W - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`);
  }
  for (let i = 0; i < count; i++) parts.push(`<text x="${x(i).toFixed(1)}" y="${H - pad.bottom + 16}" text-anchor="middle">${i + 1}</text>`);
  parts.push(`<text x="${W / 2}" y="${H - pad.bottom + 34}" text-anchor="middle">turn (scenarios played back to back)</text>`);
  series.forEach((s, k) => {
    const pts = pick(s.flow).map((t, i) => `${x(i).toFixed(1)},${y(t[s.key]).toFixed(1)}`);
    if (pts.length > 0) parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}" points="${pts.join(" ")}"/>`);
    const lx = pad.left + (k % 3) * 270;
    const ly = 50 + Math.floor(k / 3) * 14;
    parts.push(`<line x1="${lx}" x2="${lx + 26}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`);
    parts.push(`<text x="${lx + 32}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  parts.push(`<line x1="${pad.left}" x2="${pad.left}" y1="${pad.top}" y2="${H - pad.bottom}" stroke="#333"/>`, "</svg>");
  return parts.join("\n");
}

function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
}
