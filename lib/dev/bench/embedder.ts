/**
 * Offline embedder micro-benchmark (`npm run bench -- embedder`): µs per short text for the hashed
 * n-gram embedder (moved here from its unit test, which asserts behaviour only).
 */
import { HashedNgramEmbeddings } from "../../memory/embeddings.ts";
import { summarize } from "../../metrics/stats.ts";
import { machineInfo } from "./flows.ts";
import { markdownTable } from "./table.ts";

export function runEmbedderBench(texts = 2000, rounds = 5): { model: string; machine: ReturnType<typeof machineInfo>; date: string; perTextUs: ReturnType<typeof summarize>; summary: string } {
  const emb = new HashedNgramEmbeddings();
  const inputs = Array.from({ length: texts }, (_, i) => `Tomas shares water with traveller ${i} at the old well`);
  for (const t of inputs.slice(0, 200)) emb.embedSync(t); // warm the JIT
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const t of inputs) emb.embedSync(t);
    perRound.push(((performance.now() - t0) * 1000) / texts);
  }
  const perTextUs = summarize(perRound);
  const machine = machineInfo();
  const date = new Date().toISOString();
  const summary = [
    `Offline embedder (${emb.id}) — ${texts} short texts × ${rounds} rounds; node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${date}`,
    "",
    markdownTable(["metric", "p50", "max"], [["µs per text (per round)", (perTextUs.p50 ?? 0).toFixed(1), (perTextUs.max ?? 0).toFixed(1)]]),
  ].join("\n");
  return { model: "none (offline hashed n-gram embedder)", machine, date, perTextUs, summary };
}
