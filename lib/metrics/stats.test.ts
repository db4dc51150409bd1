import { describe, expect, it } from "vitest";
import { quantile, summarize } from "./stats.ts";

describe("series statistics", () => {
  it("interpolates quantiles", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.95)).toBe(10);
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([0, 100], 0.95)).toBe(95);
  });

  it("summarizes ignoring missing values", () => {
    expect(summarize([3, null, 1, 2, undefined])).toEqual({ count: 3, mean: 2, p50: 2, p95: 2.9, min: 1, max: 3 });
    expect(summarize([])).toEqual({ count: 0, mean: null, p50: null, p95: null, min: null, max: null });
  });
});
