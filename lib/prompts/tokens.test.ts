import { describe, expect, it } from "vitest";
import type { PromptVariant } from "./variants.ts";
import { WRITE_TOOLS } from "../tools/writes.ts";
import { narratorPrompt } from "./narrator.ts";
import { SAMPLE_INPUT, sampleTurnContext } from "./sampleContext.ts";
import { selectContext } from "./selectContext.ts";
import { countTokens } from "../common/tokens.ts";
import { TOOL_SCHEMA_TARGET, tokenReport, toolsJsonAsSent } from "./tokenReport.ts";
import { writeToolSpecs } from "./toolSpecs.ts";
import { renderEdge, renderMemory } from "./turnMessage.ts";
import { PROMPT_VARIANTS } from "./variants.ts";

const report = tokenReport(sampleTurnContext(), SAMPLE_INPUT, 600);
const row = (v: PromptVariant) => report.rows.find((r) => r.variant === v)!;

describe("narrator prompt token budget", () => {
  it("verbose is the ~3,000-token baseline (system + tool descriptions)", () => {
    expect(row("verbose").prompt).toBeGreaterThan(2500);
    expect(row("verbose").prompt).toBeLessThan(3600);
  });

  it("compact stays within 2,000 tokens and is at least 33% smaller than verbose", () => {
    expect(row("compact").prompt).toBeLessThanOrEqual(2000);
    expect(report.promptReduction).toBeGreaterThanOrEqual(0.33);
    // README publishes -84%: a prompt edit that loses most of that saving must update the README.
    expect(report.promptReduction).toBeGreaterThanOrEqual(0.8);
  });

  it("compact is also smaller in the user message and in everything sent", () => {
    expect(row("compact").userMessage).toBeLessThan(row("verbose").userMessage);
    expect(report.totalReduction).toBeGreaterThanOrEqual(0.33);
    expect(row("compact").toolSchemas).toBe(row("verbose").toolSchemas);
  });

  it(`the narrate request's tool schemas stay within ${TOOL_SCHEMA_TARGET} tokens: one memory tool, no $defs, defaults optional`, () => {
    for (const variant of PROMPT_VARIANTS) expect(row(variant).toolSchemas).toBeLessThanOrEqual(TOOL_SCHEMA_TARGET);
    const sent = toolsJsonAsSent("compact");
    expect(sent).not.toMatch(/\$defs|\$ref|"default"/);
    const tools = writeToolSpecs("compact").map((t) => t.function);
    expect(tools.map((t) => t.name)).toEqual(["update_state", "update_world", "create_character", "add_memories"]);
    expect(tools.find((t) => t.name === "create_character")?.parameters.required).toEqual(["id", "name"]);
    const memory = (tools.find((t) => t.name === "add_memories")?.parameters as { properties: { memories: { items: { required: string[] } } } }).properties.memories.items;
    expect(memory.required).toEqual(["entity_id", "content", "scope"]);
  });

  it("counts with the bundled o200k ranks (stable figures)", () => {
    expect(countTokens("hello world")).toBe(2);
    expect(countTokens("")).toBe(0);
  });
});

describe("both variants are complete", () => {
  it.each(PROMPT_VARIANTS)("%s describes every write tool and states the core rules", (variant) => {
    const p = narratorPrompt(variant);
    for (const tool of WRITE_TOOLS) expect(p.toolDescriptions[tool.name], tool.name).toBeTruthy();
    expect(p.system).toMatch(/second person/i);
    expect(p.system).toMatch(/80(-| and | to )200 words/);
    expect(p.system).toMatch(/at most 6/);
    expect(p.system).toMatch(/relationship memory/i);
    expect(p.system).toMatch(/AI/);
    // No line may look like a turn-message marker: the offline storyteller parses those.
    expect(p.system).not.toMatch(/^(Player action|World|Cast|State): /m);
  });

  it("verbose repeats the relationship advice in three places; compact says it once", () => {
    const count = (text: string) => text.match(/names? both characters/gi)?.length ?? 0;
    expect(count(narratorPrompt("verbose").system)).toBeGreaterThanOrEqual(3);
    expect(count(narratorPrompt("compact").system)).toBe(0);
    expect(narratorPrompt("compact").system.match(/relationship memory/g)).toHaveLength(1);
  });
});

describe("selectContext", () => {
  const ctx = sampleTurnContext();

  it("verbose keeps everything", () => {
    expect(selectContext(ctx, "verbose", 50)).toBe(ctx);
  });

  it("compact keeps only edges touching the player or the mentioned characters, strongest first", () => {
    const edges = selectContext(ctx, "compact", 600).relationships;
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) expect(["mara", "tomas"].some((id) => e.from === id || e.to === id)).toBe(true);
    expect(edges[0]).toMatchObject({ from: "tomas", to: "mara" });
    expect(edges.some((e) => e.from === "ashfoot")).toBe(false);
  });

  it("compact puts the mentioned character's memories first and drops weak bystander memories", () => {
    const memories = selectContext(ctx, "compact", 600).memories;
    expect(memories.slice(0, 3).every((m) => m.entity_id === "tomas")).toBe(true);
    expect(memories.some((m) => m.entity_id === "okoro")).toBe(false);
  });

  it("compact describes only the mentioned characters when someone is mentioned", () => {
    const cast = selectContext(ctx, "compact", 600).cast;
    expect(cast.find((e) => e.id === "tomas")?.background).not.toBe("");
    expect(cast.find((e) => e.id === "ilse")?.background).toBe("");
    const ambient = selectContext({ ...ctx, mentioned: [] }, "compact", 600).cast;
    expect(ambient.every((e) => e.background !== "")).toBe(true);
  });

  it("compact respects the token budget", () => {
    const small = selectContext(ctx, "compact", 60);
    const cost = [...small.relationships.map(renderEdge), ...small.memories.map(renderMemory)].reduce((n, l) => n + countTokens(l) + 2, 0);
    expect(cost).toBeLessThanOrEqual(60);
    expect(small.relationships.length + small.memories.length).toBeGreaterThan(0);
  });
});
