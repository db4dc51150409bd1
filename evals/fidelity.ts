/**
 * Fidelity eval (offline, no model judges anything): for each narrator A/B test in
 * evals/promptfooconfig.yaml, list the facts the turn depends on — the target's name and role, the
 * memories and relationship edges about the target, the world conditions and state paths the turn
 * changes — from the session's state before the turn (independent of any prompt variant), then check
 * that each appears in the narrate request the engine sends (system, messages, tool specs as JSON), per
 * variant. The turns run on the offline storyteller (deterministic, not an LLM): it ignores the prompt,
 * it only plays the setup turns and decides what the graded turn changes.
 * `npx tsx evals/fidelity.ts` prints the table; `npm run bench -- fidelity` adds it to the bench report.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BaseMessage } from "@langchain/core/messages";
import { parse } from "yaml";
import { z } from "zod";
import { countTokens } from "../lib/common/tokens.ts";
import { messageText } from "../lib/common/messageText.ts";
import { writeToolSpecs } from "../lib/prompts/toolSpecs.ts";
import type { PromptVariant } from "../lib/prompts/variants.ts";
import { edgesTouching } from "../lib/tools/reads.ts";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { silentLogger } from "../lib/config/logger.ts";
import { StoryEngine } from "../lib/sessions/engine.ts";
import { evalEnv } from "./engineHarness.ts";

export interface Fact {
  kind: "target" | "role" | "memory" | "edge" | "world" | "state";
  text: string;
  /** Any of these strings in the request counts as carrying the fact. */
  needles: string[];
}

export interface TestFidelity {
  description: string;
  facts: Fact[];
  /** Per variant: which facts the request carries, and its size in o200k tokens. */
  variants: Record<string, { carried: boolean[]; tokens: number }>;
}

const TestSchema = z.object({
  description: z.string(),
  vars: z.object({ input: z.string(), target: z.union([z.string(), z.array(z.string())]), scenario: z.string().optional(), setup: z.array(z.string()).optional() }),
});
const ConfigSchema = z.object({ prompts: z.array(z.enum(["verbose", "compact"])), tests: z.array(TestSchema) });

const HERE = path.dirname(fileURLToPath(import.meta.url));
const lower = (s: string): string => s.toLowerCase();

/** The request as text: every message and the bound tool specs as JSON (what the wire carries). */
function requestText(messages: BaseMessage[], variant: PromptVariant): string {
  // The tools exactly as the narrate call binds them (the Chat Completions `tools` format).
  return [...messages.map((m) => messageText(m)), JSON.stringify(writeToolSpecs(variant))].join("\n");
}

/** Facts of a turn from the session before it and what the turn changed (its own writes). */
function factsOf(
  before: { entities: Array<{ id: string; name: string; background?: string }>; world: Record<string, unknown>; story: Record<string, unknown>; player: string; edges: Array<{ from: string; to: string; type: string }>; memories: Array<{ entity_id: string; content: string }> },
  targets: string[],
  writes: Array<{ name: string; args: unknown }>,
  input: string,
): Fact[] {
  const facts: Fact[] = [];
  const ids = new Set<string>();
  for (const t of targets) {
    const entity = before.entities.find((e) => lower(e.name).includes(lower(t)) || e.id === lower(t));
    if (!entity) {
      if (!lower(input).includes(lower(t))) facts.push({ kind: "target", text: t, needles: [t] });
      continue;
    }
    ids.add(entity.id);
    facts.push({ kind: "target", text: `${entity.name} (${entity.id})`, needles: [entity.name] });
    const role = entity.background?.split(/[.;,]/)[0]?.trim();
    if (role) facts.push({ kind: "role", text: `${entity.name}: ${role}`, needles: [role] });
  }
  const names = before.entities.filter((e) => ids.has(e.id)).map((e) => lower(e.name.split(" ").at(-1) ?? e.name));
  for (const m of before.memories) {
    if (ids.has(m.entity_id) || names.some((n) => lower(m.content).includes(n))) facts.push({ kind: "memory", text: `${m.entity_id}: ${m.content}`, needles: [m.content] });
  }
  for (const e of before.edges) {
    if (ids.has(e.from) || ids.has(e.to)) facts.push({ kind: "edge", text: `${e.from}→${e.to} ${e.type}`, needles: [`${e.from}→${e.to} ${e.type}`, `${e.from} → ${e.to} ${e.type}`, `${e.from}->${e.to} ${e.type}`] });
  }
  for (const w of writes) {
    if (w.name === "update_world") {
      for (const key of Object.keys(w.args as object)) {
        const value = before.world[key];
        if (typeof value === "string") facts.push({ kind: "world", text: `${key} = ${value}`, needles: [value] });
      }
    }
    if (w.name === "update_state") {
      for (const op of (w.args as { ops?: Array<{ path: string }> }).ops ?? []) {
        const leaf = op.path.split(".").at(-1) ?? op.path;
        const value = op.path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), before.story);
        const shown = value === undefined ? null : JSON.stringify(value);
        facts.push({ kind: "state", text: `${op.path} = ${shown ?? "(absent)"}`, needles: shown === null ? [leaf] : [`"${leaf}":${shown}`, `"${leaf}": ${shown}`, `${leaf}: ${shown}`, `${leaf}=${shown}`, `${leaf} ${shown}`] });
      }
    }
  }
  return facts;
}

