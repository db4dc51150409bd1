import { spawn } from "node:child_process";
import { freePort } from "../common/freePort.ts";
import { loadEnv } from "../config/env.ts";

/**
 * `npm run studio`: serves the turn graph with the LangGraph dev server (langgraph.json) on a
 * free port — 2024 is often taken on shared machines — and prints how to open it in Studio.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const port = env.STUDIO_PORT ?? (await freePort(2025));
  const url = `http://127.0.0.1:${port}`;
  process.stdout.write(
    [
      `LangGraph dev server (local, offline) on ${url}; Studio threads keep their data in ${env.QS_STUDIO_DATA_DIR}`,
      `Open Studio (hosted by LangChain, needs internet): https://smith.langchain.com/studio/?baseUrl=${encodeURIComponent(url)}`,
      "",
    ].join("\n"),
  );
  const child = spawn("npx", ["langgraphjs", "dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser"], {
    stdio: "inherit",
    env: { ...process.env, LANGSMITH_TRACING: process.env.LANGSMITH_TRACING ?? "false" },
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
