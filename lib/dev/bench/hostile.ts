/**
 * `npm run bench -- hostile`: CPU bounds under hostile input (offline storyteller, offline embedder).
 *  1. countTokens on 20,000 characters of each script (target ≤ 50 ms each, median of 5).
 *  2. The other synchronous steps of a turn on 2,000 and 8,000 characters (extraction, mention
 *     matching, embedding): per-KB cost, to show none is superlinear.
 *  3. GET /health latency while 4 turns with 2,000-character CJK inputs run, twice, after one
 *     ordinary warm-up turn per session (target p99 ≤ 100 ms).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countTokens } from "../../common/tokens.ts";
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";
import { extractRelationships } from "../../relationships/extract.ts";
import { findMentionedEntities } from "../../relationships/mentionedEntities.ts";
import { summarize } from "../../metrics/stats.ts";
import { api, startTestServer } from "../testing/server.ts";

const SCRIPTS: Record<string, string> = {
  cjk: "水",
  emoji: "😀",
  "emoji zwj": "👨‍👩‍👧",
  "latin unbroken": "a",
  "latin words": "The caravan waits at the well. ",
  arabic: "مرحبا",
  devanagari: "नमस्ते",
  digits: "7",
  spaces: " ",
  punctuation: "!?",
  mixed: "水😀a, ",
};
const CAST = [{ id: "mara", name: "Mara Voss" }, { id: "tomas", name: "Tomas Reed" }, { id: "bess", name: "Old Bess" }];

export interface HostileResult {
  model: string;
  tokens: Array<{ script: string; chars: number; median_ms: number; ok: boolean }>;
  steps: Array<{ step: string; script: string; chars: number; median_ms: number; ms_per_kb: number }>;
  health: {
    turns: number;
    input_chars: number;
    samples: number;
    p50_ms: number;
    p99_ms: number;
    max_ms: number;
    slowest_ms: number[];
    /** The same poll before any turn runs (the machine's own floor). */
    idle_p99_ms: number;
    idle_max_ms: number;
    /** CPU time of this process (server and poller) per CJK turn: unlike the latencies, barely moved by other jobs on the machine. */
    cpu_ms_per_turn: number;
    ok: boolean;
  };
}

const repeatTo = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars).replace(/[\uD800-\uDBFF]$/, "x");

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

