import { type Actor, type Ctx, addresseeAt, subjectActorAt } from "./context.ts";
import { sentenceOpener } from "./phraseBounds.ts";
import { INTENSIVES, QUALITIES, SUBJECT_PRONOUNS } from "./wordsets.ts";

/**
 * The object a relative clause points back to: "Hale, whom Sera trusts", "the only one she trusts",
 * "it is Hale she fears", "Quill, of whom she is very fond", "there is no one I respect more". Split
 * from phraseBounds.ts.
 */

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
