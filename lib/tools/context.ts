import type { Entity } from "../scenarios/schema.ts";
import type { Json } from "../common/json.ts";
import type { JsonObject } from "../common/json.ts";

/** A retrieved memory as the narrator sees it. */
export interface ContextMemory {
  id: string;
  entity_id: string;
  scope: string;
  content: string;
  score: number;
}

/** A relationship edge as the narrator sees it (effective strength after decay). */
export interface ContextEdge {
  from: string;
  to: string;
  type: string;
  sentiment: number;
  strength: number;
}

/** What the engine's read tools found for this turn; rendered into the narrator's user message. */
export interface TurnContext {
  /** Turn number being played (1-based). */
  turn: number;
  player: { id: string; name: string };
  /** Story-state values read this turn, by path. */
  state: Record<string, Json | null>;
  world: JsonObject;
  cast: Array<Pick<Entity, "id" | "name" | "type" | "background">>;
  /** Entity ids the player's input mentions. */
  mentioned: string[];
  memories: ContextMemory[];
  relationships: ContextEdge[];
  /** Scenario notes (e.g. a character card's system prompt), one line each; absent when none. */
  notes?: string[];
}
