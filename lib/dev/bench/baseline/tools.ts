import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import type { TurnStateType } from "../../../../graph/state.ts";
import { narratorPrompt } from "../../../prompts/narrator.ts";
import { observationsFromExtraction } from "../../../relationships/graph.ts";
import type { StoryEngine } from "../../../sessions/engine.ts";
import { draftFrom, type WriteDraft } from "../../../tools/draft.ts";
import { readState, readWorld, relationshipsQuery, searchMemories, toContextMemory } from "../../../tools/reads.ts";
import { AddMemoryArgs, CreateCharacterArgs, QueryRelationshipsArgs, SearchMemoriesArgs, UpdateStateArgs } from "../../../tools/schemas.ts";
import { runWrite } from "../../../tools/writes.ts";
import { JsonSchema } from "../../../common/json.ts";

/** The session a baseline turn plays on: the engine's own checkpointed state and memory pool. */
export interface BaselineSession {
  engine: StoryEngine;
  sessionId: string;
  /** The turn being played (committed turns + 1). */
  turn: number;
}

const verbose = narratorPrompt("verbose").toolDescriptions;

/** Long, example-laden descriptions in the verbose prompt's style (the baseline sends the long prompt). */
const DESCRIPTIONS = {
  read_state: `Read ONE value of the story state (player stats, inventory, flags, counters and any other story values) at a dot path such as player, player.coins, inventory or flags. Call it once per path you need before writing the narrative, so that you never contradict the saved story; the value is returned as JSON, or null when the path does not exist. Example: {"path": "player"}.`,
  read_world: `Read the world conditions (time of day, weather, the player's location, danger and any other world key) and the cast: every character, place, item and faction with its id, name, type and background. Call it when you need to know where the scene is or who is present. Takes no arguments.`,
  search_memories: `Search the memories the characters hold (written by you in earlier turns) by meaning. Pass a query in plain words, optionally an entity_id to search one character's memories only, a scope (event, relationship, belief, goal, location, general or emotion) and k, the number of results (default 6). Results are the closest memories first, each with its holder, scope and content. Example: {"query": "who shared water with Tomas", "k": 6}.`,
  query_relationships: `Look up the relationship edges between characters: who trusts, fears, loves, hates, respects or resents whom, with a signed sentiment and a strength. Pass entity_id to get the edges touching one character, optionally a type and min_strength. Strongest edges come first. Example: {"entity_id": "tomas"}.`,
  add_memory: `Store ONE memory for one character: entity_id (the id of the character who holds the memory, from the cast list), content (one or two sentences), scope (event, relationship, belief, goal, location, general or emotion) and optionally visibility (private or public), importance (0 to 1) and related_entities (ids). Call it once per memory. Store an event memory for each character who took part in the scene; when feelings between characters change, store a relationship memory that names both characters by name and is held by the character who has the feeling, for example "Tomas now counts on Mara after she shared her water".`,
} as const;

const ReadStateOne = z.strictObject({ path: z.string().min(1).max(200) });
const SearchWithoutRelationships = SearchMemoriesArgs.omit({ include_relationships: true });
/** update_world takes the world keys themselves; runWrite validates them with UpdateWorldArgs. */
const UpdateWorldObject = z.object({}).catchall(JsonSchema);

/** Applies one write with the product's validation, then saves its result as a new checkpoint. */
export async function writeToCheckpoint(session: BaselineSession, name: string, args: unknown): Promise<{ draft: WriteDraft; result: unknown }> {
  const config = { configurable: { thread_id: session.sessionId } };
  const run = runWrite(name, args, draftFrom((await session.engine.app.getState(config)).values as TurnStateType));
  if (!run.ok) throw new Error(run.error);
  await session.engine.app.updateState(config, { story: run.draft.story, world: run.draft.world, entities: run.draft.entities }, "confirm");
  return { draft: run.draft, result: run.result };
}

/**
 * The weak ReAct baseline's tools for one session and turn: unbatched (read_state reads one path,
 * add_memory stores one memory), uncached (every read loads the checkpoint again), and
 * search_memories without relationships. Writes go straight to the session's checkpointed state
 * (one `updateState` per call) and memories to the session's own hnswlib store, one per call.
 */
export function createWeakTools(session: BaselineSession): StructuredToolInterface[] {
  const { engine, sessionId, turn } = session;
  const load = async (): Promise<TurnStateType> => (await engine.app.getState({ configurable: { thread_id: sessionId } })).values as TurnStateType;

  const write = (name: string, args: unknown) => writeToCheckpoint(session, name, args);

  return [
    tool(async ({ path }) => JSON.stringify(readState((await load()).story, [path])), {
      name: "read_state",
      description: DESCRIPTIONS.read_state,
      schema: ReadStateOne,
    }),
    tool(async () => {
      const s = await load();
      return JSON.stringify(readWorld(s.world, s.entities));
    }, { name: "read_world", description: DESCRIPTIONS.read_world, schema: z.object({}) }),
    tool(async (args) => {
      const s = await load();
      const found = await searchMemories(engine.runtime.memory, sessionId, s.relationships, turn, { ...args, include_relationships: false });
      return JSON.stringify(found.hits.map(toContextMemory));
    }, { name: "search_memories", description: DESCRIPTIONS.search_memories, schema: SearchWithoutRelationships }),
    tool(async (args) => JSON.stringify(relationshipsQuery((await load()).relationships, turn, args)), {
      name: "query_relationships",
      description: DESCRIPTIONS.query_relationships,
      schema: QueryRelationshipsArgs,
    }),
    tool(async (args) => JSON.stringify((await write("update_state", args)).result), {
      name: "update_state",
      description: verbose.update_state,
      schema: UpdateStateArgs,
    }),
    tool(async (args) => JSON.stringify((await write("update_world", args)).result), {
      name: "update_world",
      description: verbose.update_world,
      schema: UpdateWorldObject,
    }),
    tool(async (args) => JSON.stringify((await write("create_character", args)).result), {
      name: "create_character",
      description: verbose.create_character,
      schema: CreateCharacterArgs,
    }),
    tool(async (args) => JSON.stringify(await storeMemories(session, "add_memory", args)), {
      name: "add_memory",
      description: DESCRIPTIONS.add_memory,
      schema: AddMemoryArgs,
    }),
  ];
}

/**
 * Stores memories in the session's hnswlib store (one embedding batch, transaction and index save
 * per call) and records the relationships they express in the checkpointed relationship graph.
 */
export async function storeMemories(session: BaselineSession, name: "add_memory" | "add_memories", args: unknown): Promise<unknown> {
  const { engine, sessionId, turn } = session;
  const config = { configurable: { thread_id: sessionId } };
  const state = (await engine.app.getState(config)).values as TurnStateType;
  const run = runWrite(name, args, draftFrom(state));
  if (!run.ok) throw new Error(run.error);
  const stored = await engine.runtime.memory.use(sessionId, (store) => store.add(run.draft.memories, { turn }));
  const at = new Date().toISOString();
  const observations = run.draft.relationships.flatMap(({ memoryIndex, relationship }) => {
    const memory = stored[memoryIndex];
    return memory ? observationsFromExtraction([relationship], memory.id, turn, at) : [];
  });
  if (observations.length > 0) await engine.app.updateState(config, { relationships: observations }, "confirm");
  return { ...(run.result as object), ids: stored.map((m) => m.id) };
}
