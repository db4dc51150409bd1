/**
 * Seeded randomness for the offline storyteller: an FNV-1a string hash feeding a mulberry32
 * generator. Same seed, same sequence — on every machine and every Node version.
 */

/** FNV-1a 32-bit hash of a string (unsigned). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A mulberry32 generator: returns floats in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
