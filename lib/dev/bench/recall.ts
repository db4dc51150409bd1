/**
 * `npm run bench -- recall`: does the planted fact reach the narrator? Scripted stories
 * (recallStories.ts: 50, 200 and 500 turns on both bundled scenarios, facts planted at known turns
 * and referred to later directly and indirectly) are written into a session's memory turn by turn
 * (offline hashed n-gram embedder); at every reference turn the REAL read step (nodes/readTools.ts)
 * runs on the story's state with each retriever, and the narrate step's own context selection
 * (selectContext, compact prompt, the default token budget) picks what the narrate request would
 * carry. A hit: the planted memory is among those memories. No model is called: the numbers are
 * about retrieval only (the offline storyteller is not involved; nothing is narrated).
 * `--recall-lengths=50,200,500` picks the story lengths.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TurnConfigurationSchema } from "../../../graph/configuration.ts";
import { initialStateFor } from "../../../graph/initialState.ts";
import { emptyCounters, type TurnRecord } from "../../../graph/records.ts";
import { createRuntime, type TurnRuntime } from "../../../graph/runtime.ts";
import { RECENT_TURNS, type TurnStateType } from "../../../graph/state.ts";
import { readTools } from "../../../nodes/readTools.ts";
import { countTokens } from "../../common/tokens.ts";
import { newSessionId } from "../../common/sessionIds.ts";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { selectContext } from "../../prompts/selectContext.ts";
import type { TurnContext } from "../../tools/context.ts";
import { renderMemory } from "../../prompts/turnMessage.ts";
import { loadBundledScenario } from "../../scenarios/catalog.ts";
import { FACTS, type FactKind } from "./recallFacts.ts";
import { scriptedStory } from "./recallStories.ts";
import { SCENARIOS, type ScenarioName } from "./story.ts";
import { markdownTable } from "./table.ts";
import { KeywordIndex } from "../../memory/keyword.ts";
import { DocStore } from "../../memory/docs.ts";
import { FILES, memoryDir } from "../../memory/files.ts";
import { summarize } from "../../metrics/stats.ts";
import { buildRecallQuery } from "../../tools/recallQuery.ts";
import { syntheticMemories } from "./preload.ts";
import { machineInfo } from "./flows.ts";

export const RETRIEVERS = ["none", "vector", "hybrid"] as const;
export type Retriever = (typeof RETRIEVERS)[number];

export interface RecallSample {
  scenario: ScenarioName;
  length: number;
  fact: string;
  factKind: FactKind;
  ref: "direct" | "indirect";
  plantedAt: number;
  turn: number;
  distance: number;
  retriever: Retriever;
  hit: boolean;
  /** 1-based position of the planted memory among the narrate request's memories; null on a miss. */
  rank: number | null;
  /** Tokens of the memory lines in the narrate request (as selectContext counts them). */
  memoryTokens: number;
  memories: number;
}

export const DISTANCE_BUCKETS: Array<[string, number, number]> = [["2–10", 0, 10], ["11–50", 11, 50], ["51–200", 51, 200], ["201–500", 201, 500]];

const DEFAULTS = TurnConfigurationSchema.parse({});

function baseState(scenario: ScenarioName): TurnStateType {
  const init = initialStateFor(scenario, loadBundledScenario(scenario));
  return { ...init, relationships: { edges: {} }, history: [] } as unknown as TurnStateType;
}

const record = (turn: number, input: string): TurnRecord => ({
  turn, input, narrative: "", tool_calls: [], confirmation: "", at: "",
  metrics: { ...emptyCounters(), tool_calls: 0, total_ms: 0 } as unknown as TurnRecord["metrics"],
});

/** One story: writes its memories turn by turn and probes each reference with every retriever. */
export async function probeStory(runtime: TurnRuntime, scenario: ScenarioName, length: number): Promise<RecallSample[]> {
  const story = scriptedStory(scenario, length);
  const sessionId = newSessionId();
  const planted = new Map<string, string>();
  const samples: RecallSample[] = [];
  let state = baseState(scenario);
  for (const step of story.turns) {
    if (step.refers) {
      const want = planted.get(step.refers.fact);
      for (const retriever of RETRIEVERS) {
        const configurable = { thread_id: sessionId, runtime, memoryK: retriever === "none" ? 0 : DEFAULTS.memoryK, memoryRetrieval: retriever === "none" ? "hybrid" : retriever };
        const out = await readTools({ ...state, input: step.input }, { configurable });
        if (!out.context) throw new Error("readTools returned no context");
        // What narrate sends: the same selection, compact prompt, default budget.
        const context = selectContext(out.context as TurnContext, DEFAULTS.promptVariant, DEFAULTS.contextTokenBudget);
        const distance = step.turn - step.refers.plantedAt;
        // "none" sees the recent turns only: a hit when the planting turn is still in that window.
        const position = retriever === "none" ? (distance <= RECENT_TURNS ? 1 : 0) : context.memories.findIndex((m) => m.id === want) + 1;
        samples.push({
          scenario, length, fact: step.refers.fact, factKind: FACT_KINDS.get(step.refers.fact) as FactKind, ref: step.refers.kind, plantedAt: step.refers.plantedAt, turn: step.turn, distance, retriever,
          hit: position > 0, rank: position > 0 ? position : null,
          memoryTokens: context.memories.reduce((n, m) => n + countTokens(renderMemory(m)) + 2, 0), memories: context.memories.length,
        });
      }
    }
    if (step.memories.length > 0) {
      const stored = await runtime.memory.use(sessionId, (store) => store.add(step.memories, { turn: step.turn }));
      if (step.plants) planted.set(step.plants, stored[0].id);
    }
    state = { ...state, turn: step.turn, history: [...state.history, record(step.turn, step.input)].slice(-RECENT_TURNS) };
  }
  await runtime.memory.delete(sessionId);
  return samples;
}

