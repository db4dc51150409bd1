import { createHash } from "node:crypto";
import { z } from "zod";
import type { Json, JsonObject } from "../common/json.ts";
import { LORE_LIMITS, type LoreEntry } from "../scenarios/lorebook.ts";
import { CARD_LIMITS, CharacterBookSchema, type CardBookEntry } from "./schema.ts";

/**
 * The card's own lorebook entries, kept with the scenario's metadata (`metadata.character_book`)
 * so an export gives the user's book back as they wrote it: every entry, the ones the engine does
 * not play included (disabled, `@@dont_activate`, regex-only), with all of its fields. The engine
 * plays only the scenario's `lorebook`; these entries are never read during a turn.
 */

/** The kept copy's JSON may be as large as a card's JSON may be (it came from one). */
export const KEPT_BOOK_BYTES = CARD_LIMITS.jsonBytes;

/** A digest of a played entry: how an export tells the entries the import made from ones added since. */
const DigestSchema = z.string().regex(/^[0-9a-f]{16}$/);

/** What `metadata.character_book` holds besides the book's settings; validated again on export. */
export const KeptBookSchema = z
  .object({
    entries: CharacterBookSchema.shape.entries,
    /** One digest per scenario lorebook entry the import made (docs/cards.md, Export). */
    played: z.array(DigestSchema).max(LORE_LIMITS.entries),
  })
  .superRefine((book, ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(book.entries));
    if (bytes > KEPT_BOOK_BYTES) ctx.addIssue({ code: "custom", path: ["entries"], message: `the kept entries take ${bytes} bytes of JSON; the limit is ${KEPT_BOOK_BYTES}` });
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
 * The card's entries as metadata keeps them (a JSON copy of the parsed entries: the reader has
 * filled in the spec defaults and left out null optional fields), with the
 * digests of the scenario entries the import made; undefined, with a warning, when the copy would
 * exceed {@link KEPT_BOOK_BYTES} (only the spec defaults the reader fills in can push it there).
 */
export function keepBook(entries: readonly CardBookEntry[], played: readonly LoreEntry[], warnings: string[]): { entries: Json; played: string[] } | undefined {
  const json = JSON.stringify(entries);
  if (Buffer.byteLength(json) > KEPT_BOOK_BYTES) {
    warnings.push(`the lorebook's entries are larger than ${KEPT_BOOK_BYTES} bytes of JSON once read; an export will write only the entries the story plays`);
    return undefined;
  }
  return { entries: JSON.parse(json) as Json, played: played.map(loreDigest) };
}

/** The kept book in a scenario's `metadata.character_book`, or undefined when there is none or it is invalid. */
export function keptBookOf(bookMetadata: Json | undefined): KeptBook | undefined {
  const parsed = KeptBookSchema.safeParse(bookMetadata);
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
 * every entry of the session's lorebook that the import did not make (an entry added, or changed,
 * in the scenario's `lorebook` after the import), numbered after the card's highest `id`.
 */
export function mergedEntries(kept: KeptBook, lorebook: readonly LoreEntry[], v3: boolean): JsonObject[] {
  const made = new Set(kept.played);
  const entries = kept.entries.map((e) => JSON.parse(JSON.stringify(e)) as JsonObject);
  const ids = entries.map((e) => e.id).filter((id): id is number => typeof id === "number" && Number.isFinite(id));
  let next = Math.floor(Math.max(entries.length - 1, ...ids)) + 1;
  for (const e of lorebook) if (!made.has(loreDigest(e))) entries.push(playedAsCardEntry(e, next++, v3));
  return entries;
}
