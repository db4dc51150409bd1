import { z } from "zod";
import { RELATIONSHIP_TYPES } from "../relationships/types.ts";

/** What a memory is about; used as a search filter and to pick a default importance. */
export const MEMORY_SCOPES = ["belief", "relationship", "event", "location", "goal", "general", "emotion"] as const;
/** `private`: only the holding entity knows it; `public`: anyone in the scene could know it. */
export const VISIBILITIES = ["private", "public"] as const;

export type MemoryScope = (typeof MEMORY_SCOPES)[number];
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * One memory as a tool call or API request proposes it. Strict: unknown keys are rejected so a
 * model that invents fields (e.g. `session_id`) gets a clear error instead of silent data loss.
 */
export const MemoryInputSchema = z.strictObject({
  entity_id: z.string().min(1).max(64),
  content: z.string().min(1).max(2000),
  scope: z.enum(MEMORY_SCOPES),
  visibility: z.enum(VISIBILITIES).default("private"),
  importance: z.number().min(0).max(1).optional(),
  related_entities: z.array(z.string()).max(16).optional(),
  /**
   * The narrator's own reading of a relationship memory: `holder` (default: the memory's owner,
   * entity_id) feels `type` towards `about`; `sign` -1 marks a broken family tie (estranged, feuding).
   * Checked against the rules when staged; an unknown type is not refused here but sends the memory
   * to enrichment (lib/relationships/hint.ts).
   */
  edge: z
    .strictObject({
      about: z.string().min(1).max(64),
      type: z.string().min(1).max(24).describe(RELATIONSHIP_TYPES.join("|")),
      holder: z.string().min(1).max(64).optional(),
      sign: z.literal([1, -1]).optional().describe("-1: estranged family"),
    })
    .optional(),
});

/** A memory before validation (visibility optional). */
export type MemoryInput = z.input<typeof MemoryInputSchema>;
/** A memory after validation (defaults applied). */
export type ParsedMemoryInput = z.output<typeof MemoryInputSchema>;

/** A stored memory. */
export interface MemoryDoc {
  /** Stable public id ("mem_..."). */
  id: string;
  /** The entity that holds this memory (a character id, or e.g. "world"). */
  entity_id: string;
  content: string;
  scope: MemoryScope;
  visibility: Visibility;
  /** 0..1; defaults to 0.5 (0.7 for relationship memories). */
  importance: number;
  related_entities: string[];
  /** Turn number at which the memory was written. */
  turn: number;
  /** ISO timestamp. */
  created_at: string;
  /** The hnswlib label of this memory's vector (the SQLite rowid, never reused). */
  label: number;
  /** Id of the record this memory was imported from (`migrate`), if any; makes imports idempotent. */
  source_id?: string;
}

/** A search result. */
export interface MemoryHit {
  memory: MemoryDoc;
  /** Cosine similarity, higher = closer (1 - hnswlib cosine distance). */
  score: number;
}

/** Importance used when the input gives none: relationships matter more for later scenes. */
export function defaultImportance(scope: MemoryScope): number {
  return scope === "relationship" ? 0.7 : 0.5;
}
