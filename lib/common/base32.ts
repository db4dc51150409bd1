import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** Lowercase base-32 characters (a-z, 2-7), one per byte: for ids that are safe in paths and URLs. */
export function base32(bytes: Uint8Array, length = bytes.length): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 32];
  return out;
}

/** `length` random base-32 characters. */
export function randomBase32(length: number): string {
  return base32(randomBytes(length));
}
