import { effectiveStrength } from "./decay.ts";
import type { RelationshipEdge, RelationshipGraph, RelationshipType } from "./types.ts";

/** An edge with its strength after decay at the query's turn. */
export type ScoredEdge = RelationshipEdge & { effective_strength: number };

/** Filters for {@link queryRelationships}. */
export interface QueryOptions {
  /** Edges touching this entity, in either direction. */
  entity_id?: string;
  type?: RelationshipType;
  /** Minimum effective (decayed) strength. */
  min_strength?: number;
  /** Turn used for decay; without it stored strengths are used. */
  currentTurn?: number;
  limit?: number;
}

/** Options for {@link summarizeRelationships}. */
export interface SummaryOptions {
  /** Only edges touching one of these entities. */
  entityIds?: string[];
  /** Display names by id; ids are used when absent. */
  names?: Record<string, string>;
  /** At most this many lines, strongest first (default 12). */
  maxEdges?: number;
  currentTurn?: number;
}

/** The graph as the API serves it: nodes with degree, edges with decayed strength. */
export interface GraphView {
  nodes: Array<{ id: string; name: string; type: string; degree: number }>;
  edges: ScoredEdge[];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

// Strongest first; ties broken by key so every query is deterministic.
function ranked(edges: Iterable<RelationshipEdge>, currentTurn?: number): ScoredEdge[] {
  return [...edges]
    .map((e) => ({ ...e, effective_strength: round3(effectiveStrength(e, currentTurn)) }))
    .sort((a, b) => b.effective_strength - a.effective_strength || `${a.from}|${a.to}|${a.type}`.localeCompare(`${b.from}|${b.to}|${b.type}`));
}

const all = (g: RelationshipGraph): RelationshipEdge[] => Object.values(g.edges);

/** Edges held by `id` (id → others), strongest first. */
export function outgoing(graph: RelationshipGraph, id: string, currentTurn?: number): ScoredEdge[] {
  return ranked(all(graph).filter((e) => e.from === id), currentTurn);
}

/** Edges about `id` (others → id), strongest first. */
export function incoming(graph: RelationshipGraph, id: string, currentTurn?: number): ScoredEdge[] {
  return ranked(all(graph).filter((e) => e.to === id), currentTurn);
}

/** Edges touching `id` in either direction, strongest first. */
export function edgesOf(graph: RelationshipGraph, id: string, currentTurn?: number): ScoredEdge[] {
  return ranked(all(graph).filter((e) => e.from === id || e.to === id), currentTurn);
}

/** Edges of one type, strongest first. */
export function byType(graph: RelationshipGraph, type: RelationshipType, currentTurn?: number): ScoredEdge[] {
  return ranked(all(graph).filter((e) => e.type === type), currentTurn);
}

/** Filtered edges, strongest (after decay) first. */
export function queryRelationships(graph: RelationshipGraph, options: QueryOptions = {}): ScoredEdge[] {
  const { entity_id, type, min_strength = 0, currentTurn, limit } = options;
  const hits = ranked(
    all(graph).filter((e) => (!entity_id || e.from === entity_id || e.to === entity_id) && (!type || e.type === type)),
    currentTurn,
  ).filter((e) => e.effective_strength >= min_strength);
  return limit === undefined ? hits : hits.slice(0, Math.max(0, limit));
}

const signed = (x: number): string => `${x >= 0 ? "+" : "-"}${Math.abs(x).toFixed(1)}`;

/**
 * A compact text of the strongest edges for a prompt, one per line:
 * `tomas→sera trust +0.6 (0.72)` = holder→target type sentiment (effective strength).
 * Empty string when there is nothing to say, so callers can omit the section.
 */
export function summarizeRelationships(graph: RelationshipGraph, options: SummaryOptions = {}): string {
  const { entityIds, names = {}, maxEdges = 12, currentTurn } = options;
  const wanted = entityIds ? new Set(entityIds) : undefined;
  const edges = ranked(all(graph).filter((e) => !wanted || wanted.has(e.from) || wanted.has(e.to)), currentTurn).slice(0, Math.max(0, maxEdges));
  const label = (id: string): string => names[id] ?? id;
  return edges.map((e) => `${label(e.from)}→${label(e.to)} ${e.type} ${signed(e.sentiment)} (${e.effective_strength.toFixed(2)})`).join("\n");
}

/**
 * Nodes and edges for the API / UI. Every entity is a node (degree = edges touching it); ids that
 * appear only in edges get a node too (name = id, type "unknown") so no edge dangles.
 */
export function toGraphView(
  graph: RelationshipGraph,
  entities: ReadonlyArray<{ id: string; name: string; type?: string }>,
  currentTurn?: number,
): GraphView {
  const edges = ranked(all(graph), currentTurn);
  const degree = new Map<string, number>();
  for (const e of edges) for (const id of new Set([e.from, e.to])) degree.set(id, (degree.get(id) ?? 0) + 1);
  const nodes = entities.map((e) => ({ id: e.id, name: e.name, type: e.type ?? "unknown", degree: degree.get(e.id) ?? 0 }));
  const known = new Set(entities.map((e) => e.id));
  for (const id of [...degree.keys()].sort()) if (!known.has(id)) nodes.push({ id, name: id, type: "unknown", degree: degree.get(id) ?? 0 });
  return { nodes, edges };
}
