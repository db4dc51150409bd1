import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runMigrateToPostgres } from "./migrateToPostgres.ts";

/** The command's answers before it touches a database (the copy itself: lib/sessions/copyToPostgres.int.test.ts). */
describe("quietstories migrate-to-postgres (arguments)", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    let out = "";
    let err = "";
    const code = await runMigrateToPostgres(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, env);
    return { code, out, err };
  };

  it("needs a postgres:// database, from --database-url or QS_DATABASE_URL", async () => {
    const none = await run(["--data-dir", "/nowhere"]);
    expect([none.code, none.err]).toEqual([2, expect.stringContaining("no database: pass --database-url or set QS_DATABASE_URL")]);
    const wrong = await run(["--data-dir", "/nowhere", "--database-url", "mysql://db/x"]);
    expect([wrong.code, wrong.err]).toEqual([2, expect.stringContaining("--database-url must be a postgres:// URL")]);
  });

  it("refuses a folder that is not a data folder, and creates nothing in it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qs-notdata-"));
    dirs.push(dir);
    const res = await run(["--data-dir", dir], { QS_DATABASE_URL: "postgres://127.0.0.1:1/none" });
    expect(res.code).toBe(1);
    expect(res.err).toContain(`${path.join(dir, "sessions.sqlite")} not found: is ${dir} a QuietStories data folder?`);
    expect(existsSync(path.join(dir, "sessions.sqlite"))).toBe(false);
  });

  it("answers --help and unknown flags with the usage", async () => {
    expect((await run(["--help"])).out).toContain("usage: quietstories migrate-to-postgres --data-dir <dir>");
    expect((await run(["--bogus"])).code).toBe(2);
  });
});
