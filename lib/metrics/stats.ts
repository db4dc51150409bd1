/** Summary statistics for metric series (pure; shared by the API and the benchmark). */
export interface SeriesSummary {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}

/** The q-quantile (0..1) by linear interpolation between closest ranks. */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: Array<number | null | undefined>): SeriesSummary {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return { count: 0, mean: null, p50: null, p95: null, min: null, max: null };
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    count: xs.length,
    mean: round(xs.reduce((a, b) => a + b, 0) / xs.length),
    p50: round(quantile(xs, 0.5)),
    p95: round(quantile(xs, 0.95)),
    min: xs[0],
    max: xs[xs.length - 1],
  };
}
