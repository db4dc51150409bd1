import { z } from "zod";
import type { ParsedMemoryInput } from "../memory/types.ts";
import { analyzeOrDefer } from "../relationships/analyzeOrDefer.ts";
import { admitEdges, MAX_PAIRS_PER_MEMORY } from "../relationships/hint.ts";
import { WORLD_KEY, stateKey } from "./readCache.ts";
import type { WriteDraft, WriteOutcome } from "./draft.ts";
import { applyStateOps } from "./stateOps.ts";
import { AddMemoriesArgs, AddMemoryArgs, CreateCharacterArgs, UpdateStateArgs, UpdateWorldArgs } from "./schemas.ts";
import type { Json } from "../common/json.ts";

/** A refused write: the draft is left exactly as it was. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}

/** A write tool: validated arguments in, a new draft and a compact result out (pure). */
export interface WriteTool<Schema extends z.ZodType = z.ZodType> {
  name: string;
  phase: "write";
  schema: Schema;
  /** Short description (the compact prompt's wording); prompt variants may override it. */
  description: string;
  apply(args: z.output<Schema>, draft: WriteDraft): WriteOutcome;
}

const defineWrite = <S extends z.ZodType>(tool: Omit<WriteTool<S>, "phase">): WriteTool<S> => ({ ...tool, phase: "write" });

export const updateState = defineWrite({
  name: "update_state",
  description: "Change story state in one batch. ops: set|inc|dec|push|remove on dot paths (e.g. player.health, inventory).",
  schema: UpdateStateArgs,
  apply(args, draft) {
    const applied = applyStateOps(draft.story, args.ops);
    if (!applied.ok) throw new ToolError(applied.errors.join("; "));
    const result: Json = { applied: args.ops.length, changed: applied.changed };
    return {
      draft: { ...draft, story: applied.state, writtenKeys: [...draft.writtenKeys, ...applied.changed.map(stateKey)] },
      result,
    };
  },
});

export const updateWorld = defineWrite({
  name: "update_world",
  description: "Change world conditions, several keys at once (time, weather, location, ...). null removes a key.",
  schema: UpdateWorldArgs,
  apply(args, draft) {
    const world = { ...draft.world };
    for (const [key, value] of Object.entries(args)) {
      if (value === null) delete world[key];
      else world[key] = value;
    }
    return { draft: { ...draft, world, writtenKeys: [...draft.writtenKeys, WORLD_KEY] }, result: { updated: Object.keys(args) } };
  },
});

export const createCharacter = defineWrite({
  name: "create_character",
  description: "Introduce a new entity (character, place, item or faction) with a new lowercase id.",
  schema: CreateCharacterArgs,
  apply(args, draft) {
    if (draft.entities.some((e) => e.id === args.id)) throw new ToolError(`entity id "${args.id}" already exists`);
    const entities = [...draft.entities, { id: args.id, name: args.name, type: args.type, background: args.background }];
    return { draft: { ...draft, entities, writtenKeys: [...draft.writtenKeys, WORLD_KEY] }, result: { created: args.id } };
  },
});

/** Background enrichment tasks one turn may queue (each is a model call after the turn). */
export const MAX_ENRICHMENTS_PER_TURN = 24;

