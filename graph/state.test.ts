import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { MAX_INPUT_CHARS } from "../lib/common/limits.ts";
import { loadBundledScenario } from "../lib/scenarios/catalog.ts";
import { newSessionId } from "../lib/common/sessionIds.ts";
import { initialStateFor } from "./initialState.ts";
import { TurnState, TurnStateSchema, type TurnStateType } from "./state.ts";
import { builder, graph } from "./turn.ts";

interface ChannelLike {
  operator?: unknown;
  initialValueFactory?: () => unknown;
}

/**
 * The server's graph (state as a LangGraph StateSchema, checked key by key) and the Studio graph
 * (the Zod TurnState) must be the same machine: same channels, reducers, defaults and checks.
 */
describe("turn state: the server's StateSchema and Studio's Zod state", () => {
  const server = builder.compile({ checkpointer: new MemorySaver() });
  const studio = graph;
  const keys = Object.keys(TurnState.shape);

  it("have the same channels, reducer functions and default values", () => {
    expect(TurnStateSchema.getChannelKeys()).toEqual(keys);
    for (const key of keys) {
      const a = server.channels[key] as unknown as ChannelLike;
      const b = studio.channels[key] as unknown as ChannelLike;
      expect(a.constructor, key).toBe(b.constructor);
      expect(a.operator, key).toBe(b.operator);
      expect(a.initialValueFactory?.(), key).toEqual(b.initialValueFactory?.());
    }
  });

  it("shares one default object per field between channels, frozen so that nobody changes it in place", () => {
    const history = (server.channels.history as unknown as ChannelLike).initialValueFactory!() as unknown[];
    expect(Object.isFrozen(history)).toBe(true);
    expect(() => history.push(1)).toThrow(TypeError);
    const cache = (server.channels.readCache as unknown as ChannelLike).initialValueFactory!() as { entries: object };
    expect(Object.isFrozen(cache.entries)).toBe(true);
  });

  it("draw the same nodes and edges", () => {
    const edges = (g: ReturnType<typeof server.getGraph>) => g.edges.map((e) => `${e.source}->${e.target}`).sort();
    expect(Object.keys(server.getGraph().nodes).sort()).toEqual(Object.keys(studio.getGraph().nodes).sort());
    expect(edges(server.getGraph())).toEqual(edges(studio.getGraph()));
  });

  it.each([
    ["server", () => builder.compile({ checkpointer: new MemorySaver() })],
    ["Studio", () => graph.builder.compile({ checkpointer: new MemorySaver() })],
  ])("%s graph: a node update is parsed with the field's schema, and a bad one is refused", async (_name, compile) => {
    const app = compile();
    const config = { configurable: { thread_id: newSessionId() } };
    await app.updateState(config, { entities: [{ id: "mara", name: "Mara", type: "character" }], turn: 2 }, "confirm");
    const values = (await app.getState(config)).values as TurnStateType;
    // EntitySchema's default is filled in: the update went through the schema, not only past it.
    expect(values.entities).toEqual([{ id: "mara", name: "Mara", type: "character", background: "" }]);
    expect(values.turn).toBe(2);
    expect(values.history).toEqual([]);
    await expect(app.updateState(config, { entities: [{ id: "Not A Slug", name: "X", type: "character" }] }, "confirm")).rejects.toThrow(/lowercase slugs/);
    await expect(app.updateState(config, { turn: 1.5 }, "confirm")).rejects.toThrow();
    expect(((await app.getState(config)).values as TurnStateType).turn).toBe(2);
  });

  it("write the same checkpoint for a new session, and each reads the other's", async () => {
    const start = initialStateFor("frontier-caravan", loadBundledScenario("frontier-caravan"));
    const written = await Promise.all([builder, graph.builder].map(async (b) => {
      const saver = new MemorySaver();
      const config = { configurable: { thread_id: "same-thread" } };
      await b.compile({ checkpointer: saver }).updateState(config, start, "confirm");
      const tuple = await saver.getTuple(config);
      return { saver, config, values: tuple?.checkpoint.channel_values, versions: Object.keys(tuple?.checkpoint.channel_versions ?? {}).sort() };
    }));
    expect(written[0].values).toEqual(written[1].values);
    expect(written[0].versions).toEqual(written[1].versions);
    const [fromServer, fromStudio] = written;
    const readByStudio = await graph.builder.compile({ checkpointer: fromServer.saver }).getState(fromServer.config);
    const readByServer = await builder.compile({ checkpointer: fromStudio.saver }).getState(fromStudio.config);
    expect(readByStudio.values).toEqual(readByServer.values);
    expect((readByServer.values as TurnStateType).scenario.name).toBe("frontier-caravan");
  });

  it("refuses a run whose input is longer than MAX_INPUT_CHARS before any node runs", async () => {
    const config = { configurable: { thread_id: newSessionId() } };
    await expect(server.invoke({ input: "x".repeat(MAX_INPUT_CHARS + 1) }, config)).rejects.toThrow(/2000|too_big|Too big/i);
    expect((await server.getState(config)).values).toEqual({});
  });
});
