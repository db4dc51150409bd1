import type { StoryBrief } from "./storyBrief.ts";
import { readAction } from "./storyIntent.ts";
import { composeNarrative } from "./storyNarrative.ts";
import { resolveOutcome } from "./storyOutcome.ts";
import { planWrites, type PlannedCall } from "./storyWrites.ts";

export type { PlannedCall } from "./storyWrites.ts";

/** The offline storyteller's answer to one narrate call. */
export interface TurnPlan {
  /** 80–200 words of template prose. */
  narrative: string;
  /** Write tool calls, at most one per tool, only for bound tools. */
  toolCalls: PlannedCall[];
}

/**
 * Plans one turn: reads the action (intents, mentions, objects), resolves what changes, writes
 * the prose and the matching tool calls. Pure and deterministic: the same brief, rng sequence
 * and bound tools give the same plan. The prose does not depend on which tools are bound.
 */
export function planTurn(brief: StoryBrief, rng: () => number, boundTools: ReadonlySet<string>): TurnPlan {
  const reading = readAction(brief);
  const outcome = resolveOutcome(brief, reading, rng);
  const narrative = composeNarrative(brief, reading, outcome, rng);
  const toolCalls = planWrites(brief, reading, outcome, rng, boundTools);
  return { narrative, toolCalls };
}
