import { type Actor, type Ctx, PRONOUN_SUBJECT, pronounFits, subjectActorAt } from "./context.ts";
import { DETERMINERS, isFiller } from "./wordsets.ts";
import { hasSoonerOrRather } from "./wordSenses.ts";

/**
 * Where a subject or object phrase of the cue really is: someone else's noun phrase between a name
 * and its cue ("said that her brother feared …"), the object of an earlier verb ("met Odile and
 * fears Pax"), a tag after a comma ("…, Ren learned"), a continuing subject pronoun. Split from
 * roles.ts (issue 15: clause boundaries and subject carry-over).
 */

const ARTICLES = new Set(["the", "a", "an"]);
const APPOSITION_NEXT = new Set(["and", "or", "who", "whom", "whose", "of"]);

/** "…are cousins, Ren learned": a name after the comma followed by a verb is a tag, not an apposition. */
export function isClauseTag(ctx: Ctx, nameEnd: number): boolean {
  const next = ctx.tokens[nameEnd];
  return next !== undefined && !next.punct && !APPOSITION_NEXT.has(next.norm);
}

/** Words after "the <noun> <Name>" that keep the name in the noun phrase ("the traitor Pax and his crew"). */
const APPOSITION_END = new Set(
  "and or but nor more most less than as so too with for in at on to from by himself herself themselves because since while when who whom whose that which".split(" "),
);

const DEED_NOUNS = new Set("way ways day days moment time times thought idea hour night prospect sight sound fact manner".split(" "));

/**
 * An article with no "of", possessive or name within three words after it ("the law the day …", not
 * "the wrath of Pax"), or one that opens a reduced relative clause ("the songs Pax keeps singing").
 */
export function ownNounObject(ctx: Ctx, at: number, to: number): boolean {
  if (!ARTICLES.has(ctx.tokens[at].norm)) return false;
  const from = at + 1;
  for (let k = from; k < Math.min(to, from + 3); k++) {
    const t = ctx.tokens[k];
    const mi = ctx.mentionAt[k];
    // "resents the way Quill undercuts her", "dreads the day Pax returns": a deed of the person's is about them.
    if (mi >= 0 && k > from && ctx.mentions[mi].start === k && !ctx.mentions[mi].possessive && !DEED_NOUNS.has(ctx.tokens[k - 1].norm)) {
      const next = ctx.tokens[ctx.mentions[mi].end];
      return next !== undefined && !next.punct && !APPOSITION_END.has(next.norm) && !isFiller(next.norm);
    }
    if (mi >= 0 || t.norm === "of" || t.possessive || t.punct) return false;
  }
  return from + 3 <= to;
}

const COORDINATORS = new Set(["and", "but", "yet", "then"]);

/** A name right after a content word (a verb's object), with a coordinator between it and the cue. */
const OBJECT_PREPOSITIONS = new Set(["to", "with", "at", "for", "from", "beside", "behind", "about", "on", "upon"]);

export function isEarlierObject(ctx: Ctx, start: number, end: number, cueStart: number): boolean {
  const prev = ctx.tokens[start - 1];
  if (!prev || prev.punct || prev.norm === "than" || prev.norm === "that") return false;
  for (let k = end; k < cueStart; k++) if (ctx.mentionAt[k] >= 0) return false;
  const between = ctx.tokens.slice(end, cueStart);
  // "believes the Queen, trusts the Captain": a comma alone before the cue lists the subject's verbs.
  const coordinated = between.some((t) => COORDINATORS.has(t.norm)) || (between.length === 1 && between[0].text === ",");
  const listed = DETERMINERS.has(prev.norm) || COORDINATORS.has(prev.norm);
  // ("listened to Pax and trusts him": the object of a preposition too.)
  if (!listed) return (!isFiller(prev.norm) || OBJECT_PREPOSITIONS.has(prev.norm)) && coordinated;
  // "owes his tailor, his bootmaker and the Captain, and fears only the last": the list closes an earlier
  // predicate of the sentence's opener (not "Sera and Tomas fear Hale", nothing between name and cue).
  // (", and Tomas, awed, looks up to her": a name right after ", and" opens a clause of its own.)
  const joiner = COORDINATORS.has(prev.norm) ? start - 1 : start - 2;
  if (!COORDINATORS.has(ctx.tokens[joiner]?.norm ?? "") || (ctx.tokens[joiner - 1]?.punct ?? true)) return false;
  const opener = sentenceOpener(ctx, start);
  return coordinated && opener !== undefined && opener.pos < start
    && ctx.tokens.slice(opener.pos + 1, start).some((t, k) => ctx.mentionAt[opener.pos + 1 + k] < 0 && !t.punct && !isFiller(t.norm) && !DETERMINERS.has(t.norm) && !COORDINATORS.has(t.norm));
}