const FACT_KINDS = new Map<string, FactKind>(Object.values(FACTS).flatMap((facts) => facts.map((f): [string, FactKind] => [f.id, f.kind])));

/** Search cost at a memory size: vector search vs hybrid recall on one store, and the keyword index's build on open. */
export interface RecallCost {
  memories: number;
  vector: { p50: number | null; p95: number | null };
  hybrid: { p50: number | null; p95: number | null };
  /** Opening the store (documents + index + keyword index), and of that the keyword index build. */
  openMs: number;
  keywordBuildMs: number;
}

async function measureCost(runtime: TurnRuntime, memories: number): Promise<RecallCost> {
  const id = newSessionId();
  const entities = ["mara", "tomas", "ilse", "okoro", "bess"];
  await runtime.memory.use(id, (store) => store.add(syntheticMemories(entities, memories), { turn: 1 }));
  await runtime.memory.closeSession(id);
  let t = performance.now();
  const store = await runtime.memory.get(id);
  const openMs = performance.now() - t;
  t = performance.now();
  const probe = new KeywordIndex();
  const docs = new DocStore(path.join(memoryDir(runtime.env.QS_DATA_DIR, id), FILES.docs));
  for (const page of docs.allInPages()) probe.add(page);
  docs.close();
  const keywordBuildMs = performance.now() - t;
  const queries = ["I go back for what I hid by the wagons", "I remind Tomas of the oath", "Okoro counts the coin by the river", "I ask Bess about the ledger and the seal"];
  const vector: number[] = [];
  const hybrid: number[] = [];
  for (let i = 0; i < 60; i++) {
    const text = queries[i % queries.length];
    const built = buildRecallQuery({ action: text, recentInputs: [], entities: entities.map((e) => ({ id: e, name: e })), playerId: "mara" });
    t = performance.now();
    await store.search({ query: built.text, k: 6 });
    vector.push(performance.now() - t);
    t = performance.now();
    await store.recall({ query: built.text, k: 6, terms: built.terms, focus: new Set(built.focus), self: built.self, currentTurn: 2 });
    hybrid.push(performance.now() - t);
  }
  await runtime.memory.delete(id);
  const q = (xs: number[]) => { const s = summarize(xs.slice(10)); return { p50: round2(s.p50), p95: round2(s.p95) }; };
  return { memories, vector: q(vector), hybrid: q(hybrid), openMs: round2(openMs) ?? 0, keywordBuildMs: round2(keywordBuildMs) ?? 0 };
}
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export interface RecallReport {
  model: string;
  embedder: string;
  settings: { lengths: number[]; scenarios: readonly ScenarioName[]; memoryK: number; contextTokenBudget: number; promptVariant: string };
  machine: ReturnType<typeof machineInfo>;
  date: string;
  samples: RecallSample[];
  cost: RecallCost[];
  summary?: string;
}

