import { createHash } from "node:crypto";
import { z } from "zod";
import type { JsonObject } from "../common/json.ts";
import { LORE_LIMITS, type LoreEntry } from "../scenarios/lorebook.ts";
import { CARD_LIMITS, CharacterBookSchema, type CharacterBook } from "./schema.ts";

/**
 * The card's own lorebook, kept beside the session (its index row, lib/sessions) so an export gives
 * the user's book back as they wrote it: the book's own fields and every entry, the ones the engine
 * does not play included (disabled, `@@dont_activate`, regex-only), with all of their fields. It is
 * never in the scenario or the checkpointed state: the engine plays only the scenario's `lorebook`.
 */

/** The kept copy's JSON may be as large as a card's JSON may be (it came from one). */
export const KEPT_BOOK_BYTES = CARD_LIMITS.jsonBytes;

/** A digest of a played entry: how an export tells the entries the import made from ones added since. */
const DigestSchema = z.string().regex(/^[0-9a-f]{16}$/);

/** The kept book: the card's book (its own fields pass through) with the digests of the entries it played. */
export const KeptBookSchema = z.looseObject({
  entries: CharacterBookSchema.shape.entries,
  /** One digest per scenario lorebook entry the import made (docs/cards.md, Export). */
  played: z.array(DigestSchema).max(LORE_LIMITS.entries),
});
export type KeptBook = z.infer<typeof KeptBookSchema>;

/**
 * A played entry's digest. The fields are listed in a fixed order (LoreEntrySchema is strict, so
 * these are all of them) to make the digest independent of key order in the checkpoint.
 */
export function loreDigest(e: LoreEntry): string {
  const fields = [e.keys, e.content, e.name ?? null, e.case_sensitive, e.constant, e.selective, e.secondary_keys, e.order];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 16);
}

/**
 * The card's book as kept (JSON of the parsed book: the reader has filled in the spec defaults and
 * left out null optional fields), with the digests of the scenario entries the import made;
 * undefined, with a warning, when it would exceed {@link KEPT_BOOK_BYTES} (only the spec defaults
 * the reader fills in can push it there). `played` is the engine's field: a card's own is replaced.
 */
export function keepBook(book: CharacterBook, played: readonly LoreEntry[], warnings: string[]): string | undefined {
  const json = JSON.stringify({ ...book, played: played.map(loreDigest) });
  if (Buffer.byteLength(json) > KEPT_BOOK_BYTES) {
    warnings.push(`the lorebook is larger than ${KEPT_BOOK_BYTES} bytes of JSON once read; an export will write only the entries the story plays`);
    return undefined;
  }
  return json;
}

/** The kept book from its JSON, or undefined when there is none or it is not valid JSON, not a kept book, or too large. */
export function keptBookOf(json: string | undefined): KeptBook | undefined {
  if (json === undefined || Buffer.byteLength(json) > KEPT_BOOK_BYTES) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = KeptBookSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A played entry as a card's entry (its title as both `name` and `comment`: SillyTavern shows `comment`). */
export function playedAsCardEntry(e: LoreEntry, id: number, v3: boolean): JsonObject {
  return {
    keys: e.keys,
    content: e.content,
    extensions: {},
    enabled: true,
    insertion_order: e.order,
    case_sensitive: e.case_sensitive,
    constant: e.constant,
    selective: e.selective,
    secondary_keys: e.secondary_keys,
    id,
    ...(e.name ? { name: e.name, comment: e.name } : {}),
    ...(v3 ? { use_regex: false } : {}),
  };
}

/**
 * The entries an export writes for the character a card made: the card's entries as imported, then
 * every entry of the session's lorebook that the import did not make, numbered after the card's
 * highest `id` (none today: a session's lorebook is its import's; this keeps an entry added to it
 * from being dropped).
 */
export function mergedEntries(kept: KeptBook, lorebook: readonly LoreEntry[], v3: boolean): JsonObject[] {
  const made = new Set(kept.played);
  const entries = kept.entries.map((e) => JSON.parse(JSON.stringify(e)) as JsonObject);
  const ids = entries.map((e) => e.id).filter((id): id is number => typeof id === "number" && Number.isFinite(id));
  let next = Math.floor(Math.max(entries.length - 1, ...ids)) + 1;
  for (const e of lorebook) if (!made.has(loreDigest(e))) entries.push(playedAsCardEntry(e, next++, v3));
  return entries;
}
