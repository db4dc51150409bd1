import type { Entity } from "../scenarios/schema.ts";
import type { ParsedMemoryInput } from "../memory/types.ts";
import type { ExtractedRelationship } from "../relationships/types.ts";
import type { Json } from "../common/json.ts";
import type { JsonObject } from "../common/json.ts";
import type { EnrichmentReason } from "../enrichment/queue.ts";

/** A relationship found in a staged memory; `memoryIndex` points into `WriteDraft.memories`. */
export interface StagedRelationship {
  memoryIndex: number;
  relationship: ExtractedRelationship;
}

/** A relationship the rules could not settle; the background worker asks the model later. */
export interface StagedEnrichment {
  memoryIndex: number;
  from: string;
  to: string;
  reason: EnrichmentReason;
  guess?: ExtractedRelationship;
}

/**
 * The world as this turn's writes would leave it. Writes change only the draft; the confirm
 * step commits it in one checkpoint, so a failed turn never leaves half its writes behind.
 */
export interface WriteDraft {
  world: JsonObject;
  story: JsonObject;
  entities: Entity[];
  /** Memories to store when the turn commits. */
  memories: ParsedMemoryInput[];
  /** Relationships extracted from the staged memories (by rules, no model call). */
  relationships: StagedRelationship[];
  /** Relationships left to background enrichment (not applied to the graph by this turn). */
  enrichments: StagedEnrichment[];
  /** Read-cache keys that the writes invalidate. */
  writtenKeys: string[];
}

export function draftFrom(state: { world: JsonObject; story: JsonObject; entities: Entity[] }): WriteDraft {
  return {
    world: structuredClone(state.world),
    story: structuredClone(state.story),
    entities: structuredClone(state.entities),
    memories: [],
    relationships: [],
    enrichments: [],
    writtenKeys: [],
  };
}

/** The result a write tool hands back to the model and the client. */
export interface WriteOutcome {
  draft: WriteDraft;
  result: Json;
}
