/** Limits and clean-ups of model text before it is stored (pure). */

/** Reasoning kept in a turn record, at most (a long think block is for debugging, not for the story). */
export const MAX_REASONING_CHARS = 20_000;

/**
 * Text cut off by max_tokens, ended at its last full sentence (., !, ? or …, optionally followed
 * by a closing quote or bracket); unchanged when it has no sentence end at all.
 */
export function cutAtLastSentence(text: string): string {
  const ends = [...text.matchAll(/[.!?…]["'”’)\]]*(?=\s|$)/g)];
  const last = ends.at(-1);
  if (!last || last.index === undefined) return text;
  return text.slice(0, last.index + last[0].length).trim();
}
