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

  it("lists every shape problem with its path (exactly those, nothing else)", () => {
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
    expect(formatIssues(result.error, "scenario")).toEqual([
      expect.stringMatching(/^scenario\.entities\.1\.type: /),
      expect.stringMatching(/^scenario\.entities\.2\.id: .*lowercase slugs/),
      expect.stringMatching(/^scenario\.entities\.2\.name: /),
      expect.stringMatching(/^scenario: Unrecognized key.*"extra"/),
    ]);
    // The cross-entity checks (duplicate id "ana", player "zed" not an entity) run only once the
    // shape is valid, so they are not in this list; the next test checks that they are then listed together.
  });

  it("lists every cross-entity problem of a well-shaped scenario: duplicate ids and an unknown player", () => {
    const result = ScenarioSchema.safeParse({ ...minimal(), player_id: "zed", entities: [...minimal().entities, { id: "ana", name: "Ana 2", type: "character" }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = formatIssues(result.error, "scenario");
    expect(issues).toHaveLength(2);
    expect(issues.some((i) => i.includes('"ana"'))).toBe(true);
    expect(issues.some((i) => i.includes('player_id "zed" is not an entity'))).toBe(true);
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