function medianMs(fn: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function healthUnderLoad(turns: number, inputChars: number): Promise<HostileResult["health"]> {
  const server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "5" });
  try {
    const ids: string[] = [];
    for (let i = 0; i < turns; i++) ids.push((await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id);
    // One ordinary turn each first: what is measured is the CJK input, not the first turn's JIT warm-up.
    await Promise.all(ids.map((id) => api(server.url, "POST", `/sessions/${id}/turns`, { input: "I share my water with Tomas Reed." })));
    // The same poll with nothing running: on a shared machine this is the floor the target compares with.
    const idle: number[] = [];
    for (let i = 0; i < 80; i++) {
      const t = performance.now();
      await (await fetch(`${server.url}/health`)).arrayBuffer();
      idle.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const latencies: number[] = [];
    let running = true;
    const poll = (async () => {
      while (running) {
        const t = performance.now();
        await (await fetch(`${server.url}/health`)).arrayBuffer();
        latencies.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const cpuBefore = process.cpuUsage();
    for (let round = 0; round < 2; round++) {
      await Promise.all(ids.map((id) => api(server.url, "POST", `/sessions/${id}/turns`, { input: repeatTo("水", inputChars) })));
    }
    const cpu = process.cpuUsage(cpuBefore);
    running = false;
    await poll;
    const s = summarize(latencies);
    const p99 = percentile(latencies, 0.99);
    return {
      turns,
      input_chars: inputChars,
      samples: latencies.length,
      p50_ms: s.p50 ?? 0,
      p99_ms: p99,
      max_ms: Math.max(...latencies),
      slowest_ms: [...latencies].sort((a, b) => b - a).slice(0, 5),
      idle_p99_ms: percentile(idle, 0.99),
      idle_max_ms: Math.max(...idle),
      cpu_ms_per_turn: Math.round((cpu.user + cpu.system) / 1000 / (2 * turns)),
      ok: p99 <= 100,
    };
  } finally {
    await server.close();
  }
}

/** Runs the lane and prints its tables; returns the numbers. */
export async function runHostileBench(log: (line: string) => void = () => undefined): Promise<HostileResult> {
  countTokens("warm up");
  extractRelationships({ entity_id: "mara", content: "Mara trusts Tomas." }, CAST);
  const tokens = Object.entries(SCRIPTS).map(([script, unit]) => {
    const text = repeatTo(unit, 20_000);
    const median = medianMs(() => countTokens(text));
    return { script, chars: text.length, median_ms: median, ok: median <= 50 };
  });
  const embedder = new HashedNgramEmbeddings();
  const steps: HostileResult["steps"] = [];
  for (const script of ["cjk", "emoji", "latin words", "mixed"]) {
    for (const chars of [2_000, 8_000]) {
      const text = repeatTo(SCRIPTS[script], chars);
      const add = (step: string, fn: () => unknown) => {
        const median = medianMs(fn, 3);
        steps.push({ step, script, chars, median_ms: median, ms_per_kb: median / (chars / 1000) });
      };
      add("extract relationships", () => extractRelationships({ entity_id: "mara", content: text }, CAST));
      add("mentioned entities", () => findMentionedEntities(text, CAST));
      add("embed (offline)", () => embedder.embedQuery(text));
    }
  }
  log("bench hostile: /health while 4 turns with 2,000-character CJK inputs run");
  const health = await healthUnderLoad(4, 2_000);
  const result: HostileResult = { model: "offline storyteller (deterministic, not an LLM), QS_OFFLINE_TOKEN_DELAY_MS=5", tokens, steps, health };
  printHostile(result);
  return result;
}

function printHostile(r: HostileResult): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out("\n## Hostile input: token counting (20,000 characters, median of 5, target ≤ 50 ms)\n");
  out("| script | chars | ms | ok |\n|---|---:|---:|---|");
  for (const t of r.tokens) out(`| ${t.script} | ${t.chars} | ${t.median_ms.toFixed(1)} | ${t.ok ? "yes" : "NO"} |`);
  out("\n## Other synchronous steps of a turn (median of 3)\n");
  out("| step | script | chars | ms | ms per KB |\n|---|---|---:|---:|---:|");
  for (const s of r.steps) out(`| ${s.step} | ${s.script} | ${s.chars} | ${s.median_ms.toFixed(1)} | ${s.ms_per_kb.toFixed(2)} |`);
  const h = r.health;
  out(`\n## GET /health while ${h.turns} turns with ${h.input_chars}-character CJK inputs run (${r.model}; target p99 ≤ 100 ms)\n`);
  out("| samples | p50 ms | p99 ms | max ms | 5 slowest ms | idle p99 / max ms | CPU ms per CJK turn | ok |\n|---:|---:|---:|---:|---|---|---:|---|");
  const slowest = h.slowest_ms.map((v) => v.toFixed(0)).join(", ");
  out(`| ${h.samples} | ${h.p50_ms.toFixed(1)} | ${h.p99_ms.toFixed(1)} | ${h.max_ms.toFixed(1)} | ${slowest} | ${h.idle_p99_ms.toFixed(1)} / ${h.idle_max_ms.toFixed(1)} | ${h.cpu_ms_per_turn} | ${h.ok ? "yes" : "NO"} |`);
}

/** Writes the result beside the other benchmark results. */
export function saveBenchResult(name: string, result: unknown): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...(result as object) }, null, 2)}\n`);
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runHostileBench((line) => process.stderr.write(`${line}\n`))
    .then((result) => process.stderr.write(`bench hostile: wrote ${saveBenchResult("hostile", result)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`bench hostile failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
