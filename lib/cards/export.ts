import type { Json, JsonObject } from "../common/json.ts";
import { queryRelationships } from "../relationships/queries.ts";
import type { RelationshipGraph } from "../relationships/types.ts";
import type { LoreEntry } from "../scenarios/lorebook.ts";
import type { Entity } from "../scenarios/schema.ts";
import { keptBookOf, mergedEntries, playedAsCardEntry, type KeptBook } from "./book.ts";
import { BOOK_SETTINGS, CARD_SOURCE } from "./mapping.ts";

/** The heading of the learned-relationships paragraph an export appends to the description. */
export const LEARNED_HEADING = "[Learned in a QuietStories story]";
/** Edges weaker than this (after decay) are not worth carrying to another tool. */
const MIN_STRENGTH = 0.15;
const MAX_EDGES = 12;

/** What an export reads of a session's committed story. */
export interface StoryForExport {
  scenario: { title: string; opening?: string; lorebook?: LoreEntry[]; metadata?: JsonObject };
  entities: Entity[];
  relationships: RelationshipGraph;
  turn: number;
  /** The card's lorebook kept with the session (JSON from its index row, book.ts), when it has one. */
  cardBook?: string;
}

/** V3 fields a card import keeps and a V3 export writes back as they were (docs/cards.md). */
const V3_KEPT_FIELDS = ["nickname", "assets", "source", "creator_notes_multilingual", "creation_date"] as const;

const V2_TEXT_FIELDS = ["personality", "scenario", "first_mes", "mes_example", "creator_notes", "system_prompt", "post_history_instructions", "creator", "character_version"] as const;

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);
const textOf = (v: Json | undefined): string => (typeof v === "string" ? v : "");
const stringsOf = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The learned paragraph: the entity's current relationship edges in both directions, strongest first. */
export function learnedSummary(story: StoryForExport, entityId: string): string {
  const names = new Map(story.entities.map((e) => [e.id, e.name]));
  const edges = queryRelationships(story.relationships, { entity_id: entityId, currentTurn: story.turn, min_strength: MIN_STRENGTH, limit: MAX_EDGES });
  if (edges.length === 0) return "";
  const lines = edges.map((e) => {
    const sign = e.sentiment >= 0 ? "+" : "-";
    return `- ${names.get(e.from) ?? e.from} → ${names.get(e.to) ?? e.to}: ${e.type} ${sign}${Math.abs(e.sentiment).toFixed(2)} (strength ${e.effective_strength.toFixed(2)})`;
  });
  return `${LEARNED_HEADING} After ${story.turn} turn${story.turn === 1 ? "" : "s"} of "${story.scenario.title}":\n${lines.join("\n")}`;
}

/**
 * The character book an export writes, or undefined when there is nothing to write. The character a
 * card made gets the card's entries back as imported plus the session's entries the import did not
 * make (book.ts); anyone else, or a scenario without a kept book, gets the session's lorebook.
 */
function bookOf(lorebook: LoreEntry[], metadata: JsonObject | undefined, kept: KeptBook | undefined, v3: boolean): JsonObject | undefined {
  const entries = kept ? mergedEntries(kept, lorebook, v3) : lorebook.map((e, i) => playedAsCardEntry(e, i, v3));
  if (entries.length === 0) return undefined;
  // The book's own fields: all of them as imported when kept (unknown ones included; `played` is
  // ours), else the name, description, extensions and settings the scenario's metadata holds.
  const fields = kept ? (kept as unknown as JsonObject) : isObject(metadata?.character_book) ? metadata.character_book : {};
  const { name, description, extensions, entries: _entries, played: _played, ...rest } = fields;
  return {
    ...(typeof name === "string" ? { name } : {}),
    ...(typeof description === "string" ? { description } : {}),
    ...(kept ? rest : Object.fromEntries(BOOK_SETTINGS.filter((f) => rest[f] !== undefined && rest[f] !== null).map((f) => [f, rest[f] as Json]))),
    extensions: isObject(extensions) ? extensions : {},
    entries,
  };
}

/**
 * A cast member as a character card: V3 when the character came from a V3 card (its V3 fields kept,
 * `modification_date` set to `at`), V2 otherwise. The character a card import made keeps the card's
 * own fields (macros unsubstituted); anyone else is named and described by their background. The
 * description ends with what the story has learned (relationship edges, marked by
 * {@link LEARNED_HEADING}); the lorebook travels as the character book (see `bookOf`).
 */
export function exportCard(story: StoryForExport, entity: Entity, exportedFrom: { sessionId: string }, at: Date = new Date()): JsonObject {
  const meta = story.scenario.metadata;
  const own = meta?.source === CARD_SOURCE && meta.character_id === entity.id && isObject(meta.card) ? meta.card : undefined;
  const v3 = own !== undefined && meta?.spec === "chara_card_v3";
  const description = own ? textOf(own.description) : entity.background;
  const learned = learnedSummary(story, entity.id);
  const data: JsonObject = {
    name: own ? textOf(own.name) || entity.name : entity.name,
    description: learned ? [description, learned].filter(Boolean).join("\n\n") : description,
  };
  for (const field of V2_TEXT_FIELDS) data[field] = own ? textOf(own[field]) : "";
  data.alternate_greetings = own ? stringsOf(own.alternate_greetings) : [];
  data.tags = own ? stringsOf(own.tags) : [];
  const book = bookOf(story.scenario.lorebook ?? [], meta, own ? keptBookOf(story.cardBook) : undefined, v3);
  if (book) data.character_book = book;
  data.extensions = {
    ...(own && isObject(own.extensions) ? own.extensions : {}),
    quietstories: { session: exportedFrom.sessionId, entity_id: entity.id, turn: story.turn },
  };
  if (!v3) return { spec: "chara_card_v2", spec_version: "2.0", data };
  for (const field of V3_KEPT_FIELDS) if (own[field] !== undefined) data[field] = own[field];
  data.group_only_greetings = stringsOf(own.group_only_greetings);
  data.modification_date = Math.floor(at.getTime() / 1000);
  return { spec: "chara_card_v3", spec_version: "3.0", data };
}
