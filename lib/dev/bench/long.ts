/**
 * `npm run bench -- long`: one story (frontier-caravan; --long-scenario) played for 1,000 turns with the offline
 * storyteller (deterministic, not an LLM; token delay 0), printing at turns 10, 100 and 1,000 the
 * latest checkpoint's size, the data folder's bytes per turn and the engine's time per turn.
 * Targets (docs/long-stories.md): checkpoint at 1,000 ≤ 1.5× turn 10; ≤ 40 KB on disk per turn;
 * time per turn at 1,000 ≤ 1.2× turn 10.
 */
import { mkdtemp, readdir, rm, stat, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { StoryEngine } from "../../sessions/engine.ts";
import { STORY, SCENARIOS, type ScenarioName } from "./story.ts";

/** The --long-scenario value, checked against the bundled scenarios. */
export function longScenario(value: string | undefined): ScenarioName {
  const name = (value ?? "frontier-caravan") as ScenarioName;
  if (!SCENARIOS.includes(name)) throw new Error(`--long-scenario must be one of ${SCENARIOS.join(", ")}`);
  return name;
}

export interface LongBenchOptions {
  turns: number;
  scenario: ScenarioName;
  /** Where long.json goes (null: nowhere). */
  outDir: string | null;
  log: (line: string) => void;
}

export interface LongBenchPoint {
  scenario: ScenarioName;
  turn: number;
  checkpoint_bytes: number;
  checkpoints_kept: number;
  disk_bytes_per_turn: number;
  /** Median wall time of the last 10 turns (engine + offline storyteller; no model latency). */
  turn_ms_median: number;
}

const MARKS = [10, 100, 1000];
const WINDOW = 10;

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)];
};

/** Plays `turns` turns of one scenario on a fresh data folder and samples it at the marks. */
async function playLong(scenario: ScenarioName, turns: number, log: (line: string) => void): Promise<LongBenchPoint[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-long-"));
  const engine = await StoryEngine.open(loadEnv({ QS_DATA_DIR: dataDir, QS_MODEL_PROVIDER: "offline", QS_EMBEDDINGS: "offline", QS_OFFLINE_TOKEN_DELAY_MS: "0" }), silentLogger);
  const points: LongBenchPoint[] = [];
  try {
    await engine.warmUp();
    const { id } = await engine.createSession(scenario);
    const steps = STORY[scenario];
    const times: number[] = [];
    for (let turn = 1; turn <= turns; turn++) {
      const started = performance.now();
      await engine.runTurn(id, steps[(turn - 1) % steps.length].input, () => undefined);
      times.push(performance.now() - started);
      await engine.enrichment?.idle();
      if (MARKS.includes(turn) || turn === turns) {
        const sizes = await engine.checkpointFiles.sizes(id);
        const point: LongBenchPoint = {
          scenario,
          turn,
          checkpoint_bytes: sizes.latest,
          checkpoints_kept: sizes.count,
          disk_bytes_per_turn: Math.round((await folderBytes(dataDir)) / turn),
          turn_ms_median: Number(median(times.slice(-WINDOW)).toFixed(2)),
        };
        points.push(point);
        log(`[long ${scenario}] turn ${turn}: checkpoint ${point.checkpoint_bytes} B, ${point.disk_bytes_per_turn} B/turn on disk, ${point.turn_ms_median} ms/turn`);
      }
    }
  } finally {
    await engine.close(1000);
    await rm(dataDir, { recursive: true, force: true });
  }
  return points;
}

export interface LongBenchReport {
  model: string;
  command: string;
  points: LongBenchPoint[];
  targets: Array<{ scenario: ScenarioName; name: string; value: number; limit: number; pass: boolean }>;
}

/** Runs the lane and judges the targets (first mark vs last). */
export async function runLongBench(opts: LongBenchOptions): Promise<LongBenchReport> {
  const points: LongBenchPoint[] = [];
  const targets: LongBenchReport["targets"] = [];
  for (const scenario of [opts.scenario]) {
    const mine = await playLong(scenario, opts.turns, opts.log);
    points.push(...mine);
    const [first, last] = [mine[0], mine.at(-1)!];
    const ratio = (a: number, b: number) => Number((a / Math.max(b, 1e-9)).toFixed(2));
    targets.push(
      { scenario, name: `checkpoint at turn ${last.turn} / turn ${first.turn}`, value: ratio(last.checkpoint_bytes, first.checkpoint_bytes), limit: 1.5, pass: last.checkpoint_bytes <= 1.5 * first.checkpoint_bytes },
      { scenario, name: `KB on disk per turn at turn ${last.turn}`, value: Number((last.disk_bytes_per_turn / 1024).toFixed(1)), limit: 40, pass: last.disk_bytes_per_turn <= 40 * 1024 },
      { scenario, name: `time per turn at turn ${last.turn} / turn ${first.turn}`, value: ratio(last.turn_ms_median, first.turn_ms_median), limit: 1.2, pass: last.turn_ms_median <= 1.2 * first.turn_ms_median },
    );
  }
  const report: LongBenchReport = {
    model: "offline storyteller (deterministic, not an LLM), QS_OFFLINE_TOKEN_DELAY_MS=0, offline embeddings",
    command: `npm run bench -- long --long-turns ${opts.turns} --long-scenario ${opts.scenario}`,
    points,
    targets,
  };
  if (opts.outDir) {
    await mkdir(opts.outDir, { recursive: true });
    await writeFile(path.join(opts.outDir, "long.json"), `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

/** The report as plain-text tables. */
export function formatLongReport(r: LongBenchReport): string {
  const rows = r.points.map((p) =>
    [p.scenario.padEnd(17), String(p.turn).padStart(5), String(p.checkpoint_bytes).padStart(12), String(p.checkpoints_kept).padStart(6), String(p.disk_bytes_per_turn).padStart(12), p.turn_ms_median.toFixed(2).padStart(10)].join("  "),
  );
  const verdicts = r.targets.map((t) => `${t.pass ? "PASS" : "FAIL"}  ${t.scenario}: ${t.name} = ${t.value} (limit ${t.limit})`);
  return [
    `Long story (${r.model})`,
    `reproduce: ${r.command}`,
    `${"scenario".padEnd(17)}  ${"turn".padStart(5)}  ${"ckpt bytes".padStart(12)}  ${"kept".padStart(6)}  ${"disk B/turn".padStart(12)}  ${"ms/turn".padStart(10)}`,
    ...rows,
    "",
    ...verdicts,
  ].join("\n");
}
