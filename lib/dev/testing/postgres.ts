import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../common/freePort.ts";

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for integration tests, from Debian's `postgresql` package
 * (installed by `.ci/run` where missing). Postgres refuses to run as root, so initdb and pg_ctl run
 * as the `postgres` user through runuser, in a temporary folder, listening on a loopback port only.
 */
export interface TestPostgres {
  /** Connection string of the cluster's `postgres` database. */
  url: string;
  port: number;
  /** A fresh, empty database on this cluster (one per test file or per test keeps them apart). */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The newest installed server's bin folder, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? path.join(root, majors[0], "bin") : undefined;
}

/**
 * Why Postgres tests cannot run here, or undefined when they can. In CI a missing server is a
 * failure, not a skip: `.ci/run` installs it.
 */
export function postgresSkipReason(): string | undefined {
  if (postgresBinDir()) return undefined;
  if (process.env.CI) throw new Error("PostgreSQL server binaries are missing in CI: .ci/run must install the postgresql package");
  return "PostgreSQL is not installed (apt-get install -y postgresql); Postgres tests skipped";
}

async function asPostgres(bin: string, args: string[]): Promise<void> {
  await run("runuser", ["-u", "postgres", "--", bin, ...args], { timeout: 60_000 });
}

let databaseCounter = 0;

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed");
  const root = await mkdtemp(path.join(os.tmpdir(), "qs-pg-"));
  await chmod(root, 0o755);
  const dataDir = path.join(root, "data");
  const socketDir = path.join(root, "sock");
  const { stdout } = await run("id", ["-u", "postgres"]);
  const uid = Number(stdout.trim());
  const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
  for (const dir of [dataDir, socketDir]) {
    await mkdir(dir, { mode: 0o700 });
    await chown(dir, uid, gid);
  }
  await asPostgres(path.join(bin, "initdb"), [
    "-D", dataDir, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "-U", "postgres",
  ]);
  const port = await freePort(0);
  await asPostgres(path.join(bin, "pg_ctl"), [
    "-D", dataDir, "-w", "-l", path.join(dataDir, "server.log"), "start",
    "-o", `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name) {
      const database = name ?? `qs_test_${process.pid}_${++databaseCounter}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${database}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await asPostgres(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
}
