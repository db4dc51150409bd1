import { pathsOverlap } from "./statePaths.ts";
import type { Json } from "../common/json.ts";

/** A cached read: the value and the turn it was read in. */
export interface ReadCacheEntry {
  value: Json | null;
  turn: number;
}

/**
 * Per-session cache of read results, kept in the checkpointed state. Keys are namespaced
 * paths ("state:player.health", "world"). An entry is fresh for the turn it was read in and
 * the next one (the last 2 turns) and is dropped by any write to that path, a parent or a child.
 */
export interface ReadCache {
  entries: Record<string, ReadCacheEntry>;
}

/** How many turns (the reading one included) an entry stays usable. */
export const CACHE_TURNS = 2;

export function emptyReadCache(): ReadCache {
  return { entries: {} };
}

export function isFresh(entry: ReadCacheEntry, turn: number): boolean {
  return turn - entry.turn < CACHE_TURNS;
}

export function cacheLookup(cache: ReadCache, key: string, turn: number): ReadCacheEntry | undefined {
  const entry = cache.entries[key];
  return entry && isFresh(entry, turn) ? entry : undefined;
}

export function cacheStore(cache: ReadCache, key: string, value: Json | null, turn: number): ReadCache {
  return { entries: { ...cache.entries, [key]: { value, turn } } };
}

/** Drops every entry whose path overlaps a written path (same namespace only). */
export function invalidate(cache: ReadCache, writtenKeys: string[]): ReadCache {
  const entries: Record<string, ReadCacheEntry> = {};
  for (const [key, entry] of Object.entries(cache.entries)) {
    if (!writtenKeys.some((w) => keysOverlap(key, w))) entries[key] = entry;
  }
  return { entries };
}

/** Forgets entries older than the last CACHE_TURNS turns. */
export function pruneCache(cache: ReadCache, turn: number): ReadCache {
  const entries: Record<string, ReadCacheEntry> = {};
  for (const [key, entry] of Object.entries(cache.entries)) if (isFresh(entry, turn)) entries[key] = entry;
  return { entries };
}

function keysOverlap(a: string, b: string): boolean {
  const [nsA, pathA = ""] = a.split(":", 2);
  const [nsB, pathB = ""] = b.split(":", 2);
  if (nsA !== nsB) return false;
  if (pathA === "" || pathB === "") return true;
  return pathsOverlap(pathA, pathB);
}

export const stateKey = (path: string): string => `state:${path}`;
export const WORLD_KEY = "world";
