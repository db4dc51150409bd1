/**
 * Runs the simulated model server by hand:
 *   tsx dev/simulator/main.ts --port 4010 --ttft-ms 800 --per-token-ms 25 --prefill-ms-per-1k 150 --jitter 0.1 --seed 7
 * then point a client at it: OPENAI_BASE_URL=http://127.0.0.1:4010/v1 OPENAI_API_KEY=sim …
 * It uses the default script (a short narrative echoing the last user message). SIGINT/SIGTERM close it.
 */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startSimulatedModelServer } from "./openaiServer.ts";
import type { SimulatorOptions } from "./types.ts";

const USAGE = `Usage: tsx dev/simulator/main.ts [--host 127.0.0.1] [--port 4010] [--model sim-model]
  [--ttft-ms 0] [--per-token-ms 0] [--prefill-ms-per-1k 0] [--jitter 0] [--seed 1]`;

/** Parses the command line into simulator options; throws with the usage text on bad input. */
export function parseCliOptions(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      model: { type: "string" },
      "ttft-ms": { type: "string" },
      "per-token-ms": { type: "string" },
      "prefill-ms-per-1k": { type: "string" },
      jitter: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new Error(USAGE);
  const num = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`--${name} expects a number, got "${raw}"\n${USAGE}`);
    return value;
  };
  return {
    host: values.host,
    port: num("port", values.port),
    modelId: values.model,
    latency: {
      ttftMs: num("ttft-ms", values["ttft-ms"]),
      perTokenMs: num("per-token-ms", values["per-token-ms"]),
      prefillMsPer1kInputTokens: num("prefill-ms-per-1k", values["prefill-ms-per-1k"]),
      jitter: num("jitter", values.jitter),
      seed: num("seed", values.seed),
    },
  };
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const server = await startSimulatedModelServer(options);
  process.stdout.write(
    `Simulated model server listening on ${server.baseURL}\n` +
      `  OPENAI_BASE_URL=${server.baseURL} OPENAI_API_KEY=sim  (model "${options.modelId ?? "sim-model"}")\n`,
  );
  const shutdown = (signal: NodeJS.Signals): void => {
    process.stdout.write(`\n${signal}: closing the simulated model server\n`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
