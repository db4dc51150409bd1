import path from "node:path";
import { parseArgs } from "node:util";
import { OFFLINE_MODEL_LABEL } from "../lib/config/env.ts";
import { GRADED_CONFIG, graderSetup, PROMPTFOO_HOME, promptfooEnv, REPO_ROOT, runPromptfoo, SUITE_CONFIGS, SUITES, type Suite, viewPromptfoo } from "./promptfooRun.ts";
import { formatNarratorTable, formatRelationshipTable, gateCompact, readResults, summariseNarrator, summariseRelationships } from "./summary.ts";

/**
 * `npm run eval [-- narrator|relationships] [--real] [--grader]`
 *
 * Runs the promptfoo suites (both by default), writes results JSON under evals/results/ and prints
 * the comparison tables. Offline by default: the offline storyteller, no network. `--real` (or
 * QS_EVAL_REAL=1) plays the turns on the configured OpenAI-compatible endpoint; model-graded
 * assertions run only when a grader is configured (see promptfooRun.ts `graderSetup`).
 * QS_EVAL_RESULTS_DIR moves the results elsewhere (the integration test uses a temp dir).
 * Exit codes: 0 ok; 1 the compact variant's pass rate is below the verbose one's; 2 promptfoo
 * could not run a suite (or the command line / environment is wrong).
 */
const USAGE = "usage: npm run eval [-- [narrator] [relationships] [--real] [--grader]]\n       npm run eval -- --view [--port 15500]   (promptfoo's viewer on the results of earlier runs)";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const say = (text = "") => process.stdout.write(`${text}\n`);

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      real: { type: "boolean" },
      grader: { type: "boolean" },
      view: { type: "boolean" },
      port: { type: "string", default: "15500" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (parsed.values.help) {
  say(USAGE);
  process.exit(0);
}
if (parsed.values.view) {
  const port = Number(parsed.values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a port number\n${USAGE}`);
  say(`promptfoo viewer on http://localhost:${port}/ with the eval history in ${path.relative(REPO_ROOT, PROMPTFOO_HOME)} (Ctrl-C stops it)`);
  process.exit(await viewPromptfoo(port, promptfooEnv(false)));
}
const unknown = parsed.positionals.filter((p) => !(SUITES as readonly string[]).includes(p));
if (unknown.length > 0) fail(`unknown suite ${unknown.join(", ")}; suites: ${SUITES.join(", ")}\n${USAGE}`);
const suites: Suite[] = parsed.positionals.length > 0 ? (parsed.positionals as Suite[]) : [...SUITES];
const real = parsed.values.real === true || process.env.QS_EVAL_REAL === "1" || process.env.QS_EVAL_REAL === "true";
if (real && !process.env.OPENAI_BASE_URL && !process.env.OPENAI_API_KEY) {
  fail("--real needs OPENAI_BASE_URL (Ollama, vLLM, LM Studio, the simulator...) or OPENAI_API_KEY (OpenAI); QS_MODEL names the model");
}

const resultsDir = path.resolve(process.env.QS_EVAL_RESULTS_DIR || path.join(REPO_ROOT, "evals", "results"));
let exitCode = 0;
const started = Date.now();

if (suites.includes("narrator")) {
  const grader = graderSetup(real, parsed.values.grader === true);
  say(`== Narrator prompt A/B (verbose vs compact) — ${real ? "configured endpoint" : OFFLINE_MODEL_LABEL}`);
  if (grader.enabled) say(`Model-graded assertions (llm-rubric narrative_quality, select-best best_variant) graded by ${grader.model}.`);
  else say(`Model-graded assertions (llm-rubric narrative_quality, select-best best_variant) SKIPPED: ${grader.reason}.`);
  const configs = [SUITE_CONFIGS.narrator, ...(grader.enabled ? [GRADED_CONFIG] : [])];
  const output = path.join(resultsDir, `narrator.${real ? "real" : "offline"}.json`);
  const run = await runPromptfoo(configs, output, promptfooEnv(real, grader.enabled ? grader.env : {}));
  if (!run.ran) {
    say(`promptfoo failed to run the narrator suite (exit ${run.exitCode})`);
    exitCode = 2;
  } else {
    const summary = summariseNarrator(readResults(output));
    const gate = gateCompact(summary);
    say();
    say(`Model: ${summary.model}`);
    say(formatNarratorTable(summary));
    say(`(${(run.ms / 1000).toFixed(1)} s; results ${path.relative(REPO_ROOT, output)}; output fingerprint ${summary.fingerprint})`);
    say(gate.ok ? `OK ${gate.reason}` : `FAIL ${gate.reason}`);
    if (!real) say("The offline storyteller is a deterministic stand-in: these pass rates test the harness and the prompt plumbing, not narrative quality.");
    if (!gate.ok) exitCode = Math.max(exitCode, 1);
  }
  say();
}

if (suites.includes("relationships")) {
  say("== Relationship extraction (rule-based) on the labelled memories — reported, not gated");
  const output = path.join(resultsDir, "relationships.json");
  const run = await runPromptfoo([SUITE_CONFIGS.relationships], output, promptfooEnv(false));
  if (!run.ran) {
    say(`promptfoo failed to run the relationships suite (exit ${run.exitCode})`);
    exitCode = 2;
  } else {
    say();
    say(formatRelationshipTable(summariseRelationships(readResults(output))));
    say(`(${(run.ms / 1000).toFixed(1)} s; results ${path.relative(REPO_ROOT, output)})`);
  }
  say();
}

say(`eval finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${exitCode}`);
process.exit(exitCode);
