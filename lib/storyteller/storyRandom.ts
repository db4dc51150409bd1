/**
 * Seeded randomness for the offline storyteller: an FNV-1a string hash feeding a mulberry32
 * generator. Same seed, same sequence — on every machine and every Node version.
 */

import { fnv1a, mulberry32 } from "../common/seededRandom.ts";

export { fnv1a, mulberry32 };

/** The generator for one model call: the session/turn seed combined with the prompt text. */
export function rngFor(seed: string, text: string): () => number {
  return mulberry32(fnv1a(`${seed}\u0000${text}`));
}

/** One element of a non-empty list, chosen by `rng`. */
export function pick<T>(rng: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick from an empty list");
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))];
}

/** An integer in [min, max], chosen by `rng`. */
export function intBetween(rng: () => number, min: number, max: number): number {
  return min + Math.min(max - min, Math.floor(rng() * (max - min + 1)));
}

/** True with probability `p`. */
export function chance(rng: () => number, p: number): boolean {
  return rng() < p;
}
