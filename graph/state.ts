import { coerceMessageLikeToMessage, type BaseMessage, type BaseMessageLike } from "@langchain/core/messages";
import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { registry, type UpdateType } from "@langchain/langgraph/zod";
import { z } from "zod";
import { JsonSchema, type JsonObject } from "../lib/common/json.ts";
import { MAX_INPUT_CHARS } from "../lib/common/limits.ts";
import { emptyGraph, reduceRelationships } from "../lib/relationships/graph.ts";
import type { RelationshipGraph, RelationshipGraphUpdate } from "../lib/relationships/types.ts";
import { LoreEntrySchema } from "../lib/scenarios/lorebook.ts";
import { EntitySchema } from "../lib/scenarios/schema.ts";
import type { TurnContext } from "../lib/tools/context.ts";
import type { WriteDraft } from "../lib/tools/draft.ts";
import type { ReadCache } from "../lib/tools/readCache.ts";
import type { RequestedToolCall, ToolCallRecord } from "../lib/tools/records.ts";
import { emptyCounters, type TurnCounters, type TurnRecord } from "./records.ts";

// Zod's JIT compiles a parser (`new Function`) on the first parse of each new object schema. LangGraph
// builds a fresh partial of a Zod state schema on every node return to validate the update, so the
// compiled parser is used once and thrown away (0.3 ms to ~10 ms of synchronous work per node return
// in the hostile lane's profiles). The server's graph validates per key now (TurnStateSchema below);
// the Studio graph still builds partials. Without JIT every parse is interpreted (our payloads are small).
z.config({ jitless: true });

/**
 * The turn's state as Zod schemas registered with LangGraph: the same reducers as before, and a
 * JSON schema for LangGraph clients (`GET /assistants/{id}/schemas` lists state, input and output).
 */

/** A channel that the newest write replaces; `initial` until the first write. */
function value<T>(schema: z.ZodType<T>, initial: () => T) {
  return schema.register(registry, { reducer: { fn: (_old: T, next: T) => next }, default: initial });
}

/** Engine-internal values: typed for the code, shown to clients as free JSON. */
const internal = <T>(description: string) => z.any().describe(description) as unknown as z.ZodType<T>;

/** The scenario facts a session keeps: they never change after creation. */
export const ScenarioInfoSchema = z.object({
  /** Bundled scenario name, or "inline" for a pasted one. */
  name: z.string(),
  title: z.string(),
  premise: z.string(),
  player_id: z.string(),
  /** The opening narrative shown as turn 0 (a scenario's chosen greeting). */
  opening: z.string().optional(),
  /** Scenario notes the narrator sees every turn (e.g. a character card's system prompt). */
  notes: z.array(z.string()).optional(),
  /** World facts brought into a turn by key match (this session's own copy). */
  lorebook: z.array(LoreEntrySchema).optional(),
  /** Provenance kept with the story (a character card's creator, tags, extensions, raw fields). */
  metadata: z.record(z.string(), JsonSchema).optional(),
});
export type ScenarioInfo = z.infer<typeof ScenarioInfoSchema>;

const JsonObjectSchema = z.record(z.string(), JsonSchema) as z.ZodType<JsonObject>;

/** Chat messages as LangGraph clients send them (`{type|role, content}`); coerced to messages. */
const MessagesSchema = z.array(z.any()).describe("Chat messages; the last human one is the player's action") as unknown as z.ZodType<BaseMessage[], BaseMessageLike[]>;

/** How many committed turns the checkpoint keeps (the rest is in the transcript store). */
export const RECENT_TURNS = 3;

/** The history reducer: appends, then keeps the newest RECENT_TURNS (an empty update just trims). */
export function keepRecent(old: TurnRecord[], added: TurnRecord[]): TurnRecord[] {
  return old.concat(added).slice(-RECENT_TURNS);
}

const channels = {
  input: value(z.string().max(MAX_INPUT_CHARS).describe("What the player does this turn"), () => ""),
  messages: MessagesSchema.register(registry, {
    reducer: { fn: (_old: BaseMessage[], next: BaseMessageLike[]) => next.map((m) => coerceMessageLikeToMessage(m)), schema: MessagesSchema },
    default: () => [],
    jsonSchemaExtra: { langgraph_type: "messages" },
  }),
};

/**
 * The checkpointed state of one session; the session id is the thread id. The first group is the
 * committed story: only the confirm node changes it, in one update, so a failed turn leaves it
 * as the last finished turn left it. The last group is scratch space of the turn in flight.
 */
