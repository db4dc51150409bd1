import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../common/freePort.ts";

/**
 * The LangGraph dev server (what Studio and @langchain/langgraph-sdk talk to) loads langgraph.json,
 * describes the turn graph and plays turns on its own threads, in its own data folder.
 */
describe("LangGraph dev server with @langchain/langgraph-sdk", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "qs-studio-"));
  const dataDir = path.join(tmp, "data");
  const studioDir = path.join(tmp, "data-studio");
  let stop: (() => void) | undefined;
  let client: Client;
  let assistantId = "";
  let output = "";

  beforeAll(async () => {
    const port = await freePort(0);
    // detached: the dev server starts workers; killing the group stops only what this test started.
    const child = spawn("npx", ["langgraphjs", "dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser", "--no-reload"], {
      env: { ...process.env, QS_DATA_DIR: dataDir, QS_STUDIO_DATA_DIR: studioDir, QS_MODEL_PROVIDER: "offline", LANGSMITH_TRACING: "false", LANGGRAPH_CLI_NO_ANALYTICS: "1" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    stop = () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    };
    client = new Client({ apiUrl: `http://127.0.0.1:${port}` });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && !assistantId) {
      if (child.exitCode !== null) throw new Error(`dev server exited:\n${output}`);
      assistantId = (await client.assistants.search({ graphId: "turn", limit: 1 }).catch(() => []))[0]?.assistant_id ?? "";
      if (!assistantId) await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);

  afterAll(() => {
    stop?.();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("draws the graph with its four nodes", async () => {
    expect(assistantId, output).not.toBe("");
    const graph = await client.assistants.getGraph(assistantId);
    expect(graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(["__start__", "readTools", "narrate", "writeTools", "confirm", "__end__"]));
    expect(graph.edges.map((e) => `${e.source}->${e.target}`)).toEqual(
      expect.arrayContaining(["__start__->readTools", "readTools->narrate", "narrate->writeTools", "writeTools->confirm", "confirm->__end__"]),
    );
  });

  it("publishes input, output, state and config schemas: a generic client sees that a turn takes {input} or {messages}", async () => {
    const schemas = await client.assistants.getSchemas(assistantId);
    const props = (s: unknown) => Object.keys((s as { properties?: object } | null)?.properties ?? {});
    expect(props(schemas.input_schema).sort()).toEqual(["input", "messages"]);
    expect(props(schemas.output_schema)).toEqual(expect.arrayContaining(["turn", "narrative", "messages", "world", "story"]));
    expect(props(schemas.state_schema)).toEqual(expect.arrayContaining(["scenario", "world", "story", "entities", "relationships", "turn", "history"]));
    expect(props(schemas.config_schema)).toEqual(expect.arrayContaining(["promptVariant", "maxToolCalls", "scenario"]));
  });

  it("plays a turn on a new thread in the Studio data folder, never in the server's", async () => {
    const thread = await client.threads.create();
    const state = (await client.runs.wait(thread.thread_id, assistantId, {
      input: { input: "I share my water with Tomas Reed." },
      config: { configurable: { promptVariant: "verbose" } },
    })) as { turn: number; narrative: string; history: Array<{ metrics: { model: string } }> };
    expect(state.turn, JSON.stringify(state).slice(0, 500)).toBe(1);
    expect(state.narrative.length).toBeGreaterThan(100);
    expect(state.history[0].metrics.model).toBe("offline storyteller (deterministic, not an LLM)");
    // The thread id names the session's folder, in the Studio data folder only.
    expect(readdirSync(path.join(studioDir, "sessions"))).toContain(thread.thread_id);
    expect(existsSync(path.join(dataDir, "sessions"))).toBe(false);
  });

  it("refuses a run without an action or with unknown keys (no replay), and plays chat messages", async () => {
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, assistantId, { input: { input: "I share my water with Tomas Reed." } });
    const turnNow = async () => ((await client.threads.getState(thread.thread_id)).values as { turn: number }).turn;

    for (const input of [{}, { messages: [] }, { foo: "bar" }]) {
      const run = await client.runs.create(thread.thread_id, assistantId, { input });
      await client.runs.join(thread.thread_id, run.run_id);
      const finished = await client.runs.get(thread.thread_id, run.run_id);
      expect(finished.status, JSON.stringify(input)).toBe("error");
      expect(await turnNow()).toBe(1);
    }

    const chat = (await client.runs.wait(thread.thread_id, assistantId, {
      input: { messages: [{ type: "human", content: "I look at the horizon." }] },
    })) as { turn: number; messages: Array<{ type: string; content: string }>; history: Array<{ input: string }> };
    expect(chat.turn).toBe(2);
    expect(chat.history[1].input).toBe("I look at the horizon.");
    expect(chat.messages.map((m) => m.type)).toEqual(["human", "ai"]);
  });
});
