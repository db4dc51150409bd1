import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import type { TurnStateType } from "../../../../graph/state.ts";
import { narratorPrompt } from "../../../prompts/narrator.ts";
import { cacheLookup, cacheStore, invalidate, pruneCache, stateKey, WORLD_KEY, emptyReadCache, type ReadCache } from "../../../tools/readCache.ts";
import { readState, readWorld, relationshipsQuery, searchMemories, toContextMemory } from "../../../tools/reads.ts";
import { READ_TOOLS } from "../../../tools/registry.ts";
import { AddMemoriesArgs, CreateCharacterArgs, QueryRelationshipsArgs, ReadStateArgs, SearchMemoriesArgs, UpdateStateArgs } from "../../../tools/schemas.ts";
import type { Json } from "../../../common/json.ts";
import { JsonSchema } from "../../../common/json.ts";
import { storeMemories, writeToCheckpoint, type BaselineSession } from "./tools.ts";

const compact = narratorPrompt("compact").toolDescriptions;
const readDescription = (name: string): string => READ_TOOLS.find((t) => t.name === name)?.description ?? name;
const UpdateWorldObject = z.object({}).catchall(JsonSchema);

/** Read caches of the strong baseline, per session (the product keeps the same cache in its checkpoint). */
const caches = new Map<string, ReadCache>();

/**
 * The strong ReAct baseline's tools: the product's batched tools with the compact descriptions.
 * read_state takes several paths and read_state / read_world answer from a per-session read cache
 * (the product's cache rules: fresh for 2 turns, dropped by a write to an overlapping path);
 * search_memories can include relationships; add_memories stores a batch. The model may call them
 * in parallel; writes are applied one at a time (the checkpoint has one writer).
 */
export function createStrongTools(session: BaselineSession): StructuredToolInterface[] {
  const { engine, sessionId, turn } = session;
  const load = async (): Promise<TurnStateType> => (await engine.app.getState({ configurable: { thread_id: sessionId } })).values as TurnStateType;
  let cache = pruneCache(caches.get(sessionId) ?? emptyReadCache(), turn);
  const keep = (next: ReadCache): void => {
    cache = next;
    caches.set(sessionId, cache);
  };
  let writes: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = writes.then(run);
    writes = next.catch(() => undefined);
    return next;
  };
  const write = (name: string, args: unknown) =>
    serial(async () => {
      const { draft, result } = await writeToCheckpoint(session, name, args);
      keep(invalidate(cache, draft.writtenKeys));
      return JSON.stringify(result);
    });

  return [
    tool(async ({ paths }) => {
      const out: Record<string, Json | null> = {};
      const missing = paths.filter((p) => {
        const hit = cacheLookup(cache, stateKey(p), turn);
        if (hit) out[p] = hit.value;
        return !hit;
      });
      if (missing.length > 0) {
        const read = readState((await load()).story, missing);
        for (const [p, v] of Object.entries(read)) {
          out[p] = v;
          keep(cacheStore(cache, stateKey(p), v, turn));
        }
      }
      return JSON.stringify(out);
    }, { name: "read_state", description: readDescription("read_state"), schema: ReadStateArgs }),
    tool(async () => {
      const hit = cacheLookup(cache, WORLD_KEY, turn);
      if (hit) return JSON.stringify(hit.value);
      const s = await load();
      const view = readWorld(s.world, s.entities) as unknown as Json;
      keep(cacheStore(cache, WORLD_KEY, view, turn));
      return JSON.stringify(view);
    }, { name: "read_world", description: readDescription("read_world"), schema: z.object({}) }),
    tool(async (args) => {
      const s = await load();
      const found = await searchMemories(engine.runtime.memory, sessionId, s.relationships, turn, args);
      return JSON.stringify({ memories: found.hits.map(toContextMemory), relationships: found.relationships });
    }, { name: "search_memories", description: readDescription("search_memories"), schema: SearchMemoriesArgs }),
    tool(async (args) => JSON.stringify(relationshipsQuery((await load()).relationships, turn, args)), {
      name: "query_relationships",
      description: readDescription("query_relationships"),
      schema: QueryRelationshipsArgs,
    }),
    tool((args) => write("update_state", args), { name: "update_state", description: compact.update_state, schema: UpdateStateArgs }),
    tool((args) => write("update_world", args), { name: "update_world", description: compact.update_world, schema: UpdateWorldObject }),
    tool((args) => write("create_character", args), { name: "create_character", description: compact.create_character, schema: CreateCharacterArgs }),
    tool((args) => serial(async () => JSON.stringify(await storeMemories(session, "add_memories", args))), {
      name: "add_memories",
      description: compact.add_memories,
      schema: AddMemoriesArgs,
    }),
  ];
}
