import type { Actor, Ctx } from "./context.ts";
import type { CueMatch } from "./cues.ts";
import { joinedPair, pluralAt, unjoinedPair } from "./plurals.ts";
import { findSubject } from "./roles.ts";
import { isNegator } from "./wordsets.ts";

/**
 * Roles read from word order other than subject–verb–object: a viewpoint frame ("in Quill's eyes"),
 * a change "from … to …", an object fronted before an inverted "did", a pair after "between".
 * Split from cueRoles.ts.
 */

const VIEWPOINT = new Set(["eyes", "view", "opinion", "estimation", "mind", "book"]);

/** "in <Name>'s eyes / view / opinion" anywhere in the clause: that person, else nobody. */
export function viewpointHolder(ctx: Ctx): Actor[] {
  for (let j = ctx.clause.start; j + 2 < ctx.clause.end; j++) {
    const mi = ctx.mentionAt[j + 1];
    if (ctx.tokens[j].norm !== "in" || mi < 0 || !ctx.mentions[mi].possessive) continue;
    const m = ctx.mentions[mi];
    if (VIEWPOINT.has(ctx.tokens[m.end]?.norm ?? "")) return [{ id: m.entityId, factor: 0.9, pos: m.start }];
  }
  return [];
}

const CHANGE_VERBS = new Set(["went", "go", "goes", "gone", "going", "turned", "moved", "changed", "switched", "grew"]);

/** "Quill went from fearing the Captain to respecting her": the gerund after "to" is the subject of "went". */
export function fromToSubject(ctx: Ctx, cue: CueMatch): Actor[] | undefined {
  if (ctx.tokens[cue.start - 1]?.norm !== "to" || !ctx.tokens[cue.start].norm.endsWith("ing")) return undefined;
  for (let j = cue.start - 2; j > ctx.clause.start; j--) {
    if (ctx.tokens[j].punct) return undefined;
    if (ctx.tokens[j].norm === "from" && CHANGE_VERBS.has(ctx.tokens[j - 1]?.norm ?? "")) {
      const s = findSubject(ctx, j - 1, ctx.clause.start, undefined, false);
      return s.length > 0 ? s : undefined;
    }
  }
  return undefined;
}

const INVERTING = new Set(["did", "does", "do"]);

/** The last person named before an inverted "did" that precedes the subject (same clause), as the object. */
export function frontedBeforeDid(ctx: Ctx, subject: Actor): Actor[] {
  const did = subject.pos - 1;
  if (!INVERTING.has(ctx.tokens[did]?.norm ?? "") || isNegator(ctx.tokens[did - 1]?.norm ?? "")) return [];
  for (let j = did - 1; j >= ctx.clause.start; j--) {
    const mi = ctx.mentionAt[j];
    if (mi >= 0 && ctx.mentions[mi].entityId !== subject.id) return [{ id: ctx.mentions[mi].entityId, factor: 0.9, pos: ctx.mentions[mi].start }];
  }
  return [];
}

/** "between Sera and Quill", "between the two of them", "between them": the pair named there. */
export function betweenPair(ctx: Ctx, at: number): Actor[] | undefined {
  const a = ctx.mentionAt[at], b = ctx.mentions[a] ? ctx.mentionAt[ctx.mentions[a].end + 1] : -1;
  if (a >= 0 && b >= 0 && ctx.tokens[ctx.mentions[a].end]?.norm === "and") {
    return [ctx.mentions[a], ctx.mentions[b]].map((m) => ({ id: m.entityId, factor: 1, pos: m.start }));
  }
  if (ctx.tokens[at]?.norm === "them") return joinedPair(ctx, at) ?? unjoinedPair(ctx, at);
  for (let j = at; j < Math.min(ctx.tokens.length, at + 5); j++) {
    const plural = ctx.tokens[j].norm === "them" ? pluralAt(ctx, j) : undefined;
    if (plural?.length === 2) return plural;
  }
  return undefined;
}
