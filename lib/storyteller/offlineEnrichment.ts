import { findCues } from "../relationships/cues.ts";
import { tokenize } from "../relationships/text.ts";
import { RELATIONSHIP_TYPES, TYPE_SIGN, type RelationshipType } from "../relationships/types.ts";

/** The offline storyteller's classify_relationship arguments, or why it declines. */
export type OfflineClassification =
  | { ok: true; args: { type: RelationshipType; sentiment: number; confidence: number; reason: string } }
  | { ok: false; reason: string };

const isType = (t: string): t is RelationshipType => (RELATIONSHIP_TYPES as readonly string[]).includes(t);

/**
 * Answers an enrichment request deterministically from the extractor's own lexicon: it keeps
 * the rules' guess when there is one, else takes the first cue anywhere in the memory, else
 * declines. It is a stand-in that keeps the pipeline working offline, not a judgement.
 */
export function classifyOffline(requestText: string): OfflineClassification {
  const content = /"([\s\S]*)"/.exec(requestText)?.[1] ?? "";
  const guess = /The rules guessed (\w+) \(confidence ([\d.]+)\)/.exec(requestText);
  if (guess && isType(guess[1])) {
    const type = guess[1];
    return {
      ok: true,
      args: { type, sentiment: sentimentOf(type, 0.5), confidence: Math.round(Math.min(0.75, Number(guess[2]) + 0.2) * 100) / 100, reason: "offline storyteller kept the rules' guess" },
    };
  }
  const tokens = tokenize(content);
  const cue = findCues(tokens, 0, tokens.length, tokens.map(() => false))[0];
  if (!cue) return { ok: false, reason: "offline storyteller: no relationship cue in this memory; a real model is needed" };
  const words = tokens.slice(cue.start, cue.end).map((t) => t.norm).join(" ");
  const type = cue.entry.type;
  return { ok: true, args: { type, sentiment: sentimentOf(type, cue.entry.strength * 0.6), confidence: 0.5, reason: `offline storyteller: lexicon cue "${words}"` } };
}

function sentimentOf(type: RelationshipType, magnitude: number): number {
  const sign = TYPE_SIGN[type] === 0 ? 1 : TYPE_SIGN[type];
  return Math.round(sign * Math.max(0.2, Math.min(1, magnitude)) * 100) / 100;
}
