import { z } from "zod";
import { JsonSchema } from "../common/json.ts";
import { checkLorebookSize, LORE_ENTRIES_MESSAGE, LORE_LIMITS } from "../scenarios/lorebook.ts";

/** Import limits (docs/cards.md). */
export const CARD_LIMITS = {
  /** A PNG card's bytes (the portrait included). */
  pngBytes: 8 * 1024 * 1024,
  /** A card's JSON text (a JSON file, or the decoded tEXt chunk of a PNG). */
  jsonBytes: 512 * 1024,
  /** Each text field (description, personality, scenario, greetings, ...). */
  fieldChars: 32_000,
  alternateGreetings: 32,
  tags: 64,
  /**
   * Keys a card's lorebook entry may carry, and their length: looser than the scenario's own
   * (LORE_LIMITS), because regex keys run long and are dropped anyway; mapping keeps what fits.
   */
  entryKeys: 256,
  entryKeyChars: 1000,
} as const;

/** A card's invalid input, said in words; the API answers it 400 and the CLI prints it. */
export class CardError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "CardError";
  }
}

/** Text fields: real cards often carry null or omit them; both read as "". */
const text = (max: number = CARD_LIMITS.fieldChars) =>
  z.preprocess((v) => v ?? "", z.string({ error: "must be a string" }).max(max, `longer than ${max} characters`));
const strings = (maxItems: number, maxChars: number) =>
  z.preprocess((v) => v ?? [], z.array(z.string().max(maxChars, `longer than ${maxChars} characters`)).max(maxItems, `more than ${maxItems} items`));
const flag = z.preprocess((v) => v ?? undefined, z.boolean().optional());
const optionalText = (max: number) => z.preprocess((v) => v ?? undefined, z.string({ error: "must be a string" }).max(max, `longer than ${max} characters`).optional());
const JsonObject = z.record(z.string(), JsonSchema);

/**
 * A lorebook entry as V2/V3 cards write it. Missing `enabled` reads as true and missing
 * `insertion_order` as 100 (the spec requires both; older tools omit them). Fields the spec marks
 * optional and the engine does not use (`id`, `priority`, `position`) pass through unchecked.
 */
export const CardBookEntrySchema = z.looseObject({
  keys: strings(CARD_LIMITS.entryKeys, CARD_LIMITS.entryKeyChars),
  content: text(LORE_LIMITS.contentChars),
  enabled: z.preprocess((v) => v ?? true, z.boolean()),
  insertion_order: z.preprocess((v) => v ?? 100, z.number().finite()),
  case_sensitive: flag,
  name: optionalText(200),
  comment: optionalText(CARD_LIMITS.fieldChars),
  selective: flag,
  secondary_keys: strings(CARD_LIMITS.entryKeys, CARD_LIMITS.entryKeyChars),
  constant: flag,
  use_regex: flag,
  extensions: z.preprocess((v) => v ?? {}, JsonObject),
});
export type CardBookEntry = z.infer<typeof CardBookEntrySchema>;

export const CharacterBookSchema = z.looseObject({
  name: optionalText(200),
  description: z.preprocess((v) => v ?? undefined, z.string().max(CARD_LIMITS.fieldChars).optional()),
  extensions: z.preprocess((v) => v ?? {}, JsonObject),
  // scan_depth, token_budget, recursive_scanning: optional, not used, kept for export (mapping.ts).
  entries: z
    .array(CardBookEntrySchema)
    .max(LORE_LIMITS.entries, LORE_ENTRIES_MESSAGE)
    .superRefine(checkLorebookSize),
});
export type CharacterBook = z.infer<typeof CharacterBookSchema>;

/** The character fields shared by V1 (at the root), V2 and V3 (under `data`). */
export const CardDataSchema = z.looseObject({
  name: z.string({ error: "the card has no name" }).trim().min(1, "the card's name is empty").max(200),
  description: text(),
  personality: text(),
  scenario: text(),
  first_mes: text(),
  mes_example: text(),
  creator_notes: text(),
  system_prompt: text(),
  post_history_instructions: text(),
  alternate_greetings: strings(CARD_LIMITS.alternateGreetings, CARD_LIMITS.fieldChars),
  tags: strings(CARD_LIMITS.tags, 200),
  creator: text(200),
  character_version: text(200),
  character_book: z.preprocess((v) => v ?? undefined, CharacterBookSchema.optional()),
  extensions: z.preprocess((v) => v ?? {}, JsonObject),
  // V3: `{{char}}` names the nickname; group-only greetings are kept (sessions are not group chats).
  nickname: optionalText(200),
  group_only_greetings: z.preprocess(
    (v) => v ?? undefined,
    z.array(z.string().max(CARD_LIMITS.fieldChars, `longer than ${CARD_LIMITS.fieldChars} characters`)).max(CARD_LIMITS.alternateGreetings, `more than ${CARD_LIMITS.alternateGreetings} items`).optional(),
  ),
});
export type CardData = z.infer<typeof CardDataSchema>;

export type CardSpec = "chara_card_v1" | "chara_card_v2" | "chara_card_v3";

/** A validated card, whatever its version: the character's fields and where they came from. */
export interface Card {
  spec: CardSpec;
  spec_version: string;
  data: CardData;
  /** What reading the card set aside (a newer spec version, V3 fields of the wrong type). */
  warnings?: string[];
}
