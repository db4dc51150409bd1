import { mentionIndexFor } from "./mentionIndex.ts";
import { findMentions } from "./mentions.ts";
import { tokenize } from "./text.ts";
import type { EntityRef } from "./types.ts";

/**
 * Entity ids named in free text (a player's input, a search query), in order of first mention,
 * with the same alias rules as relationship extraction (full name, id, distinctive words).
 */
export function findMentionedEntities(text: string, entities: readonly EntityRef[]): string[] {
  const ids: string[] = [];
  for (const m of findMentions(tokenize(text), mentionIndexFor(entities))) if (!ids.includes(m.entityId)) ids.push(m.entityId);
  return ids;
}
