import type { WeightedTerm } from "../memory/keyword.ts";
import { indexTerms, relatedTerms } from "../memory/terms.ts";
import { findMentionedEntities } from "../relationships/mentionedEntities.ts";
import type { EntityRef } from "../relationships/types.ts";

/** What a turn's memory query is built from. */
export interface RecallQueryInput {
  action: string;
  /** Inputs of the last committed turns, oldest first. */
  recentInputs: readonly string[];
  entities: readonly EntityRef[];
  playerId: string;
}

export interface BuiltRecallQuery {
  /** Text for the vector side: the action and the names of the focus entities. */
  text: string;
  /** Weighted keyword terms: the action's (1), the thesaurus's relatives (0.5), the focus names (0.5), the last turn's (0.25). */
  terms: WeightedTerm[];
  /** Entities the turn is about, the player excluded: named in the action, or — for "her", "him", "them" — in the last turn that named someone. */
  focus: string[];
}

/** Weights of the keyword terms by where they come from. */
export const QUERY_WEIGHTS = { action: 1, related: 0.5, names: 0.5, recent: 0.25 } as const;

const PRONOUN = /\b(he|him|his|she|her|hers|they|them|their)\b/i;

/**
 * The memory query of a turn, from the player's input, the recent turns and the entities they
 * mention. A pronoun with no one named resolves to the non-player entities of the newest recent
 * turn that named someone ("I find Captain Ilse." then "I remind her what she swore").
 */
export function buildRecallQuery(input: RecallQueryInput): BuiltRecallQuery {
  const named = findMentionedEntities(input.action, input.entities).filter((id) => id !== input.playerId);
  let focus = named;
  if (focus.length === 0 && PRONOUN.test(input.action)) {
    for (const text of [...input.recentInputs].reverse()) {
      const before = findMentionedEntities(text, input.entities).filter((id) => id !== input.playerId);
      if (before.length > 0) {
        focus = before;
        break;
      }
    }
  }
  const names = input.entities.filter((e) => focus.includes(e.id)).map((e) => e.name);
  const weights = new Map<string, number>();
  const put = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  const actionTerms = indexTerms(input.action);
  for (const t of actionTerms) put(t, QUERY_WEIGHTS.action);
  for (const t of actionTerms) for (const r of relatedTerms(t)) put(r, QUERY_WEIGHTS.related);
  for (const t of indexTerms(names.join(" "))) put(t, QUERY_WEIGHTS.names);
  const last = input.recentInputs.at(-1);
  if (last) for (const t of indexTerms(last)) put(t, QUERY_WEIGHTS.recent);
  const text = [input.action, ...names.filter((n) => !input.action.includes(n))].join(" ");
  return { text, terms: [...weights].map(([term, weight]) => ({ term, weight })), focus };
}
