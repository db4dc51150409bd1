import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../lib/common/freePort.ts";
import { REPO_ROOT } from "./promptfooRun.ts";
import { gateCompact, readResults, summariseNarrator, summariseRelationships } from "./summary.ts";

const run = promisify(execFile);
const tempDirs: string[] = [];
const tsx = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");

/** A fresh, empty results folder for one eval run (removed after the file). */
function freshResultsDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qs-eval-results-"));
  tempDirs.push(dir);
  return dir;
}

/** Runs `npm run eval` (evals/run.ts) offline into `resultsDir`; returns its exit code and output. */
async function evalCli(args: string[], resultsDir: string): Promise<{ code: number; stdout: string }> {
  // A temporary promptfoo home: the test suite never adds runs to the user's eval history.
  const env = { ...process.env, QS_EVAL_RESULTS_DIR: resultsDir, QS_EVAL_REAL: "0", QS_EVAL_GRADER: "0", PROMPTFOO_CONFIG_DIR: path.join(resultsDir, ".promptfoo") };
  try {
    const { stdout } = await run(tsx, ["evals/run.ts", ...args], { cwd: REPO_ROOT, env, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "" };
  }
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("offline prompt A/B eval (promptfoo)", () => {
  // One test: the determinism check compares against the full run's fingerprint, so it must not
  // depend on another test having run first (nor on files another run left behind).
  it(
    "runs both suites offline (compact passes at least as often as verbose, on far fewer tokens), deterministically",
    { timeout: 300_000 },
    async () => {
      const fullDir = freshResultsDir();
      const { code, stdout } = await evalCli([], fullDir);
      expect(stdout).toMatch(/offline storyteller \(deterministic, not an LLM\)/);
      expect(stdout).toMatch(/Model-graded assertions .* SKIPPED: no grader configured/);
      expect(code, stdout).toBe(0);

      const summary = summariseNarrator(readResults(path.join(fullDir, "narrator.offline.json")));
      expect(gateCompact(summary).ok).toBe(true);
      const [verbose, compact] = ["verbose", "compact"].map((v) => summary.rows.find((r) => r.variant === v)!);
      expect(verbose.tests).toBeGreaterThanOrEqual(15);
      expect(compact.tests).toBe(verbose.tests);
      expect(verbose.errors + compact.errors).toBe(0);
      // The stand-in is deterministic and follows the tool contract, so every plumbing check
      // (schemas of the recorded tool calls, relationship names and hints, budget) passes for it:
      // a drop here is a harness or engine regression, not prompt quality.
      expect([verbose.passRate, compact.passRate]).toEqual([1, 1]);
      expect(compact.meanInputTokens!).toBeLessThan(verbose.meanInputTokens! * 0.67);
      expect(summary.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(stdout).toContain(`output fingerprint ${summary.fingerprint}`);

      const relationships = summariseRelationships(readResults(path.join(fullDir, "relationships.json")));
      expect(relationships.tests).toBeGreaterThan(100);
      expect(relationships.perType.every((t) => t.precision !== null && t.recall !== null)).toBe(true);

      // Deterministic: a second, narrator-only run into an empty folder gives the same outputs and tool calls.
      const againDir = freshResultsDir();
      const again = await evalCli(["narrator"], againDir);
      expect(again.code, again.stdout).toBe(0);
      expect(summariseNarrator(readResults(path.join(againDir, "narrator.offline.json"))).fingerprint).toBe(summary.fingerprint);
      // …and it ran only the suite it was asked for.
      expect(existsSync(path.join(againDir, "relationships.json"))).toBe(false);
      expect(again.stdout).not.toMatch(/== Relationship extraction/);

      // `npm run eval -- --view` serves promptfoo's viewer on the history of exactly these runs.
      const port = await freePort(0);
      const viewer = spawn(tsx, ["evals/run.ts", "--view", "--port", String(port)], {
        cwd: REPO_ROOT,
        env: { ...process.env, PROMPTFOO_CONFIG_DIR: path.join(fullDir, ".promptfoo") },
        stdio: "ignore",
        detached: true,
      });
      try {
        const evals = await waitFor(async () => {
          const res = await fetch(`http://localhost:${port}/api/results`).catch(() => undefined);
          return res?.ok ? ((await res.json()) as { data: Array<{ description: string }> }).data : undefined;
        }, 60_000);
        expect(evals.map((e) => e.description).sort()).toEqual([expect.stringMatching(/^Narrator prompt A\/B/), expect.stringMatching(/^Relationship extraction/)]);
      } finally {
        process.kill(-viewer.pid!, "SIGTERM");
      }
    },
  );
});

/** Polls `probe` until it returns a value (or fails after `timeoutMs`). */
async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
