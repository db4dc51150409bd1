import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
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
  const env = { ...process.env, QS_EVAL_RESULTS_DIR: resultsDir, QS_EVAL_REAL: "0", QS_EVAL_GRADER: "0" };
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
    },
  );
});
