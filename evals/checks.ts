import type { z } from "zod";
import {
  AddMemoriesArgs,
  AddMemoryArgs,
  CreateCharacterArgs,
  QueryRelationshipsArgs,
  ReadStateArgs,
  ReadWorldArgs,
  SearchMemoriesArgs,
  UpdateStateArgs,
  UpdateWorldArgs,
} from "../lib/tools/schemas.ts";
import type { ToolCallRecord } from "../lib/tools/records.ts";
import { extractRelationships } from "../lib/relationships/extract.ts";
import { checkHint, type EdgeHint } from "../lib/relationships/hint.ts";
import { MemoryInputSchema } from "../lib/memory/types.ts";

/**
 * The deterministic checks of a narrator turn, as pure functions (the promptfoo assertions in
 * assertions.ts wrap them; the unit tests call them directly). Each returns ok + a reason.
 */
export interface Check {
  ok: boolean;
  reason: string;
}

/** Limits every check uses; assertion `config` may override them per test. */
export const LIMITS = { minWords: 40, maxWords: 260, maxToolCalls: 6 } as const;

/** Every tool's argument schema, by tool name. */
export const TOOL_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  update_state: UpdateStateArgs,
  update_world: UpdateWorldArgs,
  create_character: CreateCharacterArgs,
  add_memories: AddMemoriesArgs,
  add_memory: AddMemoryArgs,
  read_state: ReadStateArgs,
  read_world: ReadWorldArgs,
  search_memories: SearchMemoriesArgs,
  query_relationships: QueryRelationshipsArgs,
};

const TITLES = /^(captain|lady|lord|old|dr\.?|doctor|sergeant|the|sir|mother|father|brother|sister|master|mistress)$/i;

