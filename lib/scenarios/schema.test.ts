import { describe, expect, it } from "vitest";
import { listBundledScenarios, loadBundledScenario, UnknownScenarioError } from "./catalog.ts";
import { formatIssues, ScenarioSchema } from "./schema.ts";

const minimal = () => ({
  title: "T",
  premise: "P",
  entities: [
    { id: "ana", name: "Ana", type: "character" },
    { id: "bo", name: "Bo", type: "character" },
  ],
  player_id: "ana",
});

describe("scenario schema", () => {
  it("accepts a minimal scenario and fills defaults", () => {
    const s = ScenarioSchema.parse(minimal());
    expect(s.world).toEqual({});
    expect(s.state).toEqual({});
    expect(s.entities[0].background).toBe("");
  });

  it("lists every problem with its path", () => {
    const bad = {
      ...minimal(),
      player_id: "zed",
      entities: [
        { id: "ana", name: "Ana", type: "character" },
        { id: "ana", name: "Ana 2", type: "dragon" },
        { id: "Bad Id", name: "", type: "place" },
      ],
      extra: 1,
    };
    const result = ScenarioSchema.safeParse(bad);
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = formatIssues(result.error, "scenario");
    expect(issues.some((i) => i.startsWith("scenario.entities.1.type"))).toBe(true);
    expect(issues.some((i) => i.startsWith("scenario.entities.2.id") && i.includes("lowercase slugs"))).toBe(true);
    expect(issues.some((i) => i.startsWith("scenario.entities.2.name"))).toBe(true);
    expect(issues.some((i) => i.includes("extra"))).toBe(true);
  });

  it("requires the player to be one of the characters", () => {
    const result = ScenarioSchema.safeParse({ ...minimal(), player_id: "zed" });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)).toContain('player_id: player_id "zed" is not an entity');
  });

  it("ships at least two valid bundled scenarios with 4+ characters each", () => {
    const all = listBundledScenarios();
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const s of all) {
      expect(s.characters).toBeGreaterThanOrEqual(4);
      expect(loadBundledScenario(s.name).player_id).toBeTruthy();
    }
  });

  it("refuses unknown bundled names (never reads them as paths)", () => {
    expect(() => loadBundledScenario("../package")).toThrow(UnknownScenarioError);
  });
});
