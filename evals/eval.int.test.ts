import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./promptfooRun.ts";
import { gateCompact, readResults, summariseNarrator, summariseRelationships } from "./summary.ts";

const run = promisify(execFile);
const resultsDir = mkdtempSync(path.join(os.tmpdir(), "qs-eval-results-"));
const tsx = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");

/** Runs `npm run eval` (evals/run.ts) offline; returns its exit code and output. */
async function evalCli(args: string[]): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, QS_EVAL_RESULTS_DIR: resultsDir, QS_EVAL_REAL: "0", QS_EVAL_GRADER: "0" };
  try {
    const { stdout } = await run(tsx, ["evals/run.ts", ...args], { cwd: REPO_ROOT, env, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "" };
  }
}

afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

describe("offline prompt A/B eval (promptfoo)", () => {
  let first = "";

  it("runs both suites offline; compact passes at least as often as verbose, on far fewer tokens", { timeout: 180_000 }, async () => {
    const { code, stdout } = await evalCli([]);
    expect(stdout).toMatch(/offline storyteller \(deterministic, not an LLM\)/);
    expect(stdout).toMatch(/Model-graded assertions .* SKIPPED: no grader configured/);
    expect(code, stdout).toBe(0);

    const summary = summariseNarrator(readResults(path.join(resultsDir, "narrator.offline.json")));
    expect(gateCompact(summary).ok).toBe(true);
    const [verbose, compact] = ["verbose", "compact"].map((v) => summary.rows.find((r) => r.variant === v)!);
    expect(verbose.tests).toBeGreaterThanOrEqual(15);
    expect(compact.tests).toBe(verbose.tests);
    expect(verbose.errors + compact.errors).toBe(0);
    expect(compact.meanInputTokens!).toBeLessThan(verbose.meanInputTokens! * 0.67);
    first = summary.fingerprint;

    const relationships = summariseRelationships(readResults(path.join(resultsDir, "relationships.json")));
    expect(relationships.tests).toBeGreaterThan(100);
    expect(relationships.perType.every((t) => t.precision !== null && t.recall !== null)).toBe(true);
  });

  it("is deterministic: a second narrator run gives the same outputs and tool calls", { timeout: 120_000 }, async () => {
    expect(first).not.toBe("");
    const { code } = await evalCli(["narrator"]);
    expect(code).toBe(0);
    expect(summariseNarrator(readResults(path.join(resultsDir, "narrator.offline.json"))).fingerprint).toBe(first);
    expect(existsSync(path.join(resultsDir, "relationships.json"))).toBe(true);
  });
});
