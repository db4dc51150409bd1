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
  /** The entities the action names, when the caller found them already (the read step has). */
  mentioned?: readonly string[];
}

export interface BuiltRecallQuery {
  /** Text for the vector side: the action and the names of the focus entities. */
  text: string;
  /** Weighted keyword terms: the action's (1), the thesaurus's relatives (0.5), the names a pronoun points back to (0.5). */
  terms: WeightedTerm[];
  /** Entities the action names, the player excluded (fusion boosts their memories). */
  focus: string[];
  /** Entities a pronoun of the action points back to ("her", "him", "them"): searched for by name, not boosted. */
  carried: string[];
  /** The player, when the action speaks in the first person ("I", "my"): memories about them get a small boost. */
  self?: string;
}

/** Weights of the keyword terms by where they come from. */
export const QUERY_WEIGHTS = { action: 1, related: 0.5, names: 0.5 } as const;

const PRONOUN = /\b(he|him|his|she|her|hers|they|them|their)\b/i;
const FIRST_PERSON = /\b(i|me|my|mine|myself)\b/i;

/**
 * The memory query of a turn, from the player's input, the recent turns and the entities they
 * mention. A pronoun with no one named resolves to the non-player entities of the newest recent
 * turn that named someone ("I find Captain Ilse." then "I remind her what she swore"); "I", "me",
 * "my" mean the player (memories say "Mara hid…", not "I hid…").
 */
export function buildRecallQuery(input: RecallQueryInput): BuiltRecallQuery {
  const focus = (input.mentioned ?? findMentionedEntities(input.action, input.entities)).filter((id) => id !== input.playerId);
  let carried: string[] = [];
  if (focus.length === 0 && PRONOUN.test(input.action)) {
    for (const text of [...input.recentInputs].reverse()) {
      const before = findMentionedEntities(text, input.entities).filter((id) => id !== input.playerId);
      if (before.length > 0) {
        carried = before;
        break;
      }
    }
  }
  const names = input.entities.filter((e) => carried.includes(e.id)).map((e) => e.name);
  const weights = new Map<string, number>();
  const put = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  const actionTerms = indexTerms(input.action);
  for (const t of actionTerms) put(t, QUERY_WEIGHTS.action);
  for (const t of actionTerms) for (const r of relatedTerms(t)) put(r, QUERY_WEIGHTS.related);
  for (const t of indexTerms(names.join(" "))) put(t, QUERY_WEIGHTS.names);
  const text = [input.action, ...names.filter((n) => !input.action.includes(n))].join(" ");
  const built: BuiltRecallQuery = { text, terms: [...weights].map(([term, weight]) => ({ term, weight })), focus, carried };
  if (FIRST_PERSON.test(input.action)) built.self = input.playerId;
  return built;
}
