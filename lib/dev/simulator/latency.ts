/**
 * The simulator's latency model: a seeded PRNG and the per-call delay plan.
 * Delays of a call depend only on (seed, callIndex), so concurrent calls stay reproducible.
 */
import type { LatencyOptions } from "./types.ts";
import { mulberry32 } from "../../common/seededRandom.ts";

/** Latency options with every default filled in. */
export type ResolvedLatency = Required<LatencyOptions>;

/** Fills defaults (all zero, seed 1) and rejects negative or non-finite values. */
export function resolveLatency(opts: LatencyOptions = {}): ResolvedLatency {
  const resolved: ResolvedLatency = {
    ttftMs: opts.ttftMs ?? 0,
    perTokenMs: opts.perTokenMs ?? 0,
    prefillMsPer1kInputTokens: opts.prefillMsPer1kInputTokens ?? 0,
    jitter: opts.jitter ?? 0,
    seed: opts.seed ?? 1,
  };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || (key !== "seed" && value < 0)) {
      throw new RangeError(`latency.${key} must be a finite, non-negative number (got ${value})`);
    }
  }
  if (resolved.jitter > 1) throw new RangeError(`latency.jitter is a fraction in [0, 1] (got ${resolved.jitter})`);
  return resolved;
}

/** The delays one call will observe. */
export interface DelayPlan {
  /** Wait before the first piece: (ttft + prefill) × jitter. */
  ttftMs: number;
  /** Wait before each later piece. */
  pieceDelaysMs: number[];
}

/**
 * Plans the delays of one call.
 * @param pieceCosts the token cost of every piece after the first (1 for a word-ish content piece,
 *   the tiktoken count for a tool-argument fragment); each waits `perTokenMs × cost × jitter`.
 */
export function planDelays(
  latency: ResolvedLatency,
  callIndex: number,
  promptTokens: number,
  pieceCosts: number[],
): DelayPlan {
  const rand = mulberry32(Math.imul(latency.seed ^ 0x9e3779b9, 0x85ebca6b) + callIndex * 0x27d4eb2f);
  const factor = (): number => Math.max(0, 1 + latency.jitter * (2 * rand() - 1));
  const base = latency.ttftMs + (latency.prefillMsPer1kInputTokens * promptTokens) / 1000;
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return {
    ttftMs: round(base * factor()),
    pieceDelaysMs: pieceCosts.map((cost) => round(latency.perTokenMs * cost * factor())),
  };
}
