import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Env } from "../../lib/config/env.ts";
import { formatIssues } from "../../lib/scenarios/schema.ts";

/** Who is calling: the key's name (null when keys are off) and whether it sees every session. */
export interface Principal {
  name: string | null;
  admin: boolean;
}

/** Without keys the one local user sees everything, as before keys existed. */
export const LOCAL_USER: Principal = { name: null, admin: true };

/** One configured key: only its SHA-256 is kept in memory, never the key itself. */
interface StoredKey {
  name: string;
  hash: Buffer;
  admin: boolean;
}

/** Keys shorter than this are refused at start-up: a short key can be guessed. */
export const MIN_KEY_LENGTH = 16;
const KEY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const ADMIN_NAME = "admin";

const KeysFileSchema = z.strictObject({
  keys: z.array(
    z.strictObject({
      name: z.string().regex(KEY_NAME, "a name is 1-64 letters, digits, '_', '.' or '-'"),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "sha256 is the key's SHA-256 as 64 lowercase hex digits"),
      admin: z.boolean().optional(),
    }),
  ),
});

export class ApiKeyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid API key configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ApiKeyConfigError";
  }
}

export const sha256 = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

/**
 * The configured API keys (QS_API_KEYS, QS_API_KEYS_FILE, QS_ADMIN_KEY). Empty = keys are off and
 * every caller is the local user.
 */
export class ApiKeys {
  private constructor(private readonly keys: StoredKey[]) {}

  static none(): ApiKeys {
    return new ApiKeys([]);
  }

  /** Reads and checks every source; throws ApiKeyConfigError listing every problem. */
  static fromEnv(env: Pick<Env, "QS_API_KEYS" | "QS_API_KEYS_FILE" | "QS_ADMIN_KEY">): ApiKeys {
    const problems: string[] = [];
    const keys: StoredKey[] = [];
    const plain = (name: string, key: string, admin: boolean, where: string) => {
      if (!KEY_NAME.test(name)) problems.push(`${where}: key name ${JSON.stringify(name)} must be 1-64 letters, digits, '_', '.' or '-'`);
      else if (key.length < MIN_KEY_LENGTH) problems.push(`${where}: the key of ${name} is shorter than ${MIN_KEY_LENGTH} characters`);
      else keys.push({ name, hash: sha256(key), admin });
    };
    for (const entry of (env.QS_API_KEYS ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
      const colon = entry.indexOf(":");
      if (colon < 0) problems.push(`QS_API_KEYS: expected "name:key", got an entry without ":"`);
      else plain(entry.slice(0, colon).trim(), entry.slice(colon + 1).trim(), false, "QS_API_KEYS");
    }
    if (env.QS_ADMIN_KEY) plain(ADMIN_NAME, env.QS_ADMIN_KEY, true, "QS_ADMIN_KEY");
    if (env.QS_API_KEYS_FILE) {
      try {
        const parsed = KeysFileSchema.safeParse(JSON.parse(readFileSync(env.QS_API_KEYS_FILE, "utf8")));
        if (!parsed.success) problems.push(...formatIssues(parsed.error).map((p) => `QS_API_KEYS_FILE: ${p}`));
        else for (const k of parsed.data.keys) keys.push({ name: k.name, hash: Buffer.from(k.sha256, "hex"), admin: k.admin ?? false });
      } catch (error) {
        problems.push(`QS_API_KEYS_FILE: cannot read ${env.QS_API_KEYS_FILE}: ${(error as Error).message}`);
      }
    }
    const names = keys.map((k) => k.name);
    for (const dup of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`key name ${dup} is configured twice`);
    const hashes = keys.map((k) => k.hash.toString("hex"));
    if (new Set(hashes).size !== hashes.length) problems.push("the same key is configured under two names");
    if (problems.length) throw new ApiKeyConfigError(problems);
    return new ApiKeys(keys);
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  get size(): number {
    return this.keys.length;
  }

  /**
   * The principal of a presented key, or undefined. Every stored hash is compared in constant
   * time, and all of them are always compared, so timing tells nothing about which key is close.
   */
  verify(presented: string): Principal | undefined {
    const hash = sha256(presented);
    let found: StoredKey | undefined;
    for (const key of this.keys) if (timingSafeEqual(key.hash, hash) && !found) found = key;
    return found ? { name: found.name, admin: found.admin } : undefined;
  }
}
