import type { Json, JsonObject } from "../common/json.ts";
import type { LoreEntry } from "../scenarios/lorebook.ts";
import { formatIssues, ScenarioSchema, type Scenario, type ScenarioInput } from "../scenarios/schema.ts";
import { slugOf } from "../scenarios/slug.ts";
import { CardError, type Card, type CardBookEntry } from "./schema.ts";

/** The player's name when the request names none. */
export const DEFAULT_PLAYER_NAME = "You";
/** Marks a scenario that came from a card (metadata.source), so export finds the card's own fields. */
export const CARD_SOURCE = "character_card";

const BACKGROUND_CHARS = 1000;
const PREMISE_CHARS = 4000;

/**
 * Replaces the card macros: `{{char}}` / `<BOT>` with the character's name and `{{user}}` /
 * `<USER>` with the player's (the braces form in any letter case, as SillyTavern reads it).
 * `{{original}}` (a V2 system prompt's "the app's own prompt here") is dropped: the engine's rules
 * always apply. Other macros are left as written.
 */
export function substituteMacros(text: string, names: { char: string; user: string }): string {
  return text
    .replace(/\{\{char\}\}/gi, names.char)
    .replace(/\{\{user\}\}/gi, names.user)
    .replace(/<BOT>/g, names.char)
    .replace(/<USER>/g, names.user)
    .replace(/\{\{original\}\}/gi, "")
    .trim();
}

/** Cuts at a word boundary with an ellipsis; notes the cut in `warnings`. */
function fit(text: string, max: number, what: string, warnings: string[]): string {
  if (text.length <= max) return text;
  warnings.push(`${what} was shortened to ${max} characters (the card keeps the full text in metadata)`);
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

function loreEntry(e: CardBookEntry, i: number, sub: (t: string) => string, warnings: string[]): LoreEntry | undefined {
  const label = `lorebook entry ${i}${e.name || e.comment ? ` (${e.name || e.comment})` : ""}`;
  if (!e.enabled) return undefined;
  if (e.use_regex) return void warnings.push(`${label} uses regular-expression keys, which are not supported; skipped`);
  const content = sub(e.content);
  const keys = e.keys.map((k) => k.trim()).filter(Boolean);
  if (!content) return void warnings.push(`${label} has no content; skipped`);
  if (!e.constant && keys.length === 0) return void warnings.push(`${label} has no keys and is not constant; skipped`);
  return {
    keys,
    content,
    ...(e.name || e.comment ? { name: (e.name || e.comment || "").slice(0, 200) } : {}),
    case_sensitive: e.case_sensitive ?? false,
    constant: e.constant ?? false,
    selective: e.selective ?? false,
    secondary_keys: e.secondary_keys.map((k) => k.trim()).filter(Boolean),
    order: e.insertion_order,
  };
}

export interface MappedCard {
  scenario: Scenario;
  /** What the import changed or left out (shortened fields, skipped lorebook entries). */
  warnings: string[];
}

/**
 * A card as a scenario (the table in docs/cards.md): the character joins the cast with its
 * description and personality as background; the card's scenario and description make the
 * premise; the greetings become the openings; the system prompt and post-history instructions
 * become narrator notes; enabled lorebook entries become the scenario's lorebook; the card's
 * own fields (unsubstituted) are kept in `metadata.card` for export.
 */
export function cardToScenario(card: Card, options: { player?: string } = {}): MappedCard {
  const warnings: string[] = [];
  const d = card.data;
  const char = d.name.trim();
  const user = options.player?.trim() || DEFAULT_PLAYER_NAME;
  const sub = (t: string) => substituteMacros(t, { char, user });
  const charId = slugOf(char, "character");
  let playerId = slugOf(user, "player");
  if (playerId === charId) playerId = charId === "player" ? "player-1" : "player";

  const description = sub(d.description);
  const personality = sub(d.personality);
  const background = [description, personality && `Personality: ${personality}`].filter(Boolean).join("\n\n");
  const premiseText = [sub(d.scenario), description && `${char}: ${description}`].filter(Boolean).join("\n\n") || `A story with ${char}.`;
  const notes = [
    ["From the card's system prompt", sub(d.system_prompt)],
    ["From the card's post-history instructions", sub(d.post_history_instructions)],
  ]
    .filter(([, text]) => text)
    .map(([label, text]) => fit(`${label}: ${text}`, 8000, "a narrator note", warnings));
  const book = d.character_book;
  const lorebook = (book?.entries ?? []).map((e, i) => loreEntry(e, i, sub, warnings)).filter((e): e is LoreEntry => e !== undefined);
  const { character_book: _book, ...fields } = d;
  const metadata: JsonObject = {
    source: CARD_SOURCE,
    spec: card.spec,
    spec_version: card.spec_version,
    character_id: charId,
    player_name: user,
    card: fields as unknown as Json,
    ...(book ? { character_book: { name: book.name ?? null, description: book.description ?? null, extensions: book.extensions } as Json } : {}),
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
  return { scenario: parsed.data, warnings };
}
