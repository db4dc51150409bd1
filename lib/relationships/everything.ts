import { type Actor, type Ctx, isObjectPronoun, resolveObjectPronoun, subjectActorAt } from "./context.ts";

/**
 * "distrusts everything (else) about her", "doubts nearly everything she tells him", "every syllable
 * he utters": the object of a cue is the person it is all about, or the one who says or does it.
 * Split from roles.ts (findObjects).
 */

const ABOUT_ALL = new Set(["everything", "anything", "something", "much", "most"]);
const SAYS = new Set(["says", "said", "tells", "told", "writes", "wrote", "claims", "claimed", "swears", "swore", "reports", "reported", "promises", "promised",
  "utters", "uttered", "signs", "signed", "does", "did", "offers", "offered"]);

/** The person meant by "everything about X" / "everything X says" starting at token j (the cue's object starts at `from`). */
export function everythingObject(ctx: Ctx, j: number, from: number, subjectIds: ReadonlySet<string>): Actor | undefined {
  const t = ctx.tokens[j];
  const first = j === from || (j === from + 1 && ctx.tokens[from].norm.endsWith("ly"));
  if (!first) return undefined;
  const about = ABOUT_ALL.has(t.norm) ? (ctx.tokens[j + 1]?.norm === "else" ? j + 2 : j + 1) : t.norm === "every" && ctx.tokens[j + 1] && !ctx.tokens[j + 1].punct ? j + 2 : -1;
  if (about < 0) return undefined;
  if (ctx.tokens[about]?.norm === "about") {
    const mi = ctx.mentionAt[about + 1];
    const a = mi >= 0 ? (ctx.mentions[mi].possessive ? undefined : { id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start })
      : isObjectPronoun(ctx, about + 1) ? resolveObjectPronoun(ctx, about + 1, subjectIds) : undefined;
    if (a) return a;
  }
  const teller = ctx.tokens[about]?.norm === "that" ? about + 1 : about;
  if (!SAYS.has(ctx.tokens[(ctx.mentionAt[teller] >= 0 ? ctx.mentions[ctx.mentionAt[teller]].end : teller + 1)]?.norm ?? "")) return undefined;
  // (A pronoun there is not the cue's own subject: "everything she tells him" in Hale's memory is someone else.)
  const said = subjectActorAt(ctx, teller);
  const a = said && subjectIds.has(said.id) && ctx.mentionAt[teller] < 0 ? resolveObjectPronoun(ctx, teller, subjectIds) : said;
  // ("suspects every order she signs" in Vesna's memory, Vesna never named: no one we can tell.)
  return a && !subjectIds.has(a.id) && ctx.mentions.some((m) => m.entityId === a.id) ? a : undefined;
}
