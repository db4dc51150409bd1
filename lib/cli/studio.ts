import { spawn } from "node:child_process";
import { createServer } from "node:net";

/**
 * `npm run studio`: serves the turn graph with the LangGraph dev server (langgraph.json) on a
 * free port — 2024 is often taken on shared machines — and prints how to open it in Studio.
 */
export async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.STUDIO_PORT) || (await freePort(2025));
  const url = `http://127.0.0.1:${port}`;
  process.stdout.write(
    `LangGraph dev server on ${url}\nOpen Studio: https://smith.langchain.com/studio/?baseUrl=${encodeURIComponent(url)}\n`,
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
