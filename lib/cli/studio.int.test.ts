import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./studio.ts";

/** The LangGraph dev server (what Studio talks to) loads langgraph.json and draws the turn graph. */
describe("LangGraph Studio dev server", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-studio-"));
  let stop: (() => void) | undefined;
  afterAll(() => {
    stop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the graph with its four nodes and plays a turn on a new thread", async () => {
    const port = await freePort(0);
    // detached: the dev server starts workers; killing the group stops only what this test started.
    const child = spawn("npx", ["langgraphjs", "dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser", "--no-reload"], {
      env: { ...process.env, QS_DATA_DIR: dataDir, LANGSMITH_TRACING: "false", LANGGRAPH_CLI_NO_ANALYTICS: "1" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    stop = () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    };
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    let assistants: Array<{ assistant_id: string; graph_id: string }> = [];
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${base}/assistants/search`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ graph_id: "turn", limit: 10 }),
        });
        if (res.ok) {
          assistants = await res.json();
          if (assistants.length > 0) break;
        }
      } catch {
        // not up yet
      }
      if (child.exitCode !== null) throw new Error(`dev server exited:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(assistants.length, output).toBeGreaterThan(0);
    const graph = await (await fetch(`${base}/assistants/${assistants[0].assistant_id}/graph`)).json();
    const ids = (graph.nodes as Array<{ id: string }>).map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(["__start__", "readTools", "narrate", "writeTools", "confirm", "__end__"]));
    const edges = (graph.edges as Array<{ source: string; target: string }>).map((e) => `${e.source}->${e.target}`);
    expect(edges).toEqual(
      expect.arrayContaining(["__start__->readTools", "readTools->narrate", "narrate->writeTools", "writeTools->confirm", "confirm->__end__"]),
    );

    // A new Studio thread plays a turn of the configured scenario with the offline storyteller.
    const post = async (route: string, body: unknown) =>
      (await fetch(`${base}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
    const thread = await post("/threads", {});
    const state = await post(`/threads/${thread.thread_id}/runs/wait`, {
      assistant_id: "turn",
      input: { input: "I share my water with Tomas Reed." },
      config: { configurable: { promptVariant: "verbose" } },
    });
    expect(state.turn, JSON.stringify(state).slice(0, 500)).toBe(1);
    expect(state.sessionId).toMatch(/^ses_[a-z2-7]{20}$/);
    expect(state.narrative.length).toBeGreaterThan(100);
    expect(state.history[0].metrics.model).toBe("offline storyteller (deterministic, not an LLM)");
  });
});
