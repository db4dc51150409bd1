import type { RelationshipEdge } from "./types.ts";

/**
 * Per-turn retention of an edge's strength. A relationship nobody mentions fades: after 23 quiet
 * turns it keeps half its strength (0.97^23 ≈ 0.50), after 100 about 5 %. Stored strength is never
 * rewritten by decay; it is applied when reading (and when new evidence arrives, see graph.ts).
 */
export const DECAY_PER_TURN = 0.97;

/** strength × 0.97^(turns since last_updated); without `currentTurn`, the stored strength. */
export function effectiveStrength(edge: Pick<RelationshipEdge, "strength" | "last_updated">, currentTurn?: number): number {
  if (currentTurn === undefined) return edge.strength;
  const age = Math.max(0, currentTurn - edge.last_updated.turn);
  return edge.strength * DECAY_PER_TURN ** age;
}
