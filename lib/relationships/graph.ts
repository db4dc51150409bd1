import { effectiveStrength } from "./decay.ts";
import {
  edgeKey, EVIDENCE_CAP, type ExtractedRelationship, type RelationshipEdge, type RelationshipGraph, type RelationshipGraphUpdate,
  type RelationshipObservation,
} from "./types.ts";

export { DECAY_PER_TURN, effectiveStrength } from "./decay.ts";
export {
  byType, edgesOf, incoming, outgoing, queryRelationships, summarizeRelationships, toGraphView,
  type GraphView, type QueryOptions, type ScoredEdge, type SummaryOptions,
} from "./queries.ts";

/** Weight of a new observation in the sentiment moving average (old × 0.7 + new × 0.3). */
export const SENTIMENT_ALPHA = 0.3;
/** How far one fully confident, full-strength observation closes the gap to strength 1. */
export const STRENGTH_GAIN = 0.35;

/** A graph with no edges (the channel default). */
export function emptyGraph(): RelationshipGraph {
  return { edges: {} };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : 0));
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function copyEdge(e: RelationshipEdge): RelationshipEdge {
  return { ...e, evidence: [...e.evidence], first_seen: { ...e.first_seen }, last_updated: { ...e.last_updated } };
}

function newEdge(o: RelationshipObservation): RelationshipEdge {
  const stamp = { turn: o.turn, at: o.at };
  return {
    from: o.from, to: o.to, type: o.type,
    sentiment: round3(clamp(o.sentiment, -1, 1)),
    strength: round3(clamp(o.strength, 0, 1)),
    confidence: round3(clamp(o.confidence, 0, 1)),
    evidence: [o.memoryId],
    first_seen: stamp, last_updated: { ...stamp }, observations: 1,
  };
}

/**
 * Merge one observation into an existing edge (returns a new edge):
 * - sentiment: moving average, old × 0.7 + new × 0.3;
 * - strength: first decayed to the observation's turn, then grows toward 1 by
 *   (1 − s) × 0.35 × obs.strength × obs.confidence — repeated evidence strengthens, never overshoots;
 * - confidence: the highest seen; evidence: memory id appended (deduped, newest last, capped at 20);
 * - last_updated: the later of the two turns; observations + 1.
 */
function mergeEdge(e: RelationshipEdge, o: RelationshipObservation): RelationshipEdge {
  const s = o.turn >= e.last_updated.turn ? effectiveStrength(e, o.turn) : e.strength;
  const later = o.turn >= e.last_updated.turn;
  return {
    ...e,
    sentiment: round3(clamp((1 - SENTIMENT_ALPHA) * e.sentiment + SENTIMENT_ALPHA * clamp(o.sentiment, -1, 1), -1, 1)),
    strength: round3(clamp(s + (1 - s) * STRENGTH_GAIN * clamp(o.strength, 0, 1) * clamp(o.confidence, 0, 1), 0, 1)),
    confidence: round3(Math.max(e.confidence, clamp(o.confidence, 0, 1))),
    evidence: [...e.evidence, o.memoryId].slice(-EVIDENCE_CAP),
    first_seen: { ...e.first_seen },
    last_updated: later ? { turn: o.turn, at: o.at } : { ...e.last_updated },
    observations: e.observations + 1,
  };
}

/**
 * The LangGraph channel reducer for the relationship graph. Pure and deterministic: inputs are never
 * mutated, the same inputs always give the same graph. An observation whose memory id is already in
 * the edge's evidence is ignored, so replaying a turn cannot double-count it.
 */
export function reduceRelationships(current: RelationshipGraph | undefined, update: RelationshipGraphUpdate): RelationshipGraph {
  if (!Array.isArray(update)) {
    const edges: Record<string, RelationshipEdge> = {};
    for (const [k, e] of Object.entries(update.replace.edges)) edges[k] = copyEdge(e);
    return { edges };
  }
  const edges: Record<string, RelationshipEdge> = { ...(current?.edges ?? {}) };
  for (const o of update) {
    if (o.from === o.to) continue;
    const key = edgeKey(o.from, o.to, o.type);
    const existing = edges[key];
    if (!existing) edges[key] = newEdge(o);
    else if (!existing.evidence.includes(o.memoryId)) edges[key] = mergeEdge(existing, o);
  }
  return { edges };
}

/** Turn extractor output for one stored memory into reducer observations. */
export function observationsFromExtraction(extracted: readonly ExtractedRelationship[], memoryId: string, turn: number, at: string): RelationshipObservation[] {
  return extracted.map((r) => ({
    from: r.from, to: r.to, type: r.type, sentiment: r.sentiment, strength: r.strength, confidence: r.confidence, memoryId, turn, at,
  }));
}
