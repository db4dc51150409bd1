import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../common/freePort.ts";

/** The repository root: the child runs `server/index.ts` from there, whatever the caller's cwd. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** How long stop() waits after SIGTERM before it sends SIGKILL. */
const KILL_AFTER_MS = 5_000;

/** The real server as a child process (`tsx server/index.ts`), for restart and browser tests. */
export interface ChildServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  /**
   * Sends SIGTERM and resolves with the exit code; if the process has not exited after a few
   * seconds it is killed with SIGKILL (the code is then null).
   */
  stop(): Promise<number | null>;
}

/**
 * The child's environment: the caller's process env without any model configuration (QS_MODEL,
 * OPENAI_*), offline model and embeddings, then `env` on top — pass a variable there to use it.
 */
function childEnv(port: number, env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(inherited)) {
    if (name === "QS_MODEL" || name.startsWith("OPENAI_")) delete inherited[name];
  }
  return {
    ...inherited,
    QS_MODEL_PROVIDER: "offline",
    QS_EMBEDDINGS: "offline",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...env,
  };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts the real server in its own process and waits until GET /health answers. */
export async function startChildServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildServer> {
  const port = await freePort(0);
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: REPO_ROOT,
    env: childEnv(port, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child)) throw new Error(`server exited early (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  let stopping: Promise<number | null> | undefined;
  return {
    url,
    child,
    output: () => output,
    stop() {
      stopping ??= new Promise((resolve) => {
        if (hasExited(child)) return resolve(child.exitCode);
        const killer = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
        child.once("exit", (code) => {
          clearTimeout(killer);
          resolve(code);
        });
        child.kill("SIGTERM");
      });
      return stopping;
    },
  };
}
