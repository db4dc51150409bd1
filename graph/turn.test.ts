import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnv } from "../lib/config/env.ts";
import { silentLogger } from "../lib/config/logger.ts";
import { loadBundledScenario } from "../lib/scenarios/catalog.ts";
import { newSessionId } from "../lib/common/sessionIds.ts";
import { initialStateFor } from "./initialState.ts";
import { createRuntime } from "./runtime.ts";
import type { TurnStateType } from "./state.ts";
import { builder, graph } from "./turn.ts";

/** The turn graph on its own: offline storyteller, in-memory checkpoints, a temporary data folder. */
describe("turn graph", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-graph-"));
  const runtime = createRuntime(loadEnv({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "0" }), silentLogger);
  afterAll(async () => {
    await runtime.memory.closeAll();
    runtime.enrichment?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is wired START → readTools → narrate → writeTools → confirm → END and named", () => {
    const drawn = graph.getGraph();
    expect(Object.keys(drawn.nodes).sort()).toEqual(["__end__", "__start__", "confirm", "narrate", "readTools", "writeTools"]);
    expect(drawn.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(
      ["__start__->readTools", "confirm->__end__", "narrate->writeTools", "readTools->narrate", "writeTools->confirm"].sort(),
    );
    expect(graph.name).toBe("QuietStories turn");
  });

  it("plays turns that read through the cache, write in batches and commit once", async () => {
    const app = builder.compile({ checkpointer: new MemorySaver() });
    const id = newSessionId();
    const config = { configurable: { thread_id: id, runtime } };
    await app.updateState(config, initialStateFor("frontier-caravan", loadBundledScenario("frontier-caravan")), "confirm");

    const first = (await app.invoke({ input: "I share my water with Tomas Reed." }, config)) as TurnStateType;
    expect(first.turn).toBe(1);
    const m1 = first.history[0].metrics;
    expect(m1.llm_calls).toBe(2);
    expect(m1.tool_calls).toBeLessThanOrEqual(6);
    expect(m1.cache_hits).toBe(0);
    expect(first.story.player).toMatchObject({ water: 2 });
    expect(Object.values(first.relationships.edges)).toEqual([expect.objectContaining({ from: "tomas", to: "mara", type: "trust" })]);

    const second = (await app.invoke({ input: "I look at the horizon." }, config)) as TurnStateType;
    const reads = second.history[1].tool_calls.filter((c) => c.phase === "read");
    // Unchanged top-level paths come from the cache; "player" was written in turn 1, so it is read again.
    expect(reads.filter((c) => c.cached).map((c) => c.args)).toEqual(
      expect.arrayContaining([{ paths: ["inventory"] }, { paths: ["flags"] }, { paths: ["caravan"] }]),
    );
    const fresh = reads.find((c) => c.name === "read_state" && !c.cached);
    expect(fresh?.args).toEqual({ paths: ["player"] });
    expect(second.history[1].metrics.cache_hits).toBeGreaterThanOrEqual(3);
    expect(second.history).toHaveLength(2);
  });

  it("refuses a run with no action or unknown keys instead of replaying the last turn, and takes chat messages", async () => {
    const app = builder.compile({ checkpointer: new MemorySaver() });
    const id = newSessionId();
    const config = { configurable: { thread_id: id, runtime } };
    await app.updateState(config, initialStateFor("frontier-caravan", loadBundledScenario("frontier-caravan")), "confirm");
    await app.invoke({ input: "I share my water with Tomas Reed." }, config);

    await expect(app.invoke({}, config)).rejects.toThrow(/no player action/);
    await expect(app.invoke({ messages: [] }, config)).rejects.toThrow(/no player action/);
    await expect(app.invoke({ foo: 1 } as never, config)).rejects.toThrow(/foo|Unrecognized/);
    expect(((await app.getState(config)).values as TurnStateType).turn).toBe(1);

    const chat = (await app.invoke({ messages: [{ role: "user", content: "I look at the horizon." }] }, config)) as TurnStateType;
    expect(chat.turn).toBe(2);
    expect(chat.history[1].input).toBe("I look at the horizon.");
    expect(chat.messages.map((m) => m.getType())).toEqual(["human", "ai"]);
    expect(chat.messages[1].content).toBe(chat.history[1].narrative);
  });
});
