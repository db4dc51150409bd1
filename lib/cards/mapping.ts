import type { Json, JsonObject } from "../common/json.ts";
import type { LoreEntry } from "../scenarios/lorebook.ts";
import { formatIssues, ScenarioSchema, type Scenario, type ScenarioInput } from "../scenarios/schema.ts";
import { slugOf } from "../scenarios/slug.ts";
import { keepBook } from "./book.ts";
import { cardLoreEntry } from "./lore.ts";
import { substituteMacros } from "./macros.ts";
import { CardError, type Card, type CharacterBook } from "./schema.ts";

/** The player's name when the request names none. */
export const DEFAULT_PLAYER_NAME = "You";
/** Marks a scenario that came from a card (metadata.source), so export finds the card's own fields. */
export const CARD_SOURCE = "character_card";

const BACKGROUND_CHARS = 1000;
const PREMISE_CHARS = 4000;
/** Book settings the engine does not use but an export writes back (V2: optional fields are never destroyed). */
export const BOOK_SETTINGS = ["scan_depth", "token_budget", "recursive_scanning"] as const;

/** Cuts at a word boundary with an ellipsis; notes the cut in `warnings`. */
function fit(text: string, max: number, what: string, warnings: string[]): string {
  if (text.length <= max) return text;
  warnings.push(`${what} was shortened to ${max} characters (the card keeps the full text in metadata)`);
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The book's own fields (not its entries) as metadata, shown in the session view. */
function bookMetadata(book: CharacterBook): JsonObject {
  const kept: JsonObject = { name: book.name ?? null, description: book.description ?? null, extensions: book.extensions as JsonObject };
  for (const field of BOOK_SETTINGS) {
    const v = book[field];
    if (typeof v === "number" || typeof v === "boolean") kept[field] = v;
  }
  return kept;
}

export interface MappedCard {
  scenario: Scenario;
  /** What the import changed or left out (shortened fields, skipped lorebook entries). */
  warnings: string[];
  /**
   * The card's lorebook as written (JSON, book.ts), for export: kept beside the session (its index
   * row), never in the scenario, so the checkpointed state holds only what the engine plays.
   */
  cardBook?: string;
}

/**
 * A card as a scenario (the table in docs/cards.md): the character joins the cast with its
 * description and personality as background (macros name it by its V3 nickname when it has one); the card's scenario and description make the
 * premise; the greetings become the openings; the system prompt and post-history instructions
 * become narrator notes; enabled lorebook entries become the scenario's lorebook; the card's
 * own fields (unsubstituted) are kept in `metadata.card`, and its lorebook as written in
 * `cardBook`, for export.
 */
export function cardToScenario(card: Card, options: { player?: string } = {}): MappedCard {
  const warnings: string[] = [...(card.warnings ?? [])];
  const d = card.data;
  const char = d.name.trim();
  // V3: {{char}} is the nickname when the card has one; the cast member keeps the full name.
  const nickname = d.nickname?.trim() || undefined;
  const user = options.player?.trim() || DEFAULT_PLAYER_NAME;
  const sub = (t: string) => substituteMacros(t, { char: nickname ?? char, user });
  const charId = slugOf(char, "character");
  let playerId = slugOf(user, "player");
  if (playerId === charId) playerId = charId === "player" ? "player-1" : "player";

  const description = sub(d.description);
  const personality = sub(d.personality);
  const background = [nickname && nickname !== char && `Goes by ${nickname}.`, description, personality && `Personality: ${personality}`].filter(Boolean).join("\n\n");
  const premiseText = [sub(d.scenario), description && `${char}: ${description}`].filter(Boolean).join("\n\n") || `A story with ${char}.`;
  const notes = [
    ["From the card's system prompt", sub(d.system_prompt)],
    ["From the card's post-history instructions", sub(d.post_history_instructions)],
  ]
    .filter(([, text]) => text)
    .map(([label, text]) => fit(`${label}: ${text}`, 8000, "a narrator note", warnings));
  const book = d.character_book;
  const lorebook = (book?.entries ?? []).map((e, i) => cardLoreEntry(e, i, sub, warnings)).filter((e): e is LoreEntry => e !== undefined);
  const { character_book: _book, ...fields } = d;
  const metadata: JsonObject = {
    source: CARD_SOURCE,
    spec: card.spec,
    spec_version: card.spec_version,
    character_id: charId,
    player_name: user,
    card: fields as unknown as Json,
    ...(book ? { character_book: bookMetadata(book) } : {}),
  };

  const input: ScenarioInput = {
    title: fit(char, 120, "the title", warnings),
    premise: fit(premiseText, PREMISE_CHARS, "the premise", warnings),
    entities: [
      { id: playerId, name: user.slice(0, 80), type: "character", background: "" },
      { id: charId, name: char.slice(0, 80), type: "character", background: fit(background, BACKGROUND_CHARS, `${char}'s background`, warnings) },
    ],
    player_id: playerId,
    greetings: [d.first_mes, ...d.alternate_greetings].map(sub).map((g, i) => fit(g, 16_000, `greeting ${i}`, warnings)),
    ...(notes.length > 0 ? { notes } : {}),
    ...(lorebook.length > 0 ? { lorebook } : {}),
    metadata,
  };
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) throw new CardError("the card does not make a valid scenario", formatIssues(parsed.error, "scenario"));
  const cardBook = book ? keepBook(book, lorebook, warnings) : undefined;
  return { scenario: parsed.data, warnings, ...(cardBook ? { cardBook } : {}) };
}
