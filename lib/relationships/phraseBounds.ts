import { type Actor, type Ctx, addresseeAt, PRONOUN_SUBJECT, pronounFits, subjectActorAt } from "./context.ts";
import { DETERMINERS, INTENSIVES, isFiller, QUALITIES, SUBJECT_PRONOUNS } from "./wordsets.ts";
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

// Words between a head name and a relative subject: "Hale, whom Sera trusts", "Tomas is the only
// one she trusts", "Mirren, the only person he truly trusts".
// ("Mistress Quill, of whom she is very fond": the preposition of a pied-piped relative.)
const RELATIVE_HEAD = new Set(["whom", "who", "that", "one", "person", "man", "woman", "soul", "someone", "somebody", "only", "the", "a", "is", "was", "remains", ",", "perhaps", "probably", "still", "last", "first", "of"]);
export const RELATIVE_MARK: ReadonlySet<string> = new Set(["whom", "who", "that", "one", "person", "man", "woman", "soul", "someone", "somebody"]);

/** The head named by mention mi, found by its place before a relative (a guess: ×0.9); none for a possessive ("Sera's"). */
function headAt(ctx: Ctx, mi: number): Actor | undefined {
  const m = mi >= 0 ? ctx.mentions[mi] : undefined;
  return m && !m.possessive ? { id: m.entityId, factor: 0.9, pos: m.start } : undefined;
}

/**
 * "Corvin, whom Sera adores" / "Tomas is the only one she trusts": the object stands before the
 * relative subject. `lastResort`: "the last man she would trust" says the opposite.
 */
export function objectBeforeWhom(ctx: Ctx, subject: Actor, cueStart: number, cueEnd = cueStart): { objects: Actor[]; lastResort: boolean } {
  const none = { objects: [], lastResort: false };
  // "Captain Brannock, whose judgment she trusts", "Hale, whose good sense I admire": the quality's owner, named before "whose".
  const whose = ctx.tokens[subject.pos - 2]?.norm === "whose" ? subject.pos - 2 : ctx.tokens[subject.pos - 3]?.norm === "whose" && !ctx.tokens[subject.pos - 2].punct ? subject.pos - 3 : -1;
  if (whose >= 0 && QUALITIES.has(ctx.tokens[subject.pos - 1]?.norm ?? "")) {
    const j = ctx.tokens[whose - 1]?.text === "," ? whose - 2 : whose - 1;
    const mi = j >= 0 ? ctx.mentionAt[j] : -1;
    const head = headAt(ctx, mi);
    return head ? { objects: [head], lastResort: false } : none;
  }
  const only = theOnlyOne(ctx, subject.pos) ?? cleftObject(ctx, subject.pos) ?? frontedTopic(ctx, subject) ?? noOneMore(ctx, subject, cueEnd) ?? whomAfterPhrase(ctx, subject.pos);
  if (only) return { objects: [only], lastResort: false };
  if (!RELATIVE_MARK.has(ctx.tokens[subject.pos - 1]?.norm ?? "")) return none;
  let last = false;
  for (let j = subject.pos - 1; j >= Math.max(ctx.clause.start, subject.pos - 7); j--) {
    const mi = ctx.mentionAt[j];
    if (mi >= 0) {
      const head = headAt(ctx, mi);
      if (!head) return none;
      const would = ctx.tokens.slice(subject.pos + 1, cueStart).some((t) => t.norm === "would" || t.norm === "'d" || t.norm === "could");
      return { objects: [head], lastResort: last && would };
    }
    if (ctx.tokens[j].norm === "last") last = true;
    if (!RELATIVE_HEAD.has(ctx.tokens[j].norm)) return none;
  }
  return none;
}

/**
 * "it's Lady Corvin she hates", "it was Tomas I feared", "but Lady Corvin she feared", "Quill he trusts":
 * the name put first, right before the subject pronoun (after a cleft, a conjunction or at the start), is the object.
 */
