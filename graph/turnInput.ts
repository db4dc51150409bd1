import { messageText } from "../lib/common/messageText.ts";
import type { TurnStateType } from "./state.ts";

/** A run that brings no player action: refused, never a replay of the previous turn. */
export class MissingActionError extends Error {
  constructor() {
    super('the run has no player action: send {"input": "what the player does"} or {"messages": [...]} ending with a human message');
    this.name = "MissingActionError";
  }
}

/**
 * The player's action this run: `input` when given, else the text of the last message when it is a
 * human one (generic LangGraph chat clients). Both are consumed by readTools, so a run that sends
 * neither finds them empty (or the previous exchange, ending with the narrator's message) (pure).
 */
export function playerAction(state: Pick<TurnStateType, "input" | "messages">): string {
  const typed = state.input?.trim();
  if (typed) return typed;
  const last = state.messages?.at(-1);
  const text = last && last.getType() === "human" ? messageText(last).trim() : "";
  if (!text) throw new MissingActionError();
  return text;
}
