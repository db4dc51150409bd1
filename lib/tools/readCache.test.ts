import { describe, expect, it } from "vitest";
import { cacheLookup, cacheStore, emptyReadCache, invalidate, pruneCache, stateKey, WORLD_KEY } from "./readCache.ts";

describe("read cache", () => {
  it("serves a read in the turn it was made and the next one, then expires", () => {
    const cache = cacheStore(emptyReadCache(), stateKey("player"), { health: 10 }, 3);
    expect(cacheLookup(cache, stateKey("player"), 3)?.value).toEqual({ health: 10 });
    expect(cacheLookup(cache, stateKey("player"), 4)?.value).toEqual({ health: 10 });
    expect(cacheLookup(cache, stateKey("player"), 5)).toBeUndefined();
    expect(Object.keys(pruneCache(cache, 5).entries)).toEqual([]);
    expect(Object.keys(pruneCache(cache, 4).entries)).toEqual([stateKey("player")]);
  });

  it("is invalidated by a write to the same path, a parent or a child, and only those", () => {
    let cache = emptyReadCache();
    for (const p of ["player", "player.health", "inventory", "flags.route_sold", "caravan"]) cache = cacheStore(cache, stateKey(p), 1, 1);
    cache = cacheStore(cache, WORLD_KEY, { time: "dawn" }, 1);

    const afterChild = invalidate(cache, [stateKey("player.water")]);
    expect(Object.keys(afterChild.entries).sort()).toEqual(["state:caravan", "state:flags.route_sold", "state:inventory", "state:player.health", "world"]);

    const afterParent = invalidate(cache, [stateKey("flags")]);
    expect(afterParent.entries[stateKey("flags.route_sold")]).toBeUndefined();
    expect(afterParent.entries[stateKey("player")]).toBeDefined();

    const afterWorld = invalidate(cache, [WORLD_KEY]);
    expect(afterWorld.entries[WORLD_KEY]).toBeUndefined();
    expect(Object.keys(afterWorld.entries)).toHaveLength(5);
  });

  it("never mutates the cache it is given", () => {
    const cache = cacheStore(emptyReadCache(), stateKey("player"), 1, 1);
    const frozen = structuredClone(cache);
    invalidate(cache, [stateKey("player")]);
    pruneCache(cache, 9);
    cacheStore(cache, stateKey("x"), 2, 1);
    expect(cache).toEqual(frozen);
  });
});
