import { describe, expect, it } from "vitest";
import { applyStateOps, readPath } from "./stateOps.ts";
import { isValidPath, pathsOverlap } from "./statePaths.ts";

const base = () => ({ player: { health: 10, water: 3 }, inventory: ["rope", "knife"], flags: { met_tomas: false } });

describe("applyStateOps", () => {
  it("applies set, inc, dec, push and remove in one batch", () => {
    const result = applyStateOps(base(), [
      { op: "dec", path: "player.water", value: 1 },
      { op: "inc", path: "player.health" },
      { op: "push", path: "inventory", value: "lantern" },
      { op: "remove", path: "inventory", value: "rope" },
      { op: "set", path: "flags.met_tomas", value: true },
      { op: "set", path: "caravan.barrels", value: 9 },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state).toEqual({
      player: { health: 11, water: 2 },
      inventory: ["knife", "lantern"],
      flags: { met_tomas: true },
      caravan: { barrels: 9 },
    });
    expect(result.changed).toEqual(["player.water", "player.health", "inventory", "flags.met_tomas", "caravan.barrels"]);
  });

  it("is all or nothing: one bad op refuses the whole batch and mutates nothing", () => {
    const state = base();
    const before = structuredClone(state);
    const result = applyStateOps(state, [
      { op: "dec", path: "player.water", value: 1 },
      { op: "inc", path: "inventory", value: 1 },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(["ops[1] inc inventory: target is not a number"]);
    expect(state).toEqual(before);
  });

  it("rejects malformed and dangerous paths with a reason", () => {
    for (const path of ["", "player..health", ".player", "player.", "__proto__.x", "player.constructor", "0.x", "a b", "player/health"]) {
      const result = applyStateOps(base(), [{ op: "set", path, value: 1 }]);
      expect(result.ok, path).toBe(false);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("explains each refusal", () => {
    const result = applyStateOps(base(), [
      { op: "remove", path: "player.mana" },
      { op: "remove", path: "inventory", value: "sword" },
      { op: "push", path: "player.health", value: 1 },
      { op: "set", path: "player.health.max", value: 1 },
      { op: "dec", path: "player.water", value: "two" },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "ops[0] remove player.mana: nothing at this path",
      'ops[1] remove inventory: value "sword" is not in the array',
      "ops[2] push player.health: target is not an array",
      'ops[3] set player.health.max: "health" is not an object or array',
      "ops[4] dec player.water: dec needs a numeric value",
    ]);
  });

  it("addresses array elements by index and removes keys", () => {
    const result = applyStateOps(base(), [
      { op: "set", path: "inventory.0", value: "coil of rope" },
      { op: "remove", path: "flags.met_tomas" },
    ]);
    expect(result.ok && result.state.inventory).toEqual(["coil of rope", "knife"]);
    expect(result.ok && result.state.flags).toEqual({});
  });

  it("reads dot paths", () => {
    expect(readPath(base(), "player.water")).toBe(3);
    expect(readPath(base(), "inventory.1")).toBe("knife");
    expect(readPath(base(), "player.nothing")).toBeUndefined();
    expect(readPath(base(), "bad..path")).toBeUndefined();
  });
});

describe("paths", () => {
  it("validates and relates paths", () => {
    expect(isValidPath("player.health")).toBe(true);
    expect(isValidPath("inventory.3")).toBe(true);
    expect(isValidPath("3.inventory")).toBe(false);
    expect(pathsOverlap("player", "player.health")).toBe(true);
    expect(pathsOverlap("player.health", "player")).toBe(true);
    expect(pathsOverlap("player.health", "player.healthy")).toBe(false);
    expect(pathsOverlap("flags", "player")).toBe(false);
  });
});
