import type { Actor, Ctx } from "./context.ts";
import type { CueMatch } from "./cues.ts";
import { hasSoonerOrRather } from "./wordSenses.ts";
import type { Token } from "./text.ts";
import { DETERMINERS, isFiller, isNegator, POSSESSIVE_PRONOUNS, STRONG, WEAK } from "./wordsets.ts";

/**
 * What the words around a cue do to it (pure predicates over the extractor's context): negators,
 * intensifiers and hedges before and after it, "the day …" promises, nouns coordinated with "and".
 */

// "can't trust Tomas", "has stopped trusting him", "has lost faith in her", "refuses to trust him": not a
// plain denial but a stance against (distrust); so is "has no faith in" ("no" right before the cue).
const UNABLE = new Set(["can't", "cannot", "couldn't", "stopped", "ceased", "lost", "lose", "loses", "losing", "refuse", "refuses", "refused"]);

/** Negators, intensifiers and hedges in the words just before a cue (stops at the first content word). */
export function scanBefore(ctx: Ctx, from: number): { neg: number; strong: number; weak: number; yet: boolean; idiom: boolean; unable: boolean } {
  const r = { neg: 0, strong: 0, weak: 0, yet: false, idiom: false, unable: false };
  let passedPossessor = false;
  for (let j = from - 1; j >= ctx.clause.start; j--) {
    const mi = ctx.mentionAt[j];
    if (mi >= 0) {
      if (!ctx.mentions[mi].possessive || passedPossessor) break;
      passedPossessor = true;
      j = ctx.mentions[mi].start;
      continue;
    }
    const t = ctx.tokens[j];
    if (t.punct && t.text !== ",") break;
    // "would sooner die than trust Hale": a cue after "sooner / rather … than" is what they will not do.
    if (t.norm === "than") {
      if (hasSoonerOrRather(ctx.tokens, ctx.clause.start, j)) r.neg++, (r.idiom = true);
      break;
    }
    if (t.norm === "used" && ctx.tokens[j + 1]?.norm === "to") r.neg++;
    // "has no reason to doubt Tomas": an idiom of the opposite, not a plain denial.
    else if (t.norm === "reason" && ctx.tokens[j - 1]?.norm === "no") r.neg++, (r.idiom = true), j--;
    else if (isNegator(t.norm)) r.neg++, (r.unable ||= UNABLE.has(t.norm) || (t.norm === "no" && j === from - 1));
    else if (t.norm === "yet") r.yet = true;
    else if (STRONG.has(t.norm)) r.strong++;
    else if (WEAK.has(t.norm)) r.weak++;
    else if (!(isFiller(t.norm) || POSSESSIVE_PRONOUNS.has(t.norm) || DETERMINERS.has(t.norm))) break;
  }
  return r;
}

export function scanAfter(ctx: Ctx, from: number, r: { strong: number; weak: number; neg: number; idiom?: boolean }): void {
  for (let j = from; j < Math.min(ctx.clause.end, from + 4); j++) {
    const n = ctx.tokens[j].norm;
    if (STRONG.has(n)) r.strong++;
    else if (WEAK.has(n)) r.weak++;
    // "I trust her no longer" right after the object ("doesn't fear him any longer" counts once, before the cue).
    else if (n === "longer" && j - from <= 3 && (ctx.tokens[j - 1]?.norm === "no" || ctx.tokens[j - 1]?.norm === "any") && !ctx.tokens.slice(from, j).some((t) => t.punct || t.norm === "and" || t.norm === "but")
      && !ctx.tokens.slice(Math.max(0, from - 6), from).some((t) => isNegator(t.norm))) r.neg++;
    // "I believe him about nothing now": the opposite, asserted.
    else if (n === "nothing" && j - from <= 3 && (ctx.tokens[j - 1]?.norm === "about" || ctx.tokens[j - 1]?.norm === "in")) r.neg++, (r.idiom = true);
  }
}

const FUTURE = new Set(["would", "will", "'ll", "shall"]);

/** "would trust Hale the day the river ran uphill": a future or conditional cue, then "the day" later in its clause. */
export function neverDay(ctx: Ctx, cue: CueMatch): boolean {
  if (!ctx.tokens.slice(Math.max(ctx.clause.start, cue.start - 3), cue.start).some((t) => FUTURE.has(t.norm))) return false;
  for (let j = cue.end; j + 1 < Math.min(ctx.clause.end, cue.end + 8); j++) if (ctx.tokens[j].norm === "the" && ctx.tokens[j + 1].norm === "day") return true;
  return false;
}

/** Only "and" / "," / intensifiers between two nouns: "cousin and closest friend". */
export function isCoordination(ctx: Ctx, from: number, to: number): boolean {
  const gap = ctx.tokens.slice(from, to);
  return gap.some((t) => t.norm === "and" || t.text === ",") && gap.every((t) => t.norm === "and" || t.text === "," || STRONG.has(t.norm) || WEAK.has(t.norm) || DETERMINERS.has(t.norm) && !POSSESSIVE_PRONOUNS.has(t.norm));
}

/** "…, Tomas above all" / "…, Brannock included": words after a name that single it out of a group. */
const SINGLED_AFTER = new Set(["above all", "included", "most of all", "in particular", "especially", "first of all", "not least", "chief among them"]);
/** "…, especially Tomas" / "including Tomas" / "and that includes Tomas": words before it. */
const SINGLED_BEFORE = new Set(["including", "especially", "particularly", "above all", "not least", "in particular", "that includes", "and above all", "most of all"]);

/**
 * A cue whose object is a group ("distrusts every member of the guild, Tomas above all"): the one
 * cast member the sentence singles out of it, up to the next semicolon or full stop, or undefined.
 */
export function singledOut(ctx: Ctx, from: number): Actor | undefined {
  const { tokens } = ctx;
  const words = (a: number, b: number): string => tokens.slice(a, b).map((x) => x.norm).join(" ");
  for (let j = from; j < Math.min(tokens.length, from + 16); j++) {
    const t = tokens[j];
    if (t.punct && t.text !== ",") return undefined;
    const mi = ctx.mentionAt[j];
    // "distrusts every physician, and me most of all": the speaker singled out.
    if (mi < 0 && t.norm === "me" && [1, 2, 3].some((k) => SINGLED_AFTER.has(words(j + 1, j + 1 + k))) && (tokens[j - 1]?.text === "," || tokens[j - 1]?.norm === "and")) {
      return { id: ctx.voice(j)?.speaker ?? ctx.owner, factor: 1, pos: j };
    }
    if (mi < 0) continue;
    const m = ctx.mentions[mi];
    if (m.possessive) {
      j = m.end - 1;
      continue;
    }
    const before = [1, 2, 3].some((k) => SINGLED_BEFORE.has(words(m.start - k, m.start)));
    const after = [1, 2, 3].some((k) => SINGLED_AFTER.has(words(m.end, m.end + k))) && (tokens[m.start - 1]?.text === "," || (tokens[m.start - 1]?.norm === "and" && tokens[m.start - 2]?.text === ","));
    if (before || after) return { id: m.entityId, factor: m.factor ?? 1, pos: m.start };
    j = m.end - 1;
  }
  return undefined;
}

/** "(it is) not that <holder> …": a denial set before the clause. */
export function notThat(tokens: readonly Token[], pos: number): boolean {
  const before = tokens[pos - 3];
  return tokens[pos - 1]?.norm === "that" && isNegator(tokens[pos - 2]?.norm ?? "") && (!before || before.punct || before.norm === "is" || before.norm === "was");
}
