import { type Actor, type Ctx, addresseeAt, expandGroup, isObjectPronoun, resolveObjectPronoun, resolvePossessivePronoun, subjectActorAt } from "./context.ts";
import type { CueMatch } from "./cues.ts";
import { isClauseTag } from "./phraseBounds.ts";
import { pluralAt } from "./plurals.ts";
import { HEADING_LINK } from "./text.ts";
import { findSubject } from "./roles.ts";
import { CONSIDER_VERBS, COPULAS, DETERMINERS, isFiller, isNegator, KIN, POSSESSIVE_PRONOUNS, STRONG, WEAK } from "./wordsets.ts";

/**
 * Who a relational noun links: "Sera's cousin Tomas", "Tomas is Sera's friend", "X and Y are rivals",
 * "counts Quill among her friends", "sees Hale as a rival" (the viewer's view only).
 */

const NOUN_LINKS = new Set(["of", "to", "with", "for"]);
// Beyond copulas, words that tie a subject to a relational noun: "counts Quill among her friends",
// "made friends with Corvin", "made an enemy of Hale".
// "went from strangers to sworn enemies", "turned into bitter rivals", "grew into friends".
const LINKING_NOUN = new Set(["among", "make", "makes", "made", "making", "share", "shares", "shared", "went", "turned", "turns", "grew", "proved", "proves"]);
// "made an enemy of Hale" is a deed of both; "sees / counts / calls Hale …" is the viewer's view only.
const MAKE = new Set(["make", "makes", "made", "making"]);
const THINK = new Set(["think", "thinks", "thought", "speak", "speaks", "spoke", "look", "looks", "looked"]);
const VIEW_LINKS = new Set(["of", "on", "upon"]);
const HAVE = new Set(["have", "had", "has", "ever"]);
// "swore to be friends", "vowed to be allies": a pledge before "to be" links its subject to the noun.
const PLEDGED = new Set(["swore", "swear", "swears", "sworn", "vowed", "vow", "vows", "promised", "promise", "promises", "agreed", "agree", "agrees"]);


/** A possessive right before a cue ("Sera's trust", "her fear of"): token index, or -1. */
export function possessorBefore(ctx: Ctx, cue: CueMatch, anyModifier: boolean): number {
  let j = cue.start - 1;
  for (let skipped = 0; j >= ctx.clause.start && skipped < 3; skipped++, j--) {
    const t = ctx.tokens[j];
    if (t.punct || ctx.mentionAt[j] >= 0 || POSSESSIVE_PRONOUNS.has(t.norm) || t.norm === "your") break;
    // "Lady Corvin's only son": "only" is a filler word elsewhere, a modifier here.
    const modifier = STRONG.has(t.norm) || WEAK.has(t.norm) || (anyModifier && (t.norm === "only" || (!isFiller(t.norm) && !isNegator(t.norm) && !DETERMINERS.has(t.norm))));
    if (!modifier) return -1;
  }
  if (j < ctx.clause.start) return -1;
  const mi = ctx.mentionAt[j];
  if (mi >= 0) return ctx.mentions[mi].possessive ? j : -1;
  // ("your friend" in a letter or a quotation to someone named: theirs.)
  return POSSESSIVE_PRONOUNS.has(ctx.tokens[j].norm) || (ctx.tokens[j].norm === "your" && addresseeAt(ctx, j) !== undefined) ? j : -1;
}