/** Plays one test for one variant on a fresh offline engine; returns its facts and the narrate request. */
async function playTest(test: z.infer<typeof TestSchema>, variant: PromptVariant): Promise<{ facts: Fact[]; request: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-fidelity-"));
  let capturing = false;
  let narrate: BaseMessage[] | undefined;
  const capture = { handleChatModelStart: (_llm: unknown, messages: BaseMessage[][]) => {
    if (capturing && !narrate && messages[0]?.some((m) => m.getType() === "system")) narrate = messages[0];
  } };
  const engine = await StoryEngine.open(evalEnv(false, dataDir), silentLogger, {
    wrapModels: (models) => ({
      ...models,
      // Seeded by the test, as in the eval, so both variants play the same setup.
      create: (req) => Object.assign(models.create({ ...req, sessionId: `fidelity:${test.description}` }), { callbacks: [capture] }),
    }),
  });
  try {
    const session = await engine.createSession(test.vars.scenario ?? "frontier-caravan");
    const configuration = { promptVariant: variant };
    const ignore = () => undefined;
    // Setup turns use one variant for every run, so the state before the graded turn (where the
    // facts come from) is the same whichever variant is checked.
    for (const input of test.vars.setup ?? []) await engine.runTurn(session.id, input, ignore, { configuration: { promptVariant: "verbose" as PromptVariant } });
    const { state } = await engine.getSession(session.id);
    const memories = await engine.runtime.memory.use(session.id, async (store) => (await store.list({ limit: 200 })).items);
    capturing = true;
    const record = await engine.runTurn(session.id, test.vars.input, ignore, { configuration });
    if (!narrate) throw new Error(`${test.description}: no narrate request captured`);
    const before = {
      entities: state.entities,
      world: state.world,
      story: state.story,
      player: state.scenario.player_id,
      edges: edgesTouching(state.relationships, state.entities.map((e) => e.id), state.turn + 1, 200),
      memories,
    };
    const writes = record.tool_calls.filter((c) => c.phase === "write" && c.ok).map((c) => ({ name: c.name, args: c.args }));
    const targets = Array.isArray(test.vars.target) ? test.vars.target : [test.vars.target];
    return { facts: factsOf(before, targets, writes, test.vars.input), request: requestText(narrate, variant) };
  } finally {
    await engine.close(2000);
    await rm(dataDir, { recursive: true, force: true });
  }
}

export interface FidelityReport {
  model: string;
  date: string;
  tests: TestFidelity[];
  /** Per variant: facts carried / facts listed. */
  recall: Record<string, number>;
  /** Facts compact carries among those verbose carries. */
  compactKeepsOfVerbose: number;
  meanTokens: Record<string, number>;
  summary: string;
}

