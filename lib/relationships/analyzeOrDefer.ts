import { analyzeRelationshipMemory, type MemoryText, type RelationshipAnalysis } from "./extract.ts";
import { findMentionedEntities } from "./mentionedEntities.ts";
import type { EntityRef } from "./types.ts";

/**
 * {@link analyzeRelationshipMemory} for the write path: a bug in the rules must not cost the player
 * a turn or the memory, so if reading throws, the memory keeps no rule edge and every pair of
 * people it names goes to enrichment as untyped (the error is returned for the caller to report).
 */
export function analyzeOrDefer(
  memory: MemoryText,
  entities: readonly EntityRef[],
  analyze: (memory: MemoryText, entities: readonly EntityRef[]) => RelationshipAnalysis = analyzeRelationshipMemory,
): RelationshipAnalysis & { error?: string } {
  try {
    return analyze(memory, entities);
  } catch (error) {
    const ids = findMentionedEntities(memory.content, entities);
    const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ from: a, to: b })));
    return { relationships: [], unclassifiedPairs: pairs, error: error instanceof Error ? error.message : String(error) };
  }
}
