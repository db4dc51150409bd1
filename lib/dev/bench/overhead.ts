/**
 * Engine overhead lanes: the hybrid turn with 0, 1k, 10k… memories preloaded, one lane at a time,
 * in a process of their own. The flow comparison runs several lanes at once in the main process;
 * measuring the overhead there would mostly measure the other lanes. Here only one session plays,
 * on the machine's other core, while the flow lanes run.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LatencyOptions } from "../simulator/types.ts";
import { openLane, type TurnSample } from "./lanes.ts";
import type { ScenarioName } from "./story.ts";

/** What the overhead process is asked to measure. */
export interface OverheadJob {
  latency: LatencyOptions;
  sizes: number[];
  turns: number;
  scenario: ScenarioName;
}

/** Plays one hybrid lane per memory size, one after another (call this in a quiet process). */
export async function runOverheadLanes(job: OverheadJob, log: (line: string) => void): Promise<TurnSample[]> {
  const samples: TurnSample[] = [];
  for (const preload of job.sizes) {
    const lane = await openLane({ flow: "hybrid", scenario: job.scenario, turns: job.turns, preload, purpose: "overhead" }, { kind: "simulated", latency: job.latency }, log);
    try {
      samples.push(...(await lane.play()));
    } finally {
      await lane.close();
    }
  }
  return samples;
}

/** Runs `runOverheadLanes` in a child process (progress on our stderr) and returns its samples. */
export function runOverheadProcess(job: OverheadJob): Promise<TurnSample[]> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(job)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`the engine-overhead process exited with ${code}`));
      try {
        resolve(JSON.parse(out) as TurnSample[]);
      } catch (error) {
        reject(new Error(`the engine-overhead process printed no samples: ${(error as Error).message}`));
      }
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const job = JSON.parse(process.argv[2] ?? "{}") as OverheadJob;
  runOverheadLanes(job, (line) => process.stderr.write(`${line}\n`))
    .then((samples) => process.stdout.write(JSON.stringify(samples)))
    .catch((error: unknown) => {
      process.stderr.write(`engine-overhead process failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