/** Words that identify an entity in text: its full name and its distinctive capitalised words. */
export function nameKeys(name: string): string[] {
  const words = name.split(/\s+/).filter((w) => w.length >= 3 && /^\p{Lu}/u.test(w) && !TITLES.test(w));
  return [name, ...words.map((w) => w.replace(/['’]s$/, ""))];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** True when `text` contains `phrase` as whole words (case-insensitive; "Tomas's" counts). */
export function mentions(text: string, phrase: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])`, "iu").test(text);
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The narrative exists and its length is within [minWords, maxWords]. */
export function checkLength(narrative: string, minWords: number = LIMITS.minWords, maxWords: number = LIMITS.maxWords): Check {
  const words = countWords(narrative);
  const ok = words >= minWords && words <= maxWords;
  return { ok, reason: `${words} words (allowed ${minWords}-${maxWords})` };
}

/** The narrative names what the player acted on: any of the targets (names or words). */
export function checkMentions(narrative: string, targets: string[]): Check {
  if (targets.length === 0) return { ok: false, reason: 'the test has no "target" var' };
  const hit = targets.find((t) => mentions(narrative, t));
  return { ok: hit !== undefined, reason: hit ? `mentions "${hit}"` : `mentions none of ${targets.map((t) => `"${t}"`).join(", ")}` };
}

/** Out-of-character text: the model talking about itself, its tools, JSON or markdown structure. */
export const OUT_OF_CHARACTER: ReadonlyArray<[string, RegExp]> = [
  ["AI self-reference", /\b(as an ai|language model|ai assistant|i am an ai|i'm an ai|as a narrator)\b/i],
  ["tool name", new RegExp(`\\b(${Object.keys(TOOL_SCHEMAS).join("|")}|tool calls?|function calls?)\\b`, "i")],
  ["JSON", /[{[]\s*"[^"]+"\s*:|"\w+"\s*:\s*["{[\d]|```/],
  ["markdown heading", /^\s{0,3}#{1,6}\s/m],
  ["markdown list or emphasis", /^\s*(?:[-*+]|\d+\.)\s+\S|\*\*[^*]+\*\*/m],
  ["prompt talk", /\b(system prompt|turn message|player action)\b/i],
  ["echoed turn message", /Turn \d+\. Player:|\b(World|Cast|State): \S+=|^(Memories|Relationships):/m],
];

export function checkInCharacter(narrative: string): Check {
  const found = OUT_OF_CHARACTER.filter(([, re]) => re.test(narrative)).map(([label]) => label);
  return { ok: found.length === 0, reason: found.length === 0 ? "stays in the story" : `out of character: ${found.join(", ")}` };
}

/** Every tool call's arguments parse with the tool's zod schema (unknown tools fail). */
export function checkToolSchemas(calls: ToolCallRecord[]): Check {
  const problems: string[] = [];
  for (const call of calls) {
    if (call.skipped) continue;
    const schema = TOOL_SCHEMAS[call.name];
    if (!schema) {
      problems.push(`${call.name}: unknown tool`);
      continue;
    }
    const parsed = schema.safeParse(call.args);
    if (!parsed.success) problems.push(`${call.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "args"} ${i.message}`).join("; ")}`);
  }
  const checked = calls.filter((c) => !c.skipped).length;
  return { ok: problems.length === 0, reason: problems.length === 0 ? `${checked} tool calls valid` : problems.join(" | ") };
}

interface MemoryArg {
  entity_id?: unknown;
  content?: unknown;
  scope?: unknown;
  edge?: unknown;
}

/** The memories a turn's memory writes proposed (whatever their validity). */
export function proposedMemories(calls: ToolCallRecord[]): MemoryArg[] {
  const out: MemoryArg[] = [];
  for (const call of calls) {
    const args = call.args as { memories?: unknown } | null;
    if (call.name === "add_memory" && args && typeof args === "object") out.push(args as MemoryArg);
    if (call.name === "add_memories" && Array.isArray(args?.memories)) out.push(...(args.memories as MemoryArg[]));
  }
  return out;
}

/** The relationship memories a turn proposed: text, holder and the narrator's edge hint (as add_memories validates it). */
function relationshipMemories(calls: ToolCallRecord[]): Array<{ text: string; holder: string; edge?: EdgeHint }> {
  return proposedMemories(calls)
    .filter((m) => m.scope === "relationship")
    .map((m) => {
      const edge = MemoryInputSchema.shape.edge.safeParse(m.edge);
      return {
        text: typeof m.content === "string" ? m.content : "",
        holder: typeof m.entity_id === "string" ? m.entity_id : "",
        ...(edge.success && edge.data ? { edge: edge.data } : {}),
      };
    });
}

/** Each relationship memory names its holder and at least one other entity of the cast. */
export function checkRelationshipMemories(calls: ToolCallRecord[], cast: Array<{ id: string; name: string }>): Check {
  const relationship = relationshipMemories(calls);
  if (relationship.length === 0) return { ok: true, reason: "no relationship memories this turn" };
  const named = (text: string, id: string) => {
    const entity = cast.find((e) => e.id === id);
    return entity ? nameKeys(entity.name).some((k) => mentions(text, k)) : false;
  };
  const bad = relationship.filter(({ text, holder }) => !named(text, holder) || !cast.some((e) => e.id !== holder && named(text, e.id)));
  return {
    ok: bad.length === 0,
    reason:
      bad.length === 0
        ? `${relationship.length} relationship memories name both entities`
        : `not naming both entities: ${bad.map((m) => JSON.stringify(m.text)).join("; ")}`,
  };
}

/**
 * Each relationship memory carries the narrator's `edge` hint, and the rules read the hinted edge
 * in its text (so it enters the graph at once instead of waiting for enrichment). A hint the rules
 * do not confirm, or a missing one, fails: the prompts ask for it.
 */
export function checkRelationshipHints(calls: ToolCallRecord[], cast: Array<{ id: string; name: string }>): Check {
  const relationship = relationshipMemories(calls);
  if (relationship.length === 0) return { ok: true, reason: "no relationship memories this turn" };
  const known = new Set(cast.map((e) => e.id));
  const problems = relationship.flatMap(({ text, holder, edge }) => {
    if (!edge) return [`no edge hint: ${JSON.stringify(text)}`];
    const check = checkHint(holder, edge, extractRelationships({ entity_id: holder, content: text }, cast), known);
    return check.verdict === "agrees" ? [] : [`hint ${edge.holder ?? holder}→${edge.about} ${edge.type} not read in ${JSON.stringify(text)}`];
  });
  return {
    ok: problems.length === 0,
    reason: problems.length === 0 ? `${relationship.length} relationship memories carry a hint the rules confirm` : problems.join("; "),
  };
}

/** The turn ran at most `max` tool calls (the engine's count: cache hits and skipped calls excluded). */
export function checkToolBudget(toolCalls: number, max: number = LIMITS.maxToolCalls): Check {
  return { ok: toolCalls <= max, reason: `${toolCalls} tool calls (max ${max})` };
}
