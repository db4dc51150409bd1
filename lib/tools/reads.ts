import type { Entity } from "../scenarios/schema.ts";
import type { MemoryPool } from "../memory/pool.ts";
import type { MemoryHit } from "../memory/types.ts";
import type { RecallQuery } from "../memory/session.ts";
import type { ContextEdge, ContextMemory } from "./context.ts";
import { queryRelationships } from "../relationships/graph.ts";
import type { EntityRef, RelationshipGraph } from "../relationships/types.ts";
import { findMentionedEntities } from "../relationships/mentionedEntities.ts";
import type { BuiltRecallQuery } from "./recallQuery.ts";
import { SearchMemoriesArgs, QueryRelationshipsArgs } from "./schemas.ts";
import type { z } from "zod";
import { readPath } from "./stateOps.ts";
import type { Json } from "../common/json.ts";
import type { JsonObject } from "../common/json.ts";

/** read_state: the values at the given dot paths of the story state (null when absent). */
export function readState(story: JsonObject, paths: string[]): Record<string, Json | null> {
  const out: Record<string, Json | null> = {};
  for (const p of paths) out[p] = readPath(story, p) ?? null;
  return out;
}

/** read_world: world conditions and the cast, as the narrator needs them. */
export function readWorld(world: JsonObject, entities: Entity[]): { world: JsonObject; cast: Array<Pick<Entity, "id" | "name" | "type" | "background">> } {
  return { world, cast: entities.map(({ id, name, type, background }) => ({ id, name, type, background })) };
}

export interface MemorySearchResult {
  hits: MemoryHit[];
  relationships: ContextEdge[];
}

/** A search hit as the narrator's context shows it. */
export function toContextMemory(h: MemoryHit): ContextMemory {
  return { id: h.memory.id, entity_id: h.memory.entity_id, scope: h.memory.scope, content: h.memory.content, score: Number(h.score.toFixed(3)) };
}

/** The hybrid part of a search (keyword terms, focus, turn); without it the search is vector-only. */
export type HybridRecall = Pick<RecallQuery, "terms" | "focus" | "self" | "currentTurn" | "mentions">;

/** The hybrid side of a recall built by buildRecallQuery, for the story's cast at `currentTurn`. */
export function hybridRecallOf(built: BuiltRecallQuery, entities: readonly EntityRef[], currentTurn: number): HybridRecall {
  return { terms: built.terms, focus: new Set(built.focus), self: built.self, currentTurn, mentions: (text) => findMentionedEntities(text, entities) };
}

/**
 * search_memories in one session's own index; with include_relationships, also the edges
 * touching the entities found in the results and the extra entities given (e.g. those mentioned).
 * With `hybrid`, the session's keyword index is searched too and the two rankings fused.
 */
export async function searchMemories(
  pool: MemoryPool,
  sessionId: string,
  graph: RelationshipGraph,
  currentTurn: number,
  args: z.input<typeof SearchMemoriesArgs>,
  alsoEntities: string[] = [],
  hybrid?: HybridRecall,
): Promise<MemorySearchResult> {
  const q = SearchMemoriesArgs.parse(args);
  const query = { query: q.query, entity_id: q.entity_id, scope: q.scope, k: q.k };
  const hits = await pool.use(sessionId, (store) => (hybrid ? store.recall({ ...query, ...hybrid }) : store.search(query)));
  if (!q.include_relationships) return { hits, relationships: [] };
  const entities = new Set<string>(alsoEntities);
  for (const h of hits) {
    entities.add(h.memory.entity_id);
    for (const r of h.memory.related_entities) entities.add(r);
  }
  return { hits, relationships: edgesTouching(graph, [...entities], currentTurn) };
}

/** The strongest edges touching any of the entities, deduplicated (at most `limit`). */
export function edgesTouching(graph: RelationshipGraph, entityIds: string[], currentTurn: number, limit = 12): ContextEdge[] {
  const seen = new Map<string, ContextEdge>();
  for (const id of entityIds) {
    for (const e of queryRelationships(graph, { entity_id: id, currentTurn })) {
      seen.set(`${e.from}|${e.to}|${e.type}`, toContextEdge(e));
    }
  }
  return [...seen.values()].sort((a, b) => b.strength - a.strength).slice(0, limit);
}

/** query_relationships as a read tool (also served by the API). */
export function relationshipsQuery(graph: RelationshipGraph, currentTurn: number, args: z.input<typeof QueryRelationshipsArgs>): ContextEdge[] {
  const q = QueryRelationshipsArgs.parse(args);
  return queryRelationships(graph, { ...q, currentTurn }).map(toContextEdge);
}

function toContextEdge(e: { from: string; to: string; type: string; sentiment: number; effective_strength?: number; strength: number }): ContextEdge {
  return {
    from: e.from,
    to: e.to,
    type: e.type,
    sentiment: Number(e.sentiment.toFixed(2)),
    strength: Number((e.effective_strength ?? e.strength).toFixed(2)),
  };
}
