import { z } from "zod";
import { EntityIdSchema, ENTITY_TYPES } from "../scenarios/schema.ts";
import { MEMORY_SCOPES, MemoryInputSchema } from "../memory/types.ts";
import { RELATIONSHIP_TYPES } from "../relationships/types.ts";
import { StateOpSchema } from "./stateOps.ts";
import { JsonSchema } from "../common/json.ts";

/** Argument schemas of every tool; the model's calls and the API's queries are validated by these. */

const WorldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "world keys are lowercase snake_case (max 40)");

export const UpdateStateArgs = z.strictObject({
  ops: z.array(StateOpSchema).min(1).max(20),
});

export const UpdateWorldArgs = z
  .record(WorldKey, JsonSchema)
  .refine((r) => Object.keys(r).length >= 1, "update_world needs at least one key")
  .refine((r) => Object.keys(r).length <= 20, "update_world takes at most 20 keys");

export const CreateCharacterArgs = z.strictObject({
  id: EntityIdSchema,
  name: z.string().min(1).max(80),
  type: z.enum(ENTITY_TYPES).default("character"),
  background: z.string().max(1000).default(""),
});

export const AddMemoryArgs = MemoryInputSchema;

export const AddMemoriesArgs = z.strictObject({
  memories: z.array(MemoryInputSchema).min(1).max(20),
});

export const ReadStateArgs = z.strictObject({
  paths: z.array(z.string().min(1).max(200)).min(1).max(20),
});

export const SearchMemoriesArgs = z.strictObject({
  query: z.string().min(1).max(2000),
  entity_id: z.string().min(1).max(64).optional(),
  scope: z.enum(MEMORY_SCOPES).optional(),
  k: z.number().int().min(1).max(50).default(6),
  include_relationships: z.boolean().default(false),
});

export const QueryRelationshipsArgs = z.strictObject({
  entity_id: z.string().min(1).max(64).optional(),
  type: z.enum(RELATIONSHIP_TYPES).optional(),
  min_strength: z.number().min(0).max(1).default(0),
});

export const ReadWorldArgs = z.strictObject({});
