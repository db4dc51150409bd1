import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { extractRelationships } from "../relationships/extract.ts";
import { type EntityRef, isRelationshipType, RELATIONSHIP_TYPES, type RelationshipType, TYPE_SIGN } from "../relationships/types.ts";
import type { NewEnrichmentTask } from "./queue.ts";

/**
 * The request the enrichment model gets for one queued pair, and what a stand-in reads back from it
 * (the offline storyteller and the bench's simulated model answer from the request's text).
 */

/** Marker the offline storyteller recognises to answer enrichment deterministically. */
export const ENRICHMENT_MARKER = "Classify the relationship";

/** One edge the rules read between the pair, whatever its confidence: a hint for the model. */
export interface RuleReading {
  from: string;
  to: string;
  type: RelationshipType;
  /** Signed: a family tie read as estranged is negative. */
  sentiment: number;
  confidence: number;
}

/**
 * Every edge the rules read between the task's two people, either way: a pair is asked once however
 * many of its readings were unsure, so the request shows them all (the task stores only the first
 * guess). The task's own guess is kept when the rules no longer read it (a task queued by another
 * version of the rules, or a cast that changed since); a memory the rules fail on gives that guess alone.
 */
export function readingsOfPair(task: Pick<NewEnrichmentTask, "entity_id" | "content" | "from" | "to" | "guess_type" | "guess_confidence">, cast: readonly EntityRef[]): RuleReading[] {
  let read: RuleReading[] = [];
  try {
    read = extractRelationships({ entity_id: task.entity_id, content: task.content }, cast)
      .filter((r) => (r.from === task.from && r.to === task.to) || (r.from === task.to && r.to === task.from))
      .map(({ from, to, type, sentiment, confidence }) => ({ from, to, type, sentiment, confidence }));
  } catch {
    // the rules fail on this memory (it was queued with that error): the stored guess alone
  }
  const guess = guessOf(task);
  return guess && !read.some((r) => r.from === guess.from && r.to === guess.to && r.type === guess.type) ? [guess, ...read] : read;
}

/** The task's stored guess as a reading (held by `from` toward `to`, the sign its type's). */
function guessOf(task: Pick<NewEnrichmentTask, "from" | "to" | "guess_type" | "guess_confidence">): RuleReading | undefined {
  if (!task.guess_type) return undefined;
  return { from: task.from, to: task.to, type: task.guess_type, sentiment: TYPE_SIGN[task.guess_type] < 0 ? -0.5 : 0.5, confidence: task.guess_confidence ?? 0 };
}

const READ_PREFIX = " The rules read: ";

export function buildClassifyMessages(task: NewEnrichmentTask, names: Record<string, string>, readings?: readonly RuleReading[]): BaseMessage[] {
  const name = (id: string) => `${names[id] ?? id} (${id})`;
  // Without the readings (a caller that has no cast): the task's stored guess.
  const guess = guessOf(task);
  const shown = readings ?? (guess ? [guess] : []);
  const show = (r: RuleReading) => `${r.from} → ${r.to} ${r.type} (sentiment ${r.sentiment.toFixed(2)}, confidence ${r.confidence.toFixed(2)})`;
  const read = shown.length > 0 ? `${READ_PREFIX}${shown.map(show).join(", ")}.` : "";
  return [
    new SystemMessage(
      `${ENRICHMENT_MARKER} a story memory shows between two people (from and to below), by calling classify_relationship once. ` +
        "edges: every feeling the memory shows between them, either way, each {from, to, type, sentiment} with from holding the feeling toward to (their ids); " +
        "both ways for a mutual word (allies, friends, rivals, sisters, married), one edge per type when it shows more than one (family and fear); [] when it shows none " +
        `(a rumour, a wish, someone else's feeling). Types: ${RELATIONSHIP_TYPES.join(", ")}. ` +
        "sentiment -1..1 (negative for distrust, fear, rivalry, hostility), confidence 0..1, reason in a few words.",
    ),
    new HumanMessage(`Memory held by ${name(task.entity_id)}: "${task.content}"\nfrom: ${name(task.from)}\nto: ${name(task.to)}${read}`),
  ];
}

const PAIR_LINES = /\nfrom: [^\n]*\(([^()\s]+)\)\nto: [^\n]*?\(([^()\s]+)\)(?= The rules read: |$)/g;

/** The last from/to lines of a request and where they end. */
function lastPairLines(text: string): { from: string; to: string; end: number } | undefined {
  const last = [...text.matchAll(PAIR_LINES)].at(-1);
  return last ? { from: last[1], to: last[2], end: (last.index ?? 0) + last[0].length } : undefined;
}

/**
 * The pair a request asks about, read back from its text: the last "from: … (id)" / "to: … (id)"
 * lines, so a memory quoting such lines cannot change the pair.
 */
export function requestedPair(text: string): { from: string; to: string } | undefined {
  const pair = lastPairLines(text);
  return pair && { from: pair.from, to: pair.to };
}

/** The rules' readings a request shows, read back from what follows its pair (never from the memory). */
export function requestedReadings(text: string): RuleReading[] {
  const pair = lastPairLines(text);
  if (!pair || !text.startsWith(READ_PREFIX, pair.end)) return [];
  return [...text.slice(pair.end + READ_PREFIX.length).matchAll(/(\S+) → (\S+) (\w+) \(sentiment (-?[\d.]+), confidence ([\d.]+)\)/g)]
    .filter((m) => isRelationshipType(m[3]))
    .map((m) => ({ from: m[1], to: m[2], type: m[3] as RelationshipType, sentiment: Number(m[4]), confidence: Number(m[5]) }));
}