/** Participants of a relational noun ("Sera's cousin Tomas", "Tomas is Sera's friend", "X and Y are rivals"). */
export function nounParticipants(ctx: Ctx, cue: CueMatch, fallbackBearer?: Actor): { possessor?: Actor; bearer?: Actor; others: Actor[]; scanFrom: number; viewer?: Actor } {
  const others: Actor[] = [];
  let viewer: Actor | undefined;
  let toLink = false;
  let bearer: Actor | undefined;
  let possessor: Actor | undefined;
  const posIdx = possessorBefore(ctx, cue, true);
  let leftEdge = cue.start;
  // Right side: an appositive name ("cousin Tomas", "cousin, Tomas") or "of/to/with <name>".
  let k = cue.end;
  if (ctx.tokens[k]?.text === "," || ctx.tokens[k]?.norm === "is" || ctx.tokens[k]?.norm === "was") k++;
  if (k < ctx.clause.end && ctx.mentionAt[k] >= 0 && !(k > cue.end && isClauseTag(ctx, ctx.mentions[ctx.mentionAt[k]].end))) {
    const m = ctx.mentions[ctx.mentionAt[k]];
    bearer = { id: m.entityId, factor: 1, pos: m.start };
  } else if (k < ctx.clause.end && NOUN_LINKS.has(ctx.tokens[k].norm)) {
    // "a good friend to me", "a sister to him": an object pronoun right after the link.
    const pronoun = k + 1 < ctx.clause.end && isObjectPronoun(ctx, k + 1) ? resolveObjectPronoun(ctx, k + 1, new Set()) : undefined;
    if (pronoun) {
      if (ctx.tokens[k].norm === "of") possessor = pronoun;
      else others.push(pronoun);
      toLink = ctx.tokens[k].norm === "to";
    }
    for (let j = k + 1; !pronoun && j < Math.min(ctx.clause.end, k + 4); j++) {
      const mi = ctx.mentionAt[j];
      // "rivals for the Queen's favour": a possessive after the link owns the prize, it is no participant.
      if (mi >= 0 && ctx.mentions[mi].possessive) break;
      if (mi >= 0) {
        const m = ctx.mentions[mi];
        const a = { id: m.entityId, factor: 1, pos: m.start };
        if (ctx.tokens[k].norm === "of") possessor = a;
        else others.push(a);
        toLink = ctx.tokens[k].norm === "to";
        break;
      }
    }
  }
  // "Tomas, the best friend I have in this town": "I have" after the noun owns it.
  if (!possessor && ctx.tokens[cue.end]?.norm === "i" && HAVE.has(ctx.tokens[cue.end + 1]?.norm ?? "")) possessor = { id: ctx.voice(cue.end)?.speaker ?? ctx.owner, factor: 1, pos: cue.end };
  if (posIdx >= 0) leftEdge = ctx.mentionAt[posIdx] >= 0 ? ctx.mentions[ctx.mentionAt[posIdx]].start : posIdx;
  else {
    let j = cue.start - 1;
    while (j >= ctx.clause.start && j > cue.start - 4 && !ctx.tokens[j].punct && ctx.mentionAt[j] < 0 && !COPULAS.has(ctx.tokens[j].norm) && !LINKING_NOUN.has(ctx.tokens[j].norm)) j--;
    leftEdge = j + 1;
  }
  // Left side: a subject linked by a copula, "as" or an apposition comma, or a "consider" object.
  let linked = false;
  let copulaLinked = false;
  let saidToYou = false;
  let scanFrom = leftEdge;
  for (let j = leftEdge - 1, steps = 0; j >= ctx.clause.start && steps < 7; j--, steps++) {
    const t = ctx.tokens[j];
    const plural = linked && ctx.mentionAt[j] < 0 ? pluralAt(ctx, j) : undefined;
    if (plural) {
      if (!bearer) bearer = plural.pop();
      others.push(...plural);
      break;
    }
    // "you, Brother": a comma after "you" sets off a form of address, not an apposition.
    const isYou = ctx.tokens[j].norm === "you";
    const you = isYou && (copulaLinked || CONSIDER_VERBS.has(ctx.tokens[j - 1]?.norm ?? "")) ? addresseeAt(ctx, j) : undefined;
    const a = isYou ? you : subjectActorAt(ctx, j);
    if (you) saidToYou = true;
    if (a && !(ctx.mentionAt[j] >= 0 && ctx.mentions[ctx.mentionAt[j]].possessive)) {
      // "thinks of Vesna as a friend", "looks on her as": the verb sits before "of" / "on".
      // "sees his sister Sera as …": the viewed may carry a kinship word of the viewer's.
      const kin = KIN.has(ctx.tokens[a.pos - 1]?.norm ?? "") && POSSESSIVE_PRONOUNS.has(ctx.tokens[a.pos - 2]?.norm ?? "") ? 2 : 0;
      const thinksOf = VIEW_LINKS.has(ctx.tokens[a.pos - kin - 1]?.norm ?? "") && THINK.has(ctx.tokens[a.pos - kin - 2]?.norm ?? "");
      const verbAt = a.pos - kin - (thinksOf ? 2 : 1);
      const before = ctx.tokens[verbAt];
      if (before && (thinksOf || CONSIDER_VERBS.has(before.norm))) {
        // "no longer considers Tomas a friend": the negation sits before the verb.
        scanFrom = verbAt;
        const subj = findSubject(ctx, verbAt, ctx.clause.start, undefined, false);
        if (subj[0] && !MAKE.has(before.norm)) viewer = subj[0];
        if (!bearer) bearer = a;
        else others.push(a);
        if (!possessor && subj[0] && posIdx < 0) possessor = subj[0];
        else others.push(...subj);
      } else {
        // Linked by a copula or comma, or "which makes Sera and Aldo cousins": a group right after a verb of making.
        const group = expandGroup(ctx, a, ctx.clause.start - 1);
        if (linked || (group.length > 1 && MAKE.has(ctx.tokens[group[0].pos - 1]?.norm ?? ""))) {
          if (!bearer) bearer = group.pop();
          others.push(...group);
        }
      }
      break;
    }
    if (COPULAS.has(t.norm) || CONSIDER_VERBS.has(t.norm)) copulaLinked = true;
    if (t.text === "," || HEADING_LINK.has(t.text) || COPULAS.has(t.norm) || LINKING_NOUN.has(t.norm)) linked = true;
    // "turns out to be Hale's uncle", "proved to be her cousin": a linking verb before "to be".
    else if (!(t.punct || isFiller(t.norm) || DETERMINERS.has(t.norm) || STRONG.has(t.norm) || WEAK.has(t.norm) || (t.norm === "to" && ctx.tokens[j + 1]?.norm === "be") || (PLEDGED.has(t.norm) && ctx.tokens[j + 1]?.norm === "to") || (t.norm === "out" && /^turn/.test(ctx.tokens[j - 1]?.norm ?? "")))) break;
  }
  // "Corvin is Brannock's ally and Tomas's sworn foe": a second predicate noun shares the subject.
  if (!bearer && fallbackBearer && others.length === 0) bearer = fallbackBearer;
  if (posIdx >= 0) {
    const mi = ctx.mentionAt[posIdx];
    const exclude = new Set([bearer?.id ?? "", ...others.map((o) => o.id)]);
    // "Ines calls Pax her dearest friend": the possessive pronoun is the one who calls.
    const viewerOwns = mi < 0 && viewer !== undefined && ctx.tokens[posIdx].norm !== "my";
    if (viewerOwns) others.splice(0, others.length, ...others.filter((o) => o.id !== viewer?.id));
    const p = mi >= 0 ? { id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start } : viewerOwns ? viewer : resolvePossessivePronoun(ctx, posIdx, exclude);
    if (p) {
      if (possessor) others.push(possessor);
      possessor = p;
    }
  }
  // "“You are a true friend, Sera,” Quill said": said to someone's face, the speaker is the other one.
  if (saidToYou && !possessor && bearer && others.every((o) => o.id === bearer?.id)) {
    const speaker = ctx.voice(cue.start)?.speaker;
    if (speaker !== undefined && speaker !== bearer.id) possessor = { id: speaker, factor: 0.9, pos: cue.start };
  }
  // "Mirren is a loyal friend to Sera": Mirren's conduct towards Sera; whether she returns it is a guess.
  if (toLink && !viewer && bearer && !possessor) viewer = bearer;
  return { possessor, bearer, others, scanFrom, viewer };
}