export const TurnState = z.object({
  // --- committed story ---
  /** Which scenario this session plays (title, premise, player). */
  scenario: value<ScenarioInfo>(ScenarioInfoSchema, () => ({ name: "", title: "", premise: "", player_id: "" })),
  /** World conditions (time, weather, location, ...): free keys. */
  world: value<JsonObject>(JsonObjectSchema, () => ({})),
  /** Story state (player stats, inventory, flags): free JSON, changed by update_state ops. */
  story: value<JsonObject>(JsonObjectSchema, () => ({})),
  /** The cast: characters, places, items and factions. */
  entities: value(z.array(EntitySchema), () => []),
  /** Who trusts, fears, loves or hates whom; merged by the relationship reducer. */
  relationships: internal<RelationshipGraph>("Relationship graph: directed, typed edges").register(registry, {
    reducer: { fn: reduceRelationships, schema: internal<RelationshipGraphUpdate>("Observations to merge") },
    default: emptyGraph,
  }),
  /** Number of committed turns. */
  turn: value(z.number().int(), () => 0),
  /**
   * The last RECENT_TURNS committed turns, oldest first: a constant-size window, so checkpoints do not
   * grow with the story. The whole transcript lives in the session's transcript store (lib/sessions/transcript.ts);
   * the window is also where it is repaired from after a crash between the checkpoint and the transcript row.
   */
  history: internal<TurnRecord[]>("The last few committed turns, oldest first").register(registry, {
    reducer: { fn: keepRecent, schema: internal<TurnRecord[]>("Turns to append") },
    default: () => [],
  }),
  /** Read results of the last 2 turns, invalidated by writes to the same paths. */
  readCache: value(internal<ReadCache>("Read cache"), () => ({ entries: {} })),

  // --- what a run sends (consumed by readTools, so a run without them never replays a turn) ---
  /** The player's action, as the server and `{input}` runs send it. */
  input: channels.input,
  /** Chat-style input from generic LangGraph clients: the last human message is the action. After
   * a turn it holds that exchange (the action and the narrative), as chat clients expect. */
  messages: channels.messages,

  // --- the turn in flight ---
  /** What the player does this turn (taken from `input` or `messages` by readTools). */
  action: value(z.string(), () => ""),
  /** When this turn started (epoch ms), for metrics. */
  startedAt: value(z.number(), () => 0),
  /** What the engine's reads found: state paths, world, cast, memories, relationship edges. */
  context: value(internal<TurnContext | null>("What the reads found"), () => null),
  /** The engine-run read tool calls of this turn. */
  reads: value(internal<ToolCallRecord[]>("Read tool calls"), () => []),
  /** The narrative the model streamed. */
  narrative: value(z.string(), () => ""),
  /** What the model reasoned before writing (filtered out of the narrative); kept in the turn record. */
  reasoning: value(z.string(), () => ""),
  /** Write tool calls the model asked for at the end of its narrative. */
  requestedWrites: value(internal<RequestedToolCall[]>("Requested writes"), () => []),
  /** The world as this turn's writes would leave it (committed by confirm). */
  draft: value(internal<WriteDraft | null>("Staged writes"), () => null),
  /** The write (and repair) tool calls of this turn with their results. */
  writes: value(internal<ToolCallRecord[]>("Write tool calls"), () => []),
  /** Model calls and token usage so far this turn. */
  counters: value(internal<TurnCounters>("Model calls and tokens"), emptyCounters),
});

/** What a run takes: `{input}` (the server, Studio) or `{messages}` (generic LangGraph chat clients). Unknown keys are refused. */
export const TurnInput = z.strictObject({ input: channels.input.optional(), messages: channels.messages.optional() });

/** What a run returns: the committed story after the turn, and the turn's own text. */
export const TurnOutput = TurnState.pick({
  turn: true,
  action: true,
  narrative: true,
  messages: true,
  world: true,
  story: true,
  entities: true,
  relationships: true,
  history: true,
});

export type TurnStateType = z.infer<typeof TurnState>;
export type TurnStateUpdate = UpdateType<typeof TurnState>;

type PerKeyFields = { [K in keyof TurnStateType]-?: ReducedValue<TurnStateType[K], Exclude<TurnStateUpdate[K], undefined>> };

/**
 * TurnState as a LangGraph StateSchema, for the server's graph. With a Zod state, LangGraph 1.7.3
 * builds two fresh partials of the whole schema on every node return to check the update (~0.6 ms
 * of CPU each time, docs/limits.md); a StateSchema checks each returned key with its own schema.
 * Derived field by field from TurnState and its registry entries: the same channels (same reducer
 * functions, so TurnInput/TurnOutput fit), the same update schemas (optional, as in the partial), the
 * same defaults. A StateSchema takes one default value per field and hands that same object to every
 * new channel, so object defaults are frozen: nothing may change them in place.
 * The Studio graph keeps the Zod state: LangGraph's dev server publishes no config schema and no
 * strict input for a StateSchema graph (graph/turn.ts).
 */
function perKeyState(state: typeof TurnState): StateSchema<PerKeyFields> {
  const fields = Object.entries(state.shape as Record<string, z.ZodType>).map(([key, schema]) => {
    const meta = registry.get(schema);
    if (!meta?.reducer || !meta.default) throw new Error(`turn state field "${key}" needs a reducer and a default`);
    const initial = deepFreeze(meta.default());
    const update = ((meta.reducer.schema as z.ZodType | undefined) ?? schema).optional();
    return [key, new ReducedValue(schema.default(() => initial), { inputSchema: update, reducer: meta.reducer.fn, jsonSchemaExtra: meta.jsonSchemaExtra })];
  });
  return new StateSchema(Object.fromEntries(fields) as PerKeyFields);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const TurnStateSchema = perKeyState(TurnState);