function cleftObject(ctx: Ctx, subjectPos: number): Actor | undefined {
  // ("the Captain herself he rather likes": an intensive may follow the fronted name.)
  const before = INTENSIVES.has(ctx.tokens[subjectPos - 1]?.norm ?? "") ? subjectPos - 2 : subjectPos - 1;
  const mi = ctx.mentionAt[before] ?? -1;
  if (mi < 0 || ctx.mentions[mi].possessive || !SUBJECT_PRONOUNS.has(ctx.tokens[subjectPos]?.norm ?? "")) return undefined;
  const prev = ctx.tokens[ctx.mentions[mi].start - 1];
  const be = prev?.norm;
  const cleft = (be === "is" || be === "was") && ctx.tokens[ctx.mentions[mi].start - 2]?.norm === "it";
  // ("…; Quill, though, he trusts with the plate": fronted at the start of its sentence, its aside dropped.)
  const opens = prev === undefined || (prev.punct && prev.text !== ",");
  return cleft || be === "but" || be === "yet" || opens ? headAt(ctx, mi) : undefined;
}

const WHOM_PREPOSITIONS = new Set(["of", "in", "on", "upon", "to", "for"]);
const PLACE_PREPOSITIONS = new Set(["on", "at", "in", "by", "from", "near", "beside", "across", "behind", "outside", "inside"]);

/**
 * ", whom she hates" after "Lady Corvin on the quay", and ", of whom I have grown fond" / ", in whom
 * she confides": the name before the comma (a place phrase may follow it), the relative's object.
 */
function whomAfterPhrase(ctx: Ctx, subjectPos: number): Actor | undefined {
  if (ctx.tokens[subjectPos - 1]?.norm !== "whom") return undefined;
  const comma = WHOM_PREPOSITIONS.has(ctx.tokens[subjectPos - 2]?.norm ?? "") ? subjectPos - 3 : subjectPos - 2;
  if (ctx.tokens[comma]?.text !== ",") return undefined;
  for (let j = comma - 1; j >= Math.max(0, comma - 5); j--) {
    const mi = ctx.mentionAt[j];
    if (mi >= 0) {
      const m = ctx.mentions[mi];
      const phrase = m.end === comma || PLACE_PREPOSITIONS.has(ctx.tokens[m.end]?.norm ?? "");
      return phrase ? headAt(ctx, mi) : undefined;
    }
    if (ctx.tokens[j].punct) return undefined;
  }
  return undefined;
}

/** How many words "the only one … she trusts" may hold between "only / one" and the relative subject. */
const ONLY_ONE_SPAN = 7;
const ONLY_ONE_FILLER = new Set(["in", "at", "on", "of", "this", "the", "that", "these", "here", "there", "alive", "left", "now", "whom", "who", "still"]);

/**
 * "you are the only one in this camp I rely on", "beside the Captain, the one officer she respects":
 * the head of "the only / the one [noun] [in this place]" is the copula's subject or the name before
 * the comma (or before "as": "named Hale as the one man …"). At most three free words (the noun and a place:
 * "the one man in the witness room he trusts"), so a clause of its own between them ends the search.
 */
function theOnlyOne(ctx: Ctx, subjectPos: number): Actor | undefined {
  let nouns = 0;
  for (let j = subjectPos - 1; j >= Math.max(1, subjectPos - ONLY_ONE_SPAN); j--) {
    const t = ctx.tokens[j];
    if (t.punct || ctx.mentionAt[j] >= 0) return undefined;
    if ((t.norm === "only" || t.norm === "one") && ctx.tokens[j - 1].norm === "the") return headOfTheOnly(ctx, j - 1);
    if (t.norm === "one" && ctx.tokens[j - 1].norm === "only" && ctx.tokens[j - 2]?.norm === "the") return headOfTheOnly(ctx, j - 2);
    // "the only man in Tarrow Gulch she trusts": a place name is no extra noun.
    if (!ONLY_ONE_FILLER.has(t.norm) && !t.cap && ++nouns > 3) return undefined;
  }
  return undefined;
}

const NO_ONE = new Set(["nobody", "noone", "no-one"]);

