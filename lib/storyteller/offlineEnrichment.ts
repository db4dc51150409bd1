import type { EnrichmentResult } from "../enrichment/queue.ts";
import { requestedReadings } from "../enrichment/request.ts";

/** The offline storyteller's classify_relationship arguments, or why it declines. */
export type OfflineClassification =
  | { ok: true; args: EnrichmentResult }
  | { ok: false; reason: string };

/**
 * Answers an enrichment request deterministically: it keeps what the rules read between the pair
 * (the request lists every reading, either way) and declines when they read nothing. A pair the rules
 * found no feeling for is left to a real model: taking some cue elsewhere in the memory would put an
 * edge between two people the cue is not about (measured: on ensemble scenes that added most of the
 * graph's wrong edges). A stand-in that keeps the pipeline working offline, not a judgement.
 */
export function classifyOffline(requestText: string): OfflineClassification {
  const readings = requestedReadings(requestText);
  if (readings.length === 0) {
    return { ok: false, reason: "offline storyteller (deterministic, not an LLM): the rules read no feeling for this pair; a real model is needed" };
  }
  const confidence = Math.round(Math.min(0.75, Math.max(...readings.map((r) => r.confidence)) + 0.2) * 100) / 100;
  return {
    ok: true,
    args: { edges: readings.map((r) => ({ from: r.from, to: r.to, type: r.type, sentiment: r.sentiment })), confidence, reason: "offline storyteller kept the rules' reading" },
  };
}
