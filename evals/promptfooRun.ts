import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (evals/ is one level down). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The eval suites: the narrator A/B and the relationship extraction. */
export const SUITES = ["narrator", "relationships"] as const;
export type Suite = (typeof SUITES)[number];

/** Where promptfoo keeps our eval history (SQLite, logs): inside the repo, gitignored. */
export const PROMPTFOO_HOME = path.join(REPO_ROOT, "evals", ".promptfoo");

/** Config files of each suite, relative to the repo root. */
export const SUITE_CONFIGS: Readonly<Record<Suite, string>> = {
  narrator: "evals/promptfooconfig.yaml",
  relationships: "evals/relationships.yaml",
};
/** Added to the narrator suite when a grader is configured. */
export const GRADED_CONFIG = "evals/graded.yaml";

/**
 * promptfoo's environment: no telemetry, update check, sharing or remote generation, no cache,
 * its state (SQLite, logs) inside the repo under evals/.promptfoo (gitignored). `real` picks the
 * engine's model for the provider: the configured endpoint, or the offline storyteller.
 */
export function promptfooEnv(real: boolean, extra: NodeJS.ProcessEnv = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PROMPTFOO_DISABLE_TELEMETRY: "1",
    PROMPTFOO_DISABLE_UPDATE: "1",
    PROMPTFOO_DISABLE_SHARING: "1",
    PROMPTFOO_DISABLE_REMOTE_GENERATION: "1",
    PROMPTFOO_CACHE_ENABLED: "false",
    // The eval history promptfoo's viewer shows; tests point it at a temporary folder.
    PROMPTFOO_CONFIG_DIR: base.PROMPTFOO_CONFIG_DIR || PROMPTFOO_HOME,
    QS_EVAL_REAL: real ? "1" : "0",
    NODE_NO_WARNINGS: "1",
    ...extra,
  };
}

/** Whether the model-graded assertions run, and with which grader settings; or why not. */
export type GraderSetup = { enabled: true; model: string; env: NodeJS.ProcessEnv } | { enabled: false; reason: string };

/**
 * Decides on the model-graded assertions (graded.yaml). They run when asked for (--grader or
 * QS_EVAL_GRADER=1; --real asks unless QS_EVAL_GRADER=0) and an OpenAI-compatible endpoint is
 * configured; otherwise they are skipped and the reason says why.
 */
export function graderSetup(real: boolean, flag: boolean, env: NodeJS.ProcessEnv = process.env): GraderSetup {
  const setting = env.QS_EVAL_GRADER;
  const wanted = flag || setting === "1" || setting === "true" || (real && setting !== "0" && setting !== "false");
  if (!wanted) {
    return { enabled: false, reason: "no grader configured (set QS_EVAL_GRADER=1 with OPENAI_BASE_URL / OPENAI_API_KEY, or run with --real)" };
  }
  const baseURL = env.QS_GRADER_BASE_URL || env.OPENAI_BASE_URL;
  const apiKey = env.QS_GRADER_API_KEY || env.OPENAI_API_KEY;
  if (!baseURL && !apiKey) {
    return { enabled: false, reason: "a grader was asked for but neither QS_GRADER_BASE_URL / OPENAI_BASE_URL nor OPENAI_API_KEY is set" };
  }
  const model = env.QS_GRADER_MODEL || env.QS_MODEL || "gpt-4o-mini";
  return {
    enabled: true,
    model: `${model} via ${baseURL ?? "api.openai.com"}`,
    env: { QS_GRADER_MODEL: model, QS_GRADER_BASE_URL: baseURL ?? "https://api.openai.com/v1", QS_GRADER_API_KEY: apiKey ?? "not-needed" },
  };
}

/** How a promptfoo run ended: its exit code (100 = some assertion failed) and the results file. */
export interface PromptfooRun {
  exitCode: number;
  /** True when promptfoo ran the suite and wrote results (exit 0 or 100 and the file exists). */
  ran: boolean;
  output: string;
  ms: number;
}

/**
 * Runs `promptfoo eval` on config files (paths relative to the repo root) and writes the results
 * JSON to `output`. promptfoo's own summary goes to this process's stdout/stderr.
 */
export async function runPromptfoo(configs: string[], output: string, env: NodeJS.ProcessEnv): Promise<PromptfooRun> {
  mkdirSync(path.dirname(output), { recursive: true });
  mkdirSync(env.PROMPTFOO_CONFIG_DIR ?? PROMPTFOO_HOME, { recursive: true });
  rmSync(output, { force: true });
  const bin = path.join(REPO_ROOT, "node_modules", "promptfoo", "dist", "src", "entrypoint.js");
  const args = [bin, "eval", ...configs.flatMap((c) => ["-c", c]), "-o", output, "--no-progress-bar", "--no-cache", "--no-table"];
  const started = Date.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  return { exitCode, ran: (exitCode === 0 || exitCode === 100) && existsSync(output), output, ms: Date.now() - started };
}

/**
 * `npm run eval -- --view`: promptfoo's web viewer on our eval history (plain `npx promptfoo view`
 * looks in ~/.promptfoo and finds nothing). Serves until interrupted; never opens a browser itself.
 */
export async function viewPromptfoo(port: number, env: NodeJS.ProcessEnv): Promise<number> {
  const bin = path.join(REPO_ROOT, "node_modules", "promptfoo", "dist", "src", "entrypoint.js");
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "view", "--no", "--port", String(port)], { cwd: REPO_ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}