/**
 * "Mirren is my uncle, and there is no one in Tarrow I respect more": "no one … I <cue> more" is
 * about the last person named before "no one" in the sentence (other than the subject).
 */
function noOneMore(ctx: Ctx, subject: Actor, cueEnd: number): Actor | undefined {
  const after = ctx.tokens[cueEnd];
  if (after?.norm !== "more" && after?.norm !== "better") return undefined;
  let k = subject.pos - 1;
  for (; k >= Math.max(1, subject.pos - 7); k--) {
    const t = ctx.tokens[k];
    if (t.punct || ctx.mentionAt[k] >= 0) return undefined;
    if (NO_ONE.has(t.norm) || (t.norm === "one" && ctx.tokens[k - 1].norm === "no")) break;
  }
  if (k < Math.max(1, subject.pos - 7)) return undefined;
  const sentence = ctx.doubt.sentence[k];
  for (let mi = ctx.mentions.length - 1; mi >= 0; mi--) {
    const x = ctx.mentions[mi];
    if (x.start >= k || ctx.doubt.sentence[x.start] !== sentence || x.entityId === subject.id) continue;
    return headAt(ctx, mi);
  }
  return undefined;
}

/** How many tokens an aside between a fronted name and the clause's subject may hold. */
const TOPIC_ASIDE = 12;

/**
 * "Quill, who owns his boat, I am beginning to respect", "Brother Mirren, on the other hand, I
 * suspect": a sentence that opens with a name and a comma, then (after an aside naming nobody) a
 * subject and a verb with no object, has that name as the verb's object.
 */
function frontedTopic(ctx: Ctx, subject: Actor): Actor | undefined {
  if (ctx.tokens[subject.pos - 1]?.text !== ",") return undefined;
  for (let j = subject.pos - 2; j >= Math.max(0, subject.pos - TOPIC_ASIDE); j--) {
    const t = ctx.tokens[j];
    if (t.punct && t.text !== "," && ctx.mentionAt[j] < 0) return undefined;
    const mi = ctx.mentionAt[j];
    if (mi < 0) continue;
    const m = ctx.mentions[mi];
    const before = ctx.tokens[m.start - 1];
    const opensSentence = before === undefined || (before.punct && (before.text === "." || before.text === "!" || before.text === "?" || before.text === ":" || before.text === ";"));
    if (m.entityId === subject.id || ctx.tokens[m.end]?.text !== "," || !opensSentence) return undefined;
    return headAt(ctx, mi);
  }
  return undefined;
}

function headOfTheOnly(ctx: Ctx, the: number): Actor | undefined {
  const before = ctx.tokens[the - 1];
  // ("named Dr. Hale as the one man in the room he trusts": the name before "as" too.)
  if (before?.text === "," || before?.norm === "as") {
    return headAt(ctx, ctx.mentionAt[the - 2] ?? -1);
  }
  if (!COPULA_NOW.has(before?.norm ?? "")) return undefined;
  let j = the - 2;
  // "Captain Brannock, who trained him, is the only officer I trust": step over the aside.
  if (ctx.tokens[j]?.text === ",") {
    let k = j - 1;
    while (k > 0 && j - k <= TOPIC_ASIDE && ctx.tokens[k].text !== "," && ctx.mentionAt[k] < 0 && !ctx.tokens[k].punct) k--;
    if (ctx.tokens[k]?.text !== ",") return undefined;
    j = k - 1;
  }
  if (ctx.tokens[j]?.norm === "you") return addresseeAt(ctx, j);
  // "Aldo runs the bar, can't be bothered with the committee, and is the only person Vesna trusts": the sentence's subject goes on.
  if (ctx.tokens[j]?.norm === "and" && ctx.tokens[j - 1]?.text === ",") return sentenceOpener(ctx, j);
  const mi = ctx.mentionAt[j] ?? -1;
  if (mi < 0) return SUBJECT_PRONOUNS.has(ctx.tokens[j]?.norm ?? "") ? subjectActorAt(ctx, j) : undefined;
  return headAt(ctx, mi);
}
const COPULA_NOW = new Set(["is", "are", "was", "remains", "remained"]);

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