/** The name or subject pronoun that opens the sentence around `pos` (only fillers before it), if any. */
export function sentenceOpener(ctx: Ctx, pos: number): Actor | undefined {
  let s = pos;
  while (s > 0 && !(ctx.tokens[s - 1].punct && (ctx.tokens[s - 1].text === "." || ctx.tokens[s - 1].text === "!" || ctx.tokens[s - 1].text === "?"))) s--;
  for (let j = s; j < pos; j++) {
    const a = subjectActorAt(ctx, j);
    if (a) return a;
    if (!(isFiller(ctx.tokens[j].norm) || DETERMINERS.has(ctx.tokens[j].norm))) return undefined;
  }
  return undefined;
}

/**
 * "Sera once feared Brannock, but now she trusts her" in Brannock's memory: the owner is named, not
 * as the earlier clause's subject, so the subject pronoun continues that subject (not the owner).
 */
export function continuedSubject(ctx: Ctx, j: number, carry: Actor[] | undefined): Actor | undefined {
  if (!carry || carry.length !== 1 || carry[0].id === ctx.owner || !ctx.ownerNamed || ctx.mentionAt[j] >= 0) return undefined;
  const norm = ctx.tokens[j].norm;
  if (norm !== "she" && norm !== "he" || !pronounFits(ctx, carry[0].id, norm)) return undefined;
  // Only when the clause also has an object pronoun of the same gender ("she … her"): two people, and
  // the owner, named as the earlier object, is the one left for the object.
  const object = norm === "she" ? "her" : "him";
  if (!ctx.tokens.slice(j + 1, ctx.clause.end).some((t) => t.norm === object)) return undefined;
  return { id: carry[0].id, factor: PRONOUN_SUBJECT * 0.8, pos: j };
}

/**
 * A reported or subordinate clause with a subject of its own between a name and its cue: the last word
 * before the cue's fillers is a noun after a determiner or possessive pronoun ("said that the cook …",
 * "knows her brother feared …"), so the name is not the cue's subject.
 */
export function ownNounSubject(ctx: Ctx, from: number, cueStart: number): boolean {
  let k = cueStart - 1;
  while (k >= from && !ctx.tokens[k].punct && isFiller(ctx.tokens[k].norm)) k--;
  if (k < from || ctx.tokens[k].punct || ctx.tokens[k].norm === "that" || ctx.tokens[k].norm === "which") return false;
  for (let d = k - 1; d >= Math.max(from, k - 2); d--) {
    const t = ctx.tokens[d];
    if (t.punct) return false;
    if (DETERMINERS.has(t.norm)) return REPORT_OPENERS.has(ctx.tokens[d - 1]?.norm ?? "");
  }
  return false;
}

/** Words that open a reported or subordinate clause with a subject of its own ("said that the cook …"). */
const REPORT_OPENERS = new Set([
  "that", "said", "says", "say", "told", "tells", "knows", "knew", "know", "thinks", "thought", "believes", "believed", "claims", "claimed",
  "heard", "hears", "insists", "insisted", "whispered", "wrote", "writes", "learned", "learnt", "because", "while", "when", "whenever", "since",
]);


const NOBODY = new Set(["nobody", "none", "noone", "no-one", "nothing"]);
const EVERYONE = new Set(["everyone", "everybody", "all"]);
const EXCEPT = new Set(["except", "but", "save", "besides"]);
/**
 * "fears no one except Vesna" → Vesna; "trusts nobody" / "suspects nothing" → nobody named (undefined: not
 * this construction). "gets along with everyone except Corvin" → Corvin, negated. "respects no one as much as Mirren" → Mirren.
 */
export function exceptObject(ctx: Ctx, from: number, to: number): { objects: Actor[]; negated: boolean } | undefined {
  const t = ctx.tokens[from];
  const every = t !== undefined && EVERYONE.has(t.norm);
  if (!t || !(every || NOBODY.has(t.norm) || (t.norm === "no" && ctx.tokens[from + 1]?.norm === "one"))) return undefined;
  for (let j = from + 1; j < Math.min(to, from + 10); j++) {
    // "respects nobody half so much as Mirren", "fears no one more than the Queen": the one compared is the one meant.
    const compared = (ctx.tokens[j].norm === "than" && ctx.tokens[j - 1]?.norm === "more") || (ctx.tokens[j].norm === "as" && ctx.tokens[j - 1]?.norm === "much");
    if (!EXCEPT.has(ctx.tokens[j].norm) && !(compared && !every)) continue;
    // "except her own cousin Tomas": up to four words before the name.
    for (let k = j + 1; k < Math.min(to, j + 6); k++) {
      const mi = ctx.mentionAt[k];
      if (mi >= 0) return { objects: [{ id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start }], negated: every };
    }
  }
  return every ? undefined : { objects: [], negated: false };
}

/** "would sooner / rather" before the cue in its clause. */
export function soonerBefore(ctx: Ctx, cueEnd: number): boolean {
  return hasSoonerOrRather(ctx.tokens, Math.max(ctx.clause.start, cueEnd - 6), cueEnd);
}
