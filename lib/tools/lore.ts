import { activateLore, type LoreEntry } from "../scenarios/lorebook.ts";
import type { ContextMemory } from "./context.ts";

/** A keyed lorebook hit ranks like a very close memory; constant entries like a fair one. */
export const LORE_KEY_SCORE = 1;
export const LORE_CONSTANT_SCORE = 0.5;
/** How much of the opening narrative turn 1's notes repeat (it is the scene the player answers). */
const OPENING_NOTE_CHARS = 1500;

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** What a turn scans for lorebook keys: the action, the last turns' narrative, and on turn 1 the opening. */
export function loreScanText(action: string, recentNarratives: readonly string[], opening: string | undefined, turn: number): string {
  return [action, ...recentNarratives, turn === 1 ? (opening ?? "") : ""].filter(Boolean).join("\n");
}

/**
 * The session's lorebook entries active for `text`, as world memories (`world/lore`) ranked with
 * the memory search's hits; the narrator's context budget then decides which fit.
 */
export function loreMemories(lorebook: readonly LoreEntry[] | undefined, text: string): ContextMemory[] {
  if (!lorebook?.length) return [];
  return activateLore(lorebook, text).map((a) => ({
    id: `lore-${a.index}`,
    entity_id: "world",
    scope: "lore",
    content: oneLine(a.entry.content),
    score: a.matched === "constant" ? LORE_CONSTANT_SCORE : LORE_KEY_SCORE,
  }));
}

/** The scenario notes the narrator sees this turn (one line each); turn 1 also gets the opening. */
export function turnNotes(scenario: { notes?: string[]; opening?: string }, turn: number): string[] {
  const notes = (scenario.notes ?? []).map(oneLine);
  if (turn === 1 && scenario.opening) {
    const opening = oneLine(scenario.opening);
    notes.push(`The story opened with this scene, already told to the player: ${opening.length > OPENING_NOTE_CHARS ? `${opening.slice(0, OPENING_NOTE_CHARS)}…` : opening}`);
  }
  return notes;
}