export async function runRecallBench(opts: { lengths: number[]; costSizes: number[]; outDir: string | null; log: (line: string) => void }): Promise<RecallReport> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-recall-"));
  const env = loadEnv({ QS_DATA_DIR: dataDir, QS_MODEL_PROVIDER: "offline", QS_EMBEDDINGS: "offline" });
  const runtime = createRuntime(env, silentLogger, { withEnrichment: false });
  const samples: RecallSample[] = [];
  const cost: RecallCost[] = [];
  try {
    for (const length of opts.lengths) {
      for (const scenario of SCENARIOS) {
        const t = performance.now();
        samples.push(...(await probeStory(runtime, scenario, length)));
        opts.log(`[recall] ${scenario} ${length} turns: ${Math.round(performance.now() - t)} ms`);
      }
    }
    for (const size of opts.costSizes) {
      cost.push(await measureCost(runtime, size));
      opts.log(`[recall] search cost at ${size} memories measured`);
    }
  } finally {
    await runtime.memory.closeAll();
    await rm(dataDir, { recursive: true, force: true });
  }
  const report: RecallReport = {
    model: "none (retrieval only: the real read step and the narrate step's context selection; no model call)",
    embedder: "offline hashed n-gram embedder (hashed-ngram-v1, 256-d)",
    settings: { lengths: opts.lengths, scenarios: SCENARIOS, memoryK: DEFAULTS.memoryK, contextTokenBudget: DEFAULTS.contextTokenBudget, promptVariant: DEFAULTS.promptVariant },
    machine: machineInfo(),
    date: new Date().toISOString(),
    samples,
    cost,
  };
  report.summary = formatRecallReport(report);
  if (opts.outDir) {
    await mkdir(opts.outDir, { recursive: true });
    await writeFile(path.join(opts.outDir, "recall.json"), `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

const rate = (xs: RecallSample[]): string => (xs.length === 0 ? "–" : `${(xs.filter((s) => s.hit).length / xs.length).toFixed(2)} (${xs.filter((s) => s.hit).length}/${xs.length})`);

/** Hit rates by story length and reference kind, by distance, by fact kind; ranks and memory tokens. */
export function formatRecallReport(r: RecallReport): string {
  const by = (retriever: Retriever, pick: (s: RecallSample) => boolean) => r.samples.filter((s) => s.retriever === retriever && pick(s));
  const rows = (groups: Array<[string, (s: RecallSample) => boolean]>) => groups.map(([name, pick]) => [name, ...RETRIEVERS.map((ret) => rate(by(ret, pick)))]);
  const head = ["", "no memory (recent turns)", "vector only", "hybrid"];
  const lengthRows = r.settings.lengths.flatMap((L) => (["direct", "indirect"] as const).map((k): [string, (s: RecallSample) => boolean] => [`${L} turns, ${k}`, (s) => s.length === L && s.ref === k]));
  const distanceRows = DISTANCE_BUCKETS.flatMap(([name, lo, hi]) => (["direct", "indirect"] as const).map((k): [string, (s: RecallSample) => boolean] => [`${name} turns, ${k}`, (s) => s.distance >= lo && s.distance <= hi && s.ref === k]));
  const kinds = [...new Set(r.samples.map((s) => s.factKind))];
  const kindRows = kinds.map((kind): [string, (s: RecallSample) => boolean] => [kind, (s) => s.factKind === kind]);
  const stat = (ret: Retriever) => {
    const xs = by(ret, () => true);
    const ranks = xs.flatMap((s) => (s.rank === null ? [] : [s.rank]));
    const tokens = xs.map((s) => s.memoryTokens);
    return [ret, ranks.length ? (ranks.reduce((a, b) => a + b, 0) / ranks.length).toFixed(2) : "–", tokens.length ? (tokens.reduce((a, b) => a + b, 0) / tokens.length).toFixed(0) : "–", tokens.length ? String(Math.max(...tokens)) : "–"];
  };
  const at500 = (k: "direct" | "indirect") => by("hybrid", (s) => s.length === 500 && s.ref === k);
  const share = (xs: RecallSample[]) => (xs.length ? xs.filter((s) => s.hit).length / xs.length : null);
  const judge = (name: string, xs: RecallSample[], goal: number) => {
    const v = share(xs);
    return `${v !== null && v >= goal ? "PASS" : "MISS"}  ${name}: ${v === null ? "not measured" : v.toFixed(2)} (goal ≥ ${goal})`;
  };
  return [
    `Recall of planted facts — ${r.embedder}; ${r.model}`,
    `memoryK ${r.settings.memoryK}, context budget ${r.settings.contextTokenBudget} tokens (${r.settings.promptVariant} prompt); scenarios ${r.settings.scenarios.join(", ")}; node ${r.machine.node}, ${r.date}`,
    "",
    "Hit rate by story length (planted memory among the narrate request's memories)",
    "",
    markdownTable(head, rows(lengthRows)),
    "",
    "Hit rate by distance (turns between plant and reference), all lengths",
    "",
    markdownTable(head, rows(distanceRows)),
    "",
    "Hit rate by kind of fact, all lengths and references",
    "",
    markdownTable(head, rows(kindRows)),
    "",
    markdownTable(["retriever", "mean rank of hits", "memory tokens mean", "memory tokens max"], (["vector", "hybrid"] as const).map(stat)),
    "",
    `Search cost on one store (offline embedder; this process, shared box): vector search vs hybrid recall (k 6, ${"first 10 of 60 queries dropped"}); open = documents + vector index + keyword index`,
    "",
    markdownTable(["memories", "vector p50 / p95 (ms)", "hybrid p50 / p95 (ms)", "store open (ms)", "keyword index build (ms)"],
      r.cost.map((c) => [String(c.memories), `${c.vector.p50} / ${c.vector.p95}`, `${c.hybrid.p50} / ${c.hybrid.p95}`, String(c.openMs), String(c.keywordBuildMs)])),
    "",
    `"no memory" counts a hit when the planting turn is among the last ${RECENT_TURNS} turns (the checkpoint's recent-turns window; the narrate request itself carries no transcript).`,
    "",
    judge("hybrid, 500 turns, direct references", at500("direct"), 0.95),
    judge("hybrid, 500 turns, indirect references", at500("indirect"), 0.85),
  ].join("\n");
}
