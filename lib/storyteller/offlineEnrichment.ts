import { requestedPair } from "../enrichment/classify.ts";
import type { EnrichmentResult } from "../enrichment/queue.ts";
import { RELATIONSHIP_TYPES, TYPE_SIGN, type RelationshipType } from "../relationships/types.ts";

/** The offline storyteller's classify_relationship arguments, or why it declines. */
export type OfflineClassification =
  | { ok: true; args: EnrichmentResult }
  | { ok: false; reason: string };

const isType = (t: string): t is RelationshipType => (RELATIONSHIP_TYPES as readonly string[]).includes(t);

/**
 * Answers an enrichment request deterministically: it keeps the rules' guess when there is one and
 * declines otherwise. The guess is one edge, held by `from` toward `to` (a reverse the rules were
 * unsure of is a task of its own). A pair the rules found no feeling for is left to a real model: taking some
 * cue elsewhere in the memory would put an edge between two people the cue is not about (measured:
 * on ensemble scenes that added most of the graph's wrong edges). A stand-in that keeps the pipeline
 * working offline, not a judgement.
 */
export function classifyOffline(requestText: string): OfflineClassification {
  const guess = /The rules guessed (\w+) \(confidence ([\d.]+)\)/.exec(requestText);
  if (!guess || !isType(guess[1])) {
    return { ok: false, reason: "offline storyteller (deterministic, not an LLM): the rules read no feeling for this pair; a real model is needed" };
  }
  const pair = requestedPair(requestText);
  if (!pair) return { ok: false, reason: "offline storyteller (deterministic, not an LLM): the request names no pair" };
  const type = guess[1];
  return {
    ok: true,
    args: { edges: [{ ...pair, type, sentiment: sentimentOf(type, 0.5) }], confidence: Math.round(Math.min(0.75, Number(guess[2]) + 0.2) * 100) / 100, reason: "offline storyteller kept the rules' guess" },
  };
}

function sentimentOf(type: RelationshipType, magnitude: number): number {
  const sign = TYPE_SIGN[type] === 0 ? 1 : TYPE_SIGN[type];
  return Math.round(sign * Math.max(0.2, Math.min(1, magnitude)) * 100) / 100;
}