/** Runs every A/B test for both variants and reports fact recall beside request size. */
export async function runFidelity(configPath = path.join(HERE, "promptfooconfig.yaml")): Promise<FidelityReport> {
  const config = ConfigSchema.parse(parse(readFileSync(configPath, "utf8")));
  const variants: PromptVariant[] = config.prompts;
  const tests: TestFidelity[] = [];
  for (const test of config.tests) {
    // The state before the turn is the same for every variant (same setup); what the graded turn
    // writes may differ with the turn message, so the facts are the union over the variants' runs.
    const runs = [];
    for (const variant of variants) runs.push({ variant, ...(await playTest(test, variant)) });
    const facts = [...new Map(runs.flatMap((r) => r.facts).map((f) => [`${f.kind}:${f.text}`, f])).values()];
    const row: TestFidelity = { description: test.description, facts, variants: {} };
    for (const { variant, request } of runs) {
      const text = lower(request);
      row.variants[variant] = { carried: facts.map((f) => f.needles.some((n) => text.includes(lower(n)))), tokens: countTokens(request) };
      if (process.env.QS_FIDELITY_DUMP) process.stderr.write(`--- ${variant}: ${test.description}\n${request.slice(0, 6000)}\n`);
    }
    tests.push(row);
  }
  const total = tests.reduce((n, t) => n + t.facts.length, 0);
  const recall = Object.fromEntries(variants.map((v) => [v, tests.reduce((n, t) => n + t.variants[v].carried.filter(Boolean).length, 0) / Math.max(1, total)]));
  let verboseCarried = 0;
  let both = 0;
  for (const t of tests) t.facts.forEach((_, i) => {
    if (t.variants.verbose?.carried[i]) {
      verboseCarried++;
      if (t.variants.compact?.carried[i]) both++;
    }
  });
  const meanTokens = Object.fromEntries(variants.map((v) => [v, Math.round(tests.reduce((n, t) => n + t.variants[v].tokens, 0) / tests.length)]));
  const report = { model: "offline storyteller (deterministic, not an LLM): plays the turns; no model judges", date: new Date().toISOString(), tests, recall, compactKeepsOfVerbose: verboseCarried ? both / verboseCarried : 1, meanTokens };
  return { ...report, summary: formatFidelity(report) };
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

export function formatFidelity(r: Omit<FidelityReport, "summary">): string {
  const variants = Object.keys(r.recall);
  const rows = r.tests.map((t) => `| ${t.description} | ${t.facts.length} | ${variants.map((v) => `${t.variants[v].carried.filter(Boolean).length}`).join(" | ")} | ${variants.map((v) => t.variants[v].tokens).join(" | ")} |`);
  const misses = r.tests.flatMap((t) => t.facts.flatMap((f, i) => variants.filter((v) => !t.variants[v].carried[i]).map((v) => `- ${v} misses (${t.description}) ${f.kind}: ${f.text}`)));
  return [
    `Fidelity (offline): facts each A/B test depends on, found in the narrate request (system + messages + tool specs). ${r.model}; ${r.date}`,
    "",
    `| test | facts | ${variants.map((v) => `${v} carries`).join(" | ")} | ${variants.map((v) => `${v} tokens`).join(" | ")} |`,
    `|:--|--:|${variants.map(() => "--:").join("|")}|${variants.map(() => "--:").join("|")}|`,
    ...rows,
    "",
    `Fact recall: ${variants.map((v) => `${v} ${pct(r.recall[v])}`).join(", ")}; mean request tokens: ${variants.map((v) => `${v} ${r.meanTokens[v]}`).join(", ")}.`,
    `Compact keeps ${pct(r.compactKeepsOfVerbose)} of the facts verbose carries (target ≥ 98%): ${r.compactKeepsOfVerbose >= 0.98 ? "PASS" : "MISS"}.`,
    ...(misses.length ? ["", "Misses:", ...misses] : []),
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runFidelity().then((r) => process.stdout.write(`${r.summary}\n`));
}
