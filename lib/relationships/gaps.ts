import type { Actor, Ctx } from "./context.ts";
import { COORDINATING, OBJECT_STOP } from "./wordsets.ts";

/**
 * Objects the sentence leaves implicit: the frame again after "and" or a comma with its verb left out
 * ("relies on Quill for the paperwork and on Tomas for the getaway", "trusts Hale with her health and
 * Mirren with her soul"), and the name closing a list of things ("hates the snow, the bells and Lady
 * Corvin"). Split from roles.ts.
 */

/** "hates the snow, the bells, the porridge and Lady Corvin": the name that closes a list of things. */
export function listEnd(ctx: Ctx, from: number, to: number): Actor | undefined {
  let commas = 0;
  for (let j = from; j < Math.min(to, from + 16); j++) {
    const t = ctx.tokens[j];
    if (ctx.mentionAt[j] >= 0 || (t.punct && t.text !== ",") || OBJECT_STOP.has(t.norm) || (COORDINATING.has(t.norm) && t.norm !== "and")) return undefined;
    if (t.text === ",") commas++;
    const mi = ctx.mentionAt[j + 1];
    if (t.norm !== "and" || mi < 0 || commas === 0) continue;
    const m = ctx.mentions[mi];
    const closes = m.end >= to || (ctx.tokens[m.end]?.punct ?? true);
    return !m.possessive && closes ? { id: m.entityId, factor: 1, pos: m.start } : undefined;
  }
  return undefined;
}

const GAP_PREPOSITIONS = new Set(["on", "upon", "of", "in", "with", "to", "at", "against", "for"]);

/** "relies on Quill for the paperwork and on Tomas for the getaway": the cue's preposition again after "and" gaps its verb. */
export function gappedObject(ctx: Ctx, prep: number, from: number, to: number): Actor | undefined {
  const p = ctx.tokens[prep]?.norm ?? "";
  if (!GAP_PREPOSITIONS.has(p)) return undefined;
  for (let j = from; j < Math.min(to, from + 8); j++) {
    const t = ctx.tokens[j];
    if ((t.punct && t.text !== ",") || ctx.mentionAt[j] >= 0) return undefined;
    const mi = ctx.mentionAt[j + 2];
    if (t.norm === "and" && ctx.tokens[j + 1]?.norm === p && mi >= 0 && !ctx.mentions[mi].possessive && j + 2 < to) {
      ctx.consumed.add(mi);
      return { id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start };
    }
  }
  return undefined;
}

const PARALLEL_LINKS = new Set(["with", "to", "for", "as", "on", "in", "at", "by"]);

/** "trusts Hale with her health and Mirren with her soul", "… Hale to patch her up and Quill to keep …": the same frame again after "and". */
export function gappedParallel(ctx: Ctx, after: number, to: number): Actor | undefined {
  const w = ctx.tokens[after]?.norm ?? "";
  if (!PARALLEL_LINKS.has(w)) return undefined;
  for (let j = after + 1; j < Math.min(to, after + 10); j++) {
    const t = ctx.tokens[j];
    if ((t.punct && t.text !== ",") || ctx.mentionAt[j] >= 0) return undefined;
    const mi = ctx.mentionAt[j + 1];
    // ("trusted Tomas with her secrets, Quill with her money, …": a comma lists it as well.)
    if ((t.norm === "and" || t.text === ",") && mi >= 0 && !ctx.mentions[mi].possessive && ctx.tokens[ctx.mentions[mi].end]?.norm === w) {
      ctx.consumed.add(mi);
      return { id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start };
    }
  }
  return undefined;
}

const GAP_LINKS = new Set([...PARALLEL_LINKS, "since", "after", "before", "from"]);

/**
 * "has feared the river since boyhood and Pax since the fire": a thing first, then a name after
 * "and" in the same frame (the link word after each), the verb left out.
 */
export function gappedAfterThing(ctx: Ctx, from: number): Actor | undefined {
  const links = new Set<string>();
  // (Across the clause end: "since" opens a clause of its own.)
  for (let j = from; j < Math.min(ctx.tokens.length, from + 10) && ctx.doubt.sentence[j] === ctx.doubt.sentence[from]; j++) {
    const t = ctx.tokens[j];
    if ((t.punct && t.text !== ",") || ctx.mentionAt[j] >= 0) return undefined;
    if (GAP_LINKS.has(t.norm)) links.add(t.norm);
    const mi = ctx.mentionAt[j + 1];
    if (t.norm !== "and" || mi < 0 || links.size === 0) continue;
    const m = ctx.mentions[mi];
    return !m.possessive && links.has(ctx.tokens[m.end]?.norm ?? "") ? { id: m.entityId, factor: 1, pos: m.start } : undefined;
  }
  return undefined;
}
