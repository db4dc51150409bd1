import { z } from "zod";

/** Lorebook limits (docs/cards.md): a lorebook lives in the session's checkpoint, so it stays small. */
export const LORE_LIMITS = {
  entries: 256,
  keysPerEntry: 32,
  keyChars: 100,
  contentChars: 8000,
  totalContentChars: 200_000,
} as const;

/**
 * One lorebook entry as a scenario keeps it: a world fact brought into a turn when one of its
 * keys appears in the player's input or the recent narrative. `constant` entries are always in;
 * `selective` ones also need one of their `secondary_keys`.
 */
export const LoreEntrySchema = z.strictObject({
  keys: z.array(z.string().min(1).max(LORE_LIMITS.keyChars)).max(LORE_LIMITS.keysPerEntry).default([]),
  content: z.string().min(1).max(LORE_LIMITS.contentChars),
  name: z.string().max(200).optional(),
  case_sensitive: z.boolean().default(false),
  constant: z.boolean().default(false),
  selective: z.boolean().default(false),
  secondary_keys: z.array(z.string().min(1).max(LORE_LIMITS.keyChars)).max(LORE_LIMITS.keysPerEntry).default([]),
  /** Lower first when several entries are in (the card's `insertion_order`). */
  order: z.number().finite().default(100),
});
export type LoreEntry = z.infer<typeof LoreEntrySchema>;

export const LORE_ENTRIES_MESSAGE = `a lorebook holds at most ${LORE_LIMITS.entries} entries`;

/** The total-content limit of a lorebook (the scenario's book and a card's; `.max` bounds the entries first). */
export function checkLorebookSize(entries: ReadonlyArray<{ content: string }>, ctx: z.RefinementCtx): void {
  const total = entries.reduce((n, e) => n + e.content.length, 0);
  if (total > LORE_LIMITS.totalContentChars)
    ctx.addIssue({ code: "custom", message: `lorebook content totals ${total} characters; the limit is ${LORE_LIMITS.totalContentChars}` });
}

export const LorebookSchema = z
  .array(LoreEntrySchema)
  .max(LORE_LIMITS.entries, LORE_ENTRIES_MESSAGE)
  .superRefine((entries, ctx) => {
    checkLorebookSize(entries, ctx);
    entries.forEach((e, i) => {
      if (!e.constant && e.keys.length === 0) ctx.addIssue({ code: "custom", path: [i, "keys"], message: "an entry that is not constant needs at least one key" });
    });
  });

/** A lorebook entry brought into a turn, and why. */
export interface ActiveLore {
  index: number;
  entry: LoreEntry;
  /** The key that matched, or "constant". */
  matched: string;
}

const WORD = /[\p{L}\p{N}_]/u;
const NON_WORD = /[^\p{L}\p{N}_]+/u;
const SINGLE_WORD = /^[\p{L}\p{N}_]+$/u;

/**
 * Whether `key` occurs in `text` as a whole word or phrase ("Vell" is in "Vell Harbour", not in
 * "Vellum"), honouring case sensitivity. Keys that start or end with punctuation match anywhere.
 * `lowered` is `text.toLowerCase()` when the caller already has it (a turn checks thousands of keys).
 */
export function keyOccurs(key: string, text: string, caseSensitive: boolean, lowered?: string): boolean {
  const needle = caseSensitive ? key.trim() : key.trim().toLowerCase();
  const hay = caseSensitive ? text : (lowered ?? text.toLowerCase());
  if (!needle) return false;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    const startOk = !WORD.test(needle[0]) || before === undefined || !WORD.test(before);
    const endOk = !WORD.test(needle[needle.length - 1]) || after === undefined || !WORD.test(after);
    if (startOk && endOk) return true;
  }
  return false;
}

/**
 * The entries a turn brings in for `text` (the input and the recent narrative): constant entries,
 * and keyed entries with a key in the text (and, when selective with secondary keys, one of
 * those too). Ordered by `order`, then by position in the book. Pure.
 */
export function activateLore(entries: readonly LoreEntry[], text: string): ActiveLore[] {
  const active: ActiveLore[] = [];
  const lowered = text.toLowerCase();
  // Most keys are one word: a set lookup instead of a scan of the text (a book can hold 8,192 keys).
  const words = { exact: new Set(text.split(NON_WORD)), lower: new Set(lowered.split(NON_WORD)) };
  const occurs = (k: string, entry: LoreEntry) => {
    const key = k.trim();
    if (SINGLE_WORD.test(key)) return entry.case_sensitive ? words.exact.has(key) : words.lower.has(key.toLowerCase());
    return keyOccurs(key, text, entry.case_sensitive, lowered);
  };
  entries.forEach((entry, index) => {
    if (entry.constant) return void active.push({ index, entry, matched: "constant" });
    const key = entry.keys.find((k) => occurs(k, entry));
    if (key === undefined) return;
    if (entry.selective && entry.secondary_keys.length > 0 && !entry.secondary_keys.some((k) => occurs(k, entry))) return;
    active.push({ index, entry, matched: key });
  });
  return active.sort((a, b) => a.entry.order - b.entry.order || a.index - b.index);
}