/** Stages memories (stored when the turn commits) and extracts relationships from them. */
function stageMemories(memories: ParsedMemoryInput[], draft: WriteDraft): WriteOutcome {
  const known = new Set(draft.entities.map((e) => e.id));
  const unknown = memories.map((m, i) => [i, m.entity_id] as const).filter(([, id]) => !known.has(id));
  if (unknown.length > 0) {
    throw new ToolError(unknown.map(([i, id]) => `memories[${i}].entity_id: unknown entity "${id}"`).join("; "));
  }
  const cast = draft.entities.map((e) => ({ id: e.id, name: e.name }));
  const relationships = [...draft.relationships];
  const enrichments = [...draft.enrichments];
  const found: string[] = [];
  const rulesErrors: string[] = [];
  let skipped = 0;
  // A narrator that states edges in this batch and leaves a relationship memory without one was
  // not sure of an edge there: the rules' reading of it goes to enrichment, not into the graph.
  const hinting = memories.some((m) => m.scope === "relationship" && m.edge !== undefined);
  memories.forEach((memory, offset) => {
    if (memory.scope !== "relationship") return;
    const memoryIndex = draft.memories.length + offset;
    const analysis = analyzeOrDefer(memory, cast);
    if (analysis.error) rulesErrors.push(`memories[${offset}]: ${analysis.error}`);
    const { admitted, queued, skipped: leftOut } = admitEdges(memory.entity_id, memory.edge, analysis, known, hinting);
    skipped += leftOut;
    for (const task of queued) {
      if (enrichments.length < MAX_ENRICHMENTS_PER_TURN) enrichments.push({ memoryIndex, ...task });
      else skipped++;
    }
    for (const relationship of admitted) {
      relationships.push({ memoryIndex, relationship });
      found.push(`${relationship.from}→${relationship.to} ${relationship.type}`);
    }
  });
  const result: Json = { stored: memories.length, relationships: found };
  if (enrichments.length > draft.enrichments.length) result.queued_for_enrichment = enrichments.length - draft.enrichments.length;
  // Every pair waiting for the model is a model call: past the limits, the record says how many were left out.
  if (skipped > 0) {
    result.enrichment_skipped = skipped;
    result.enrichment_limits = `at most ${MAX_PAIRS_PER_MEMORY} pairs per memory and ${MAX_ENRICHMENTS_PER_TURN} per turn go to background enrichment`;
  }
  // A bug in the rules: the memory is kept and its pairs wait for enrichment; the record says why.
  if (rulesErrors.length > 0) result.rules_error = rulesErrors;
  return { draft: { ...draft, memories: [...draft.memories, ...memories], relationships, enrichments }, result };
}

export const addMemory = defineWrite({
  name: "add_memory",
  description: "Store one memory. Prefer add_memories to store several in one call.",
  schema: AddMemoryArgs,
  apply: (args, draft) => stageMemories([args], draft),
});

export const addMemories = defineWrite({
  name: "add_memories",
  description:
    "Store several memories in ONE call (preferred). Relationship memories (scope relationship) must name both characters, e.g. \"Tomas now counts on Mara\", with edge {about: other id, type}.",
  schema: AddMemoriesArgs,
  apply: (args, draft) => stageMemories(args.memories, draft),
});

/** Every write tool the engine runs, in the order the model should prefer them. */
export const WRITE_TOOLS: WriteTool[] = [updateState, updateWorld, createCharacter, addMemories, addMemory] as WriteTool[];

/**
 * The write tools offered to the model: one memory-writing tool (add_memories). add_memory is not
 * offered (it repeated add_memories in every request) but still runs when a model calls it by
 * habit, so such a call is not lost.
 */
export const MODEL_WRITE_TOOLS: WriteTool[] = WRITE_TOOLS.filter((t) => t !== (addMemory as WriteTool));

export type WriteRun = { ok: true; draft: WriteDraft; result: Json } | { ok: false; error: string };

/** Validates and applies one requested write; never throws and never half-applies. */
export function runWrite(name: string, rawArgs: unknown, draft: WriteDraft): WriteRun {
  const tool = WRITE_TOOLS.find((t) => t.name === name);
  if (!tool) return { ok: false, error: `unknown write tool "${name}"; available: ${WRITE_TOOLS.map((t) => t.name).join(", ")}` };
  const parsed = tool.schema.safeParse(rawArgs);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "args"}: ${i.message}`).join("; ") };
  }
  try {
    const outcome = tool.apply(parsed.data, draft);
    return { ok: true, draft: outcome.draft, result: outcome.result };
  } catch (error) {
    if (error instanceof ToolError) return { ok: false, error: error.message };
    throw error;
  }
}
