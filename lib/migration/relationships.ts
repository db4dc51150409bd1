import type { NewEnrichmentTask } from "../enrichment/queue.ts";
import type { MemoryDoc } from "../memory/types.ts";
import { analyzeOrDefer } from "../relationships/analyzeOrDefer.ts";
import { observationsFromExtraction } from "../relationships/graph.ts";
import { admitEdges } from "../relationships/hint.ts";
import type { EntityRef, RelationshipObservation } from "../relationships/types.ts";
import type { Entity } from "../scenarios/schema.ts";
import { displayName } from "./legacyDocs.ts";

/** Holders that are not characters of the story. */
const NOT_CHARACTERS = new Set(["world", "narrator", "system"]);
/** A scenario allows 200 entities; the migration never grows a cast past that. */
const MAX_CAST = 200;

/**
 * The legacy holders a session's cast lacks, as characters: the extractor resolves only names of
 * the cast, so without them a legacy "Tomas trusts Sera" would yield no edge.
 */
export function castAdditions(cast: readonly Entity[], holders: ReadonlyMap<string, string | undefined>): Entity[] {
  const known = new Set(cast.map((e) => e.id));
  const added: Entity[] = [];
  for (const [id, name] of holders) {
    if (known.has(id) || NOT_CHARACTERS.has(id) || cast.length + added.length >= MAX_CAST) continue;
    added.push({ id, name: name ?? displayName(id), type: "character", background: "Came over from the original QuietStories with its memories." });
    known.add(id);
  }
  return added;
}

/**
 * What relationship memories tell the graph, exactly as a turn's store_memories does: confident
 * readings become observations (at the memory's own turn and time), unsure ones and pairs with no
 * type become enrichment tasks for the model.
 */
export function relationshipWork(sessionId: string, memories: readonly MemoryDoc[], cast: readonly EntityRef[]): { observations: RelationshipObservation[]; enrichments: NewEnrichmentTask[]; skipped: number } {
  const observations: RelationshipObservation[] = [];
  const enrichments: NewEnrichmentTask[] = [];
  let skipped = 0;
  const known = new Set(cast.map((e) => e.id));
  for (const m of memories) {
    // A memory the rules cannot read (a bug) waits for enrichment like one with no type.
    const { admitted, queued, skipped: leftOut } = admitEdges(m.entity_id, undefined, analyzeOrDefer(m, cast), known, false);
    skipped += leftOut;
    observations.push(...observationsFromExtraction(admitted, m.id, m.turn, m.created_at));
    for (const q of queued) {
      enrichments.push({
        session_id: sessionId, memory_id: m.id, entity_id: m.entity_id, content: m.content, turn: m.turn, from: q.from, to: q.to, reason: q.reason,
        ...(q.guess ? { guess_type: q.guess.type, guess_confidence: q.guess.confidence } : {}),
      });
    }
  }
  return { observations, enrichments, skipped };
}
