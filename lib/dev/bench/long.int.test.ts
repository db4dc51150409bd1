import { describe, expect, it } from "vitest";
import { formatLongReport, longScenario, runLongBench } from "./long.ts";

/** The long-story lane end to end on a short story (the 1,000-turn run is `npm run bench -- long`). */
describe("bench lane: long", () => {
  it("samples checkpoint size, disk per turn and time per turn, and judges the targets", async () => {
    const report = await runLongBench({ turns: 12, scenario: "frontier-caravan", outDir: null, log: () => undefined });
    expect(report.points.map((p) => p.turn)).toEqual([10, 12]);
    for (const p of report.points) {
      expect(p.checkpoint_bytes).toBeGreaterThan(0);
      expect(p.disk_bytes_per_turn).toBeGreaterThan(0);
      expect(p.checkpoints_kept).toBeLessThanOrEqual(13);
    }
    expect(report.targets.map((t) => t.name)).toHaveLength(3);
    expect(report.model).toContain("offline storyteller (deterministic, not an LLM)");
    expect(formatLongReport(report)).toContain("reproduce: npm run bench -- long --long-turns 12 --long-scenario frontier-caravan");
    expect(() => longScenario("nowhere")).toThrow(/--long-scenario/);
  });
});
