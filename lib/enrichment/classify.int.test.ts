import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../config/env.ts";
import { startSimulatedModelServer, type Reply, type SimulatedModelServer } from "../dev/simulator/openaiServer.ts";
import type { ToolCallFormat } from "../dev/simulator/types.ts";
import { createChatModelFactory } from "../models/factory.ts";
import { classifyWithModel, EnrichmentDeclinedError } from "./classify.ts";
import type { NewEnrichmentTask } from "./queue.ts";

const task: NewEnrichmentTask = {
  session_id: "ses_aaaaaaaaaaaaaaaaaaaa", memory_id: "mem_1", entity_id: "tomas", content: "Tomas and Mara swore to hold the pass together.",
  from: "tomas", to: "mara", reason: "untyped", turn: 1,
};
const names = { tomas: "Tomas Reed", mara: "Mara Venn" };
const args = {
  edges: [{ from: "tomas", to: "mara", type: "alliance", sentiment: 0.7 }, { from: "Mara Venn", to: "tomas", type: "alliance", sentiment: 0.7 }],
  confidence: 0.8,
  reason: "a sworn pact",
};
const both = [{ from: "tomas", to: "mara", type: "alliance", sentiment: 0.7 }, { from: "mara", to: "tomas", type: "alliance", sentiment: 0.7 }];

/** The enrichment call through the real ChatOpenAI client, against the reply shapes of real servers. */
describe("classifyWithModel against real servers' reply shapes", () => {
  let sim: SimulatedModelServer;
  let reply: Reply;
  const classify = () => classifyWithModel(createChatModelFactory(loadEnv(sim.modelEnv)).create({ sessionId: "eval", turn: 1 }), task, names);
  beforeAll(async () => {
    sim = await startSimulatedModelServer();
    sim.setScript(async () => reply);
  });
  afterAll(async () => sim?.close());

  it("reads a native tool call, reasoning before it or not", async () => {
    reply = { toolCalls: [{ name: "classify_relationship", args }] };
    expect((await classify()).edges).toEqual(both);
    reply = { reasoning: "They swore an oath: allies both ways.", toolCalls: [{ name: "classify_relationship", args }] };
    expect((await classify()).edges).toEqual(both);
  });

  it.each(["hermes_text", "llama_text", "mistral_text", "python_tag_text"] as const)("reads a call a server left as %s in the content, think tags around it", async (format: ToolCallFormat) => {
    reply = { reasoning: "Mutual oath.", toolCallFormat: format, toolCalls: [{ name: "classify_relationship", args }] };
    expect(await classify()).toEqual({ ...args, edges: both });
  });

  it("reads edges sent as a JSON string of the list, or as one edge object", async () => {
    reply = { toolCalls: [{ name: "classify_relationship", args: { ...args, edges: JSON.stringify(args.edges) } }] };
    expect((await classify()).edges).toEqual(both);
    reply = { toolCalls: [{ name: "classify_relationship", args: { ...args, edges: args.edges[0] } }] };
    expect((await classify()).edges).toEqual([both[0]]);
    reply = { toolCalls: [{ name: "classify_relationship", args: { ...args, edges: "[{from: tomas" } }] };
    await expect(classify()).rejects.toThrow(/invalid classification: edges/);
  });

  it("prose alone is a declined answer (permanent); reasoning alone, or a broken text call, is a failed attempt (retried)", async () => {
    reply = { reasoning: "Hmm.", content: "I would rather not label people." };
    await expect(classify()).rejects.toBeInstanceOf(EnrichmentDeclinedError);
    reply = { reasoning: "Hmm, let me think about it some more." };
    const silent = await classify().catch((e: unknown) => e);
    expect(silent).not.toBeInstanceOf(EnrichmentDeclinedError);
    expect(String(silent)).toMatch(/did not call classify_relationship/);
    reply = { content: '<tool_call>\n{"name": "classify_relationship", "arguments": {"edges": [}\n</tool_call>' };
    const broken = await classify().catch((e: unknown) => e);
    expect(broken).not.toBeInstanceOf(EnrichmentDeclinedError);
    expect(String(broken)).toMatch(/invalid classification written as text: .*not valid JSON/);
  });
});
