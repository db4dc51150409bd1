import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../graph/configuration.ts";
import { emitToolEvent, engineCallId } from "../graph/events.ts";
import { emptyCounters } from "../graph/records.ts";
import { getRuntime, sessionIdOf } from "../graph/runtime.ts";
import { storyForTurn } from "../graph/studioThread.ts";
import { playerAction } from "../graph/turnInput.ts";
import type { TurnStateType, TurnStateUpdate } from "../graph/state.ts";
import type { TurnContext } from "../lib/tools/context.ts";
import { loreMemories, loreScanText, turnNotes } from "../lib/tools/lore.ts";
import { findMentionedEntities } from "../lib/relationships/mentionedEntities.ts";
import { cacheLookup, cacheStore, pruneCache, stateKey, WORLD_KEY, type ReadCache } from "../lib/tools/readCache.ts";
import { hybridRecallOf, readState, readWorld, searchMemories, toContextMemory, type HybridRecall } from "../lib/tools/reads.ts";
import { buildRecallQuery } from "../lib/tools/recallQuery.ts";
import type { Json } from "../lib/common/json.ts";
import { countToolCalls, type ToolCallRecord } from "../lib/tools/records.ts";

/**
 * The engine runs the read tools itself, before the model writes a word: story state (through
 * the session's read cache), the world and cast, and a memory search with relationship edges.
 */
export async function readTools(state: TurnStateType, config: LangGraphRunnableConfig): Promise<TurnStateUpdate> {
  const startedAt = Date.now();
  const cfg = ensureConfiguration(config);
  const runtime = getRuntime(config);
  const sessionId = sessionIdOf(config);
  const action = playerAction(state);
  const { state: s, started } = storyForTurn(state, config, cfg.scenario);

  const turn = s.turn + 1;
  const records: ToolCallRecord[] = [];
  let cache: ReadCache = pruneCache(s.readCache, turn);
  const budget = () => cfg.maxToolCalls - countToolCalls(records).tool_calls;
  const record = (r: Omit<ToolCallRecord, "id" | "phase">) => {
    const full: ToolCallRecord = { id: engineCallId("read"), phase: "read", ...r };
    records.push(full);
    emitToolEvent(config, full);
  };

  // read_state: every top-level key of the story state, one batched call for the cache misses.
  const paths = Object.keys(s.story);
  const values: Record<string, Json | null> = {};
  const misses: string[] = [];
  for (const p of paths) {
    const hit = cacheLookup(cache, stateKey(p), turn);
    if (hit) {
      values[p] = hit.value;
      record({ name: "read_state", args: { paths: [p] }, ok: true, result: { [p]: hit.value }, cached: true, ms: 0 });
    } else misses.push(p);
  }
  if (misses.length > 0 && budget() > 0) {
    const t = performance.now();
    const read = readState(s.story, misses);
    for (const [p, v] of Object.entries(read)) {
      values[p] = v;
      cache = cacheStore(cache, stateKey(p), v, turn);
    }
    record({ name: "read_state", args: { paths: misses }, ok: true, result: read, ms: ms(t) });
  }

  // read_world: world conditions and the cast, cached until a write changes either.
  let worldView = cacheLookup(cache, WORLD_KEY, turn)?.value as ReturnType<typeof readWorld> | undefined;
  if (worldView) {
    record({ name: "read_world", args: {}, ok: true, result: { cached: true }, cached: true, ms: 0 });
  } else {
    const t = performance.now();
    worldView = readWorld(s.world, s.entities);
    cache = cacheStore(cache, WORLD_KEY, worldView as unknown as Json, turn);
    record({ name: "read_world", args: {}, ok: true, result: { world_keys: Object.keys(s.world).length, cast: s.entities.length }, ms: ms(t) });
  }

  // search_memories with relationship edges: the query is built from the input, the recent turns
  // and the names they mention (lib/tools/recallQuery.ts); hybrid adds the keyword side.
  const mentioned = findMentionedEntities(action, s.entities);
  const player = s.entities.find((e) => e.id === s.scenario.player_id);
  let memories: TurnContext["memories"] = [];
  let relationships: TurnContext["relationships"] = [];
  if (cfg.memoryK > 0 && budget() > 0) {
    const t = performance.now();
    const isHybrid = cfg.memoryRetrieval === "hybrid";
    const built = buildRecallQuery({ action, recentInputs: s.history.map((h) => h.input), entities: s.entities, playerId: s.scenario.player_id, mentioned });
    const names = s.entities.filter((e) => mentioned.includes(e.id)).map((e) => e.name);
    const args = { query: (isHybrid ? built.text : [action, ...names].join(" ")).slice(0, 2000), k: cfg.memoryK, include_relationships: true };
    const hybrid: HybridRecall | undefined = isHybrid ? hybridRecallOf(built, s.entities, turn) : undefined;
    try {
      const found = await searchMemories(runtime.memory, sessionId, s.relationships, turn, args, [...new Set([...mentioned, ...built.carried, s.scenario.player_id])], hybrid); // built.focus ⊆ mentioned
      memories = found.hits.map(toContextMemory);
      relationships = found.relationships;
      record({ name: "search_memories", args, ok: true, result: { memories: memories.length, edges: relationships.length, retrieval: cfg.memoryRetrieval }, ms: ms(t) });
    } catch (error) {
      // A broken memory index must not cost the player the turn: narrate without memories.
      runtime.logger.warn({ err: error, sessionId }, "search_memories failed");
      record({ name: "search_memories", args, ok: false, error: (error as Error).message, ms: ms(t) });
    }
  }

  // Lorebook entries whose keys the action or the recent narrative names join the memories.
  const recent = (s.history ?? []).slice(-2).map((h) => h.narrative);
  const lore = loreMemories(s.scenario.lorebook, loreScanText(action, recent, s.scenario.opening, turn));
  const notes = turnNotes(s.scenario, turn);

  const context: TurnContext = {
    turn,
    player: { id: s.scenario.player_id, name: player?.name ?? s.scenario.player_id },
    state: values,
    world: worldView.world,
    cast: worldView.cast,
    mentioned,
    memories: lore.length > 0 ? [...lore, ...memories] : memories,
    relationships,
    ...(notes.length > 0 ? { notes } : {}),
  };
  return {
    ...started,
    input: "",
    messages: [],
    action,
    startedAt,
    context,
    reads: records,
    readCache: cache,
    narrative: "",
    requestedWrites: [],
    draft: null,
    writes: [],
    counters: emptyCounters(),
  };
}

const ms = (t: number) => Math.round((performance.now() - t) * 100) / 100;
