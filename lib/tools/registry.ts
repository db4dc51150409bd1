import type { z } from "zod";
import { QueryRelationshipsArgs, ReadStateArgs, ReadWorldArgs, SearchMemoriesArgs } from "./schemas.ts";
import { WRITE_TOOLS } from "./writes.ts";

/**
 * Every tool of the engine, classified. Read tools are run by the engine itself before the
 * model writes (no model round trip); write tools are requested by the model and run after
 * its narrative has streamed.
 */
export type ToolPhase = "read" | "write";

export interface ToolEntry {
  name: string;
  phase: ToolPhase;
  schema: z.ZodType;
  description: string;
}

export const READ_TOOLS: ToolEntry[] = [
  { name: "read_state", phase: "read", schema: ReadStateArgs, description: "Read story-state values at dot paths." },
  { name: "read_world", phase: "read", schema: ReadWorldArgs, description: "World conditions and the cast." },
  {
    name: "search_memories",
    phase: "read",
    schema: SearchMemoriesArgs,
    description: "Semantic search of this session's memories; with include_relationships, the edges of the entities found.",
  },
  {
    name: "query_relationships",
    phase: "read",
    schema: QueryRelationshipsArgs,
    description: "Relationship edges (who trusts, fears, loves or hates whom), strongest first.",
  },
];

export const TOOL_REGISTRY: ToolEntry[] = [...READ_TOOLS, ...WRITE_TOOLS];

export function toolPhase(name: string): ToolPhase | undefined {
  return TOOL_REGISTRY.find((t) => t.name === name)?.phase;
}
