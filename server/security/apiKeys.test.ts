import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiKeyConfigError, ApiKeys, sha256 } from "./apiKeys.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "qs-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keysFile(content: unknown): string {
  const file = path.join(dir, `keys-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function problemsOf(env: Parameters<typeof ApiKeys.fromEnv>[0]): string[] {
  try {
    ApiKeys.fromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiKeyConfigError);
    return (error as ApiKeyConfigError).problems;
  }
  return [];
}

describe("API keys", () => {
  it("are off when nothing is configured", () => {
    expect(ApiKeys.fromEnv({}).enabled).toBe(false);
    expect(ApiKeys.none().verify("anything")).toBeUndefined();
  });

  it("names each key from QS_API_KEYS and the admin key, and knows no other", () => {
    const keys = ApiKeys.fromEnv({ QS_API_KEYS: "alice:alice-key-0123456789, bob : bob-key-0123456789ab", QS_ADMIN_KEY: "root-key-0123456789" });
    expect(keys.size).toBe(3);
    expect(keys.verify("alice-key-0123456789")).toEqual({ name: "alice", admin: false });
    expect(keys.verify("bob-key-0123456789ab")).toEqual({ name: "bob", admin: false });
    expect(keys.verify("root-key-0123456789")).toEqual({ name: "admin", admin: true });
    expect(keys.verify("alice-key-012345678")).toBeUndefined();
    expect(keys.verify("")).toBeUndefined();
  });

  it("reads hashed keys from QS_API_KEYS_FILE; the file never holds a key itself", () => {
    const file = keysFile({ keys: [{ name: "carol", sha256: sha256("carol-key-0123456789").toString("hex") }, { name: "ops", sha256: sha256("ops-key-0123456789ab").toString("hex"), admin: true }] });
    const keys = ApiKeys.fromEnv({ QS_API_KEYS_FILE: file });
    expect(keys.verify("carol-key-0123456789")).toEqual({ name: "carol", admin: false });
    expect(keys.verify("ops-key-0123456789ab")).toEqual({ name: "ops", admin: true });
  });

  it("refuses short keys, bad names, duplicates and bad files, listing every problem", () => {
    expect(problemsOf({ QS_API_KEYS: "alice:short" })).toEqual([expect.stringMatching(/shorter than 16/)]);
    expect(problemsOf({ QS_API_KEYS: "no-colon-here-0123456789" })).toEqual([expect.stringMatching(/name:key/)]);
    expect(problemsOf({ QS_API_KEYS: "al ice:alice-key-0123456789" })).toEqual([expect.stringMatching(/key name/)]);
    expect(problemsOf({ QS_API_KEYS: "a:alice-key-0123456789,a:other-key-0123456789" })).toEqual([expect.stringMatching(/a is configured twice/)]);
    expect(problemsOf({ QS_API_KEYS: "a:same-key-0123456789,b:same-key-0123456789" })).toEqual([expect.stringMatching(/same key/)]);
    expect(problemsOf({ QS_API_KEYS_FILE: keysFile({ keys: [{ name: "x", sha256: "not hex" }] }) })).toEqual([expect.stringMatching(/QS_API_KEYS_FILE: keys\.0\.sha256/)]);
    expect(problemsOf({ QS_API_KEYS_FILE: keysFile("{ not json") })).toEqual([expect.stringMatching(/cannot read/)]);
    expect(problemsOf({ QS_API_KEYS_FILE: path.join(dir, "missing.json") })).toEqual([expect.stringMatching(/cannot read/)]);
    expect(problemsOf({ QS_API_KEYS: "a:short,b:alsoshort" })).toHaveLength(2);
  });
});
