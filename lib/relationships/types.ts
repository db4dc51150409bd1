import { z } from "zod";

/**
 * The ten relationship types the engine tracks. Kept deliberately small: every type must be
 * something a narrator can act on ("Tomas fears Sera" changes how Tomas speaks to her).
 */
export const RELATIONSHIP_TYPES = [
  "trust",
  "distrust",
  "fear",
  "love",
  "friendship",
  "alliance",
  "rivalry",
  "hostility",
  "respect",
  "family",
] as const;

/** One of {@link RELATIONSHIP_TYPES}. */
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** Zod schema for a relationship type (used by the CLI and the API). */
export const RelationshipTypeSchema = z.enum(RELATIONSHIP_TYPES);

/** True when `t` names one of {@link RELATIONSHIP_TYPES} (a hint's or a request's type read as text). */
export const isRelationshipType = (t: string): t is RelationshipType => (RELATIONSHIP_TYPES as readonly string[]).includes(t);

/**
 * The sentiment sign every type carries, except `family` (0): kinship is a fact, its sign comes
 * from the wording around it ("loyal brother" is +, "estranged sister" is -), defaulting to + when
 * the text is neutral ("Sera's cousin Tomas"), because an unqualified family tie is a bond.
 */
export const TYPE_SIGN: Readonly<Record<RelationshipType, -1 | 0 | 1>> = {
  trust: 1,
  love: 1,
  friendship: 1,
  alliance: 1,
  respect: 1,
  distrust: -1,
  fear: -1,
  rivalry: -1,
  hostility: -1,
  family: 0,
};

/**
 * What a negated or reversed cue becomes ("doesn't trust her an inch" → distrust, "does not doubt" → trust). Only trust/distrust are
 * true logical opposites; "stopped being friends" does not imply hostility and "is not afraid" does
 * not imply trust, so every other type maps to null: the cue is dropped.
 */
export const NEGATED_TYPE: Readonly<Record<RelationshipType, RelationshipType | null>> = {
  trust: "distrust",
  distrust: "trust",
  fear: null,
  love: null,
  friendship: null,
  alliance: null,
  rivalry: null,
  hostility: null,
  respect: null,
  family: null,
};

/** A known entity: its stable id and its display name (which may carry a title). */
export interface EntityRef {
  id: string;
  name: string;
}

/** Zod schema for {@link EntityRef}. */
export const EntityRefSchema = z.object({ id: z.string().min(1), name: z.string().min(1) });

/** One relationship read from one memory by the rule-based extractor. `from` holds the feeling. */
export interface ExtractedRelationship {
  from: string;
  to: string;
  type: RelationshipType;
  /** -1..1; its sign follows {@link TYPE_SIGN} (family: from the wording). */
  sentiment: number;
  /** 0..1, how intense the wording is ("utterly despises" > "somewhat dislikes"). */
  strength: number;
  /** 0..1, how sure the extractor is (weak cue, pronoun subject, … lower it). */
  confidence: number;
  /** True when confidence is under the enrichment threshold: a model should confirm it later. */
  needsEnrichment: boolean;
  /** The words that matched, for debugging and for the enrichment prompt. */
  cue: string;
}

/** A moment in the story: the turn number and its ISO timestamp. */
export interface TurnStamp {
  turn: number;
  at: string;
}

/** The accumulated belief about one directed, typed relationship. */
export interface RelationshipEdge {
  from: string;
  to: string;
  type: RelationshipType;
  sentiment: number;
  strength: number;
  confidence: number;
  /** Memory ids that support the edge, oldest first, newest last, capped at {@link EVIDENCE_CAP}. */
  evidence: string[];
  first_seen: TurnStamp;
  last_updated: TurnStamp;
  observations: number;
}

/** Maximum evidence ids kept per edge: enough to cite, small enough for the checkpoint. */
export const EVIDENCE_CAP = 20;

/** All edges, keyed by {@link edgeKey}, so respect and rivalry between one pair coexist. */
export interface RelationshipGraph {
  edges: Record<string, RelationshipEdge>;
}

/** One observation of a relationship, ready for the graph reducer. */
export interface RelationshipObservation {
  from: string;
  to: string;
  type: RelationshipType;
  sentiment: number;
  strength: number;
  confidence: number;
  memoryId: string;
  turn: number;
  at: string;
}

/** The key of an edge in {@link RelationshipGraph.edges}: `${from}|${to}|${type}`. */
export function edgeKey(from: string, to: string, type: RelationshipType): string {
  return `${from}|${to}|${type}`;
}

/** The key of an unordered pair of entities: the same for (a, b) and (b, a). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * What the LangGraph `relationships` channel accepts: new observations to merge, or a whole graph
 * that replaces the current one (session restore, migrations).
 */
export type RelationshipGraphUpdate = RelationshipObservation[] | { replace: RelationshipGraph };
