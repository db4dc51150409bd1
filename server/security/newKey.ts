import { randomBytes } from "node:crypto";
import { sha256 } from "./apiKeys.ts";

/**
 * `npx tsx server/security/newKey.ts <name> [--admin]`: makes a random API key and prints it once,
 * with the line for QS_API_KEYS_FILE (which holds only the key's SHA-256).
 */
const [name, flag] = process.argv.slice(2);
if (!name || !/^[A-Za-z0-9_.-]{1,64}$/.test(name) || (flag !== undefined && flag !== "--admin")) {
  process.stderr.write("usage: npx tsx server/security/newKey.ts <name> [--admin]   (name: 1-64 letters, digits, '_', '.' or '-')\n");
  process.exit(2);
}
const key = `qs_${randomBytes(32).toString("base64url")}`;
const entry = { name, sha256: sha256(key).toString("hex"), ...(flag ? { admin: true } : {}) };
process.stdout.write(
  [
    `key for ${name} (shown once; give it to its holder): ${key}`,
    `entry for the keys file (QS_API_KEYS_FILE, inside "keys": [ … ]): ${JSON.stringify(entry)}`,
    `or in the environment: QS_API_KEYS=${name}:${key}`,
    "",
  ].join("\n"),
);
