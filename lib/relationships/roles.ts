import { DOUBT } from "./doubt.ts";
import { contrastsThePerson, isMisfortune, isPersonNoun, ownsUnnamedPerson } from "./possessions.ts";
import { continuedSubject, exceptObject, isEarlierObject, ownNounObject, ownNounSubject, sentenceOpener, soonerBefore } from "./phraseBounds.ts";
import {
  allFiller, CARRIED, type Actor, type Ctx, expandGroup, isObjectPronoun, OWNER_DEFAULT, resolveObjectPronoun, subjectActorAt,
} from "./context.ts";
import { bothAt, pluralAt } from "./plurals.ts";
import { epithetSubject, resolveEpithet, resolveLatter, whoAfterUnnamed } from "./epithets.ts";
import { gappedAfterThing, gappedObject, gappedParallel, listEnd } from "./gaps.ts";
import { everythingObject } from "./everything.ts";
import { hasSoonerOrRather, isQuote } from "./wordSenses.ts";
import { COORDINATING, ELLIPSIS_AUX, INTENSIVES, LINK_PREPOSITIONS, OBJECT_STOP, POSSESSIVE_PRONOUNS, QUALITIES } from "./wordsets.ts";

/** Who holds the feeling and who it is about, for one cue. */
export interface Roles {
  holders: Actor[];
  targets: Actor[];
  /** "each other", "are inseparable": every pair within holders, both ways. */
  mutualGroup: boolean;
  /** Grammatical subjects, carried to the next clause ("…yet detests Hale"). */
  subjects: Actor[];
  /** "likes everyone except Corvin": the cue holds for everyone but the target, so it is negated for them. */
  negated?: boolean;
  /** "Tomas sees Quill as a rival": the viewer; the bond back from the one viewed is a guess. */
  viewer?: string;
}

const RELATIVE = new Set(["who", "that", "which", "whom"]);
// Capitalised words after a preposition that are no unknown name ("fond of I…" never occurs; "afraid of God" is no one).
const NOT_NAMES = new Set(["i", "god", "heaven", "heavens"]);
const CONTRASTING = new Set(["but", "yet", "though", "although"]);
const INDEFINITES = new Set(["anyone", "anybody", "everyone", "everybody", "someone", "somebody", "nobody"]);
const MANNER_SUBJECTS = new Set(["she", "he", "you", "they"]);
const JOINERS = new Set(["and", "or", "nor", "&", ",", "as", "well"]);
const hasContent = (ctx: Ctx, from: number, to: number): boolean => !allFiller(ctx, from, to);

/**
 * The grammatical subject of a cue: the nearest name or subject pronoun to its left. With an earlier
 * cue in the same clause only a name directly before the cue counts ("…Tomas and Hale fears Corvin");
 * otherwise the earlier subject carries over ("counts on Tomas yet detests Hale").
 */
export function findSubject(ctx: Ctx, cueStart: number, leftStart: number, carry: Actor[] | undefined, strict: boolean): Actor[] {
  for (let j = cueStart - 1; j >= leftStart; j--) {
    const mi = ctx.mentionAt[j];
    const plural = mi < 0 ? pluralAt(ctx, j) : undefined;
    if (plural) return strict && !allFiller(ctx, j + 1, cueStart) ? [] : plural;
    const actor = continuedSubject(ctx, j, carry) ?? subjectActorAt(ctx, j);
    // "the Dean's sister, who must on no account marry Tomas": "who" after someone unnamed is that someone.
    if (!actor && whoAfterUnnamed(ctx, j)) return [];
    if (!actor) continue;
    const end = mi >= 0 ? ctx.mentions[mi].end : j + 1;
    if (mi >= 0 && ctx.mentions[mi].possessive) {
      // "Corvin, Sera's aunt, distrusts Tomas": step over an apposition set off by commas.
      const m = ctx.mentions[mi];
      const closed = ctx.tokens.slice(m.end, cueStart).some((t) => t.text === ",");
      if (ctx.tokens[m.start - 1]?.text === "," && closed) {
        j = m.start - 1;
        continue;
      }
      // "Tomas is in Brannock's debt and respects her": the possessive ends an earlier predicate; the
      // coordinated verb shares that predicate's subject.
      const coordinated = ctx.tokens.slice(m.end, cueStart).some((t) => t.norm === "and" || t.text === ",");
      // "Ilse admires Sera's nerve and trusts her": the object of an earlier cue; that cue's subject goes on.
      if (coordinated && strict && carry && carry.length > 0) return carry.map((a) => ({ ...a, factor: a.factor * CARRIED }));
      if (coordinated && hasContent(ctx, leftStart, m.start)) {
        j = m.start;
        continue;
      }
      return [];
    }
    if (mi >= 0 && ctx.consumed.has(mi)) {
      const relative = ctx.tokens.slice(end, cueStart).some((t) => RELATIVE.has(t.norm));
      if (relative) return [actor];
      break;
    }
    if (strict && !allFiller(ctx, end, cueStart) && !commaAside(ctx, end, cueStart)) break;
    // "Quill said that her cousin feared Corvin": a noun phrase of its own stands between the name and the cue.
    if (ownNounSubject(ctx, end, cueStart)) return [];
    // "Ren met Odile at the gate and fears Pax": Odile is the object of an earlier verb; the
    // coordinated verb shares the sentence's subject, if it opens the sentence.
    if (mi >= 0 && isEarlierObject(ctx, ctx.mentions[mi].start, end, cueStart)) {
      const first = sentenceOpener(ctx, ctx.mentions[mi].start);
      return first && first.id !== actor.id ? [{ ...first, factor: first.factor * CARRIED }] : [];
    }
    const group = expandGroup(ctx, actor, leftStart - 1);
    // A named group must start its clause ("Sera and Tomas fear Hale"), not trail a verb ("met Sera and
    // Tomas"), unless what comes before is an opening phrase set off by a comma with no one named in it
    // ("For all their quarrels, Sera and Hale…").
    // ('"Brannock and I have sealed a pact."': an opening quotation mark is no content before it.)
    const opens = isQuote(ctx.tokens[leftStart] ?? ctx.tokens[0]) ? leftStart + 1 : leftStart;
    // "Sera said (that) Hale and Quill are the best of friends": a complement clause opens with its group.
    const complement = COMPLEMENT_OPENERS.has(ctx.tokens[group[0].pos - 1]?.norm ?? "");
    return group.length > 1 && hasContent(ctx, opens, group[0].pos) && !frontedPhrase(ctx, opens, group[0].pos) && !complement ? [actor] : group;
  }
  // No one named: a clause that starts with its verb inherits a subject; one with another noun
  // as subject ("The villagers fear Hale") has none we know.
  let from = leftStart;
  for (let j = cueStart - 1; j >= leftStart; j--) if (ctx.mentionAt[j] >= 0) { from = j + 1; break; }
  const carried = carry && carry.length > 0 ? carry.map((a) => ({ ...a, factor: a.factor * CARRIED })) : undefined;
  // "Pax came home late, and the wretch fears me now": a person named before, by what they are.
  const described = epithetSubject(ctx, from, cueStart);
  if (described) return [described];
  // "hates Corvin for the will, and looks up to Brannock": a verb right after "and" goes on with the subject.
  // ("would sooner kiss a mule than trust Corvin": the refused verb after "than" shares the subject too.)
  const refused = ctx.tokens[cueStart - 1]?.norm === "than" && hasSoonerOrRather(ctx.tokens, ctx.clause.start, cueStart - 1);
  if (hasContent(ctx, from, cueStart)) return carried && (coordinatedVerb(ctx, from, cueStart) || refused || closesRelative(ctx, carry?.[0]?.pos ?? cueStart, from, cueStart)) ? carried : [];
  if (carried) return carried;
  return [{ id: ctx.owner, factor: OWNER_DEFAULT, pos: cueStart }];
}

/** "and he, slower about it, has fallen for her": a short aside set off by commas, naming no one, then only fillers. */
function commaAside(ctx: Ctx, from: number, to: number): boolean {
  if (ctx.tokens[from]?.text !== ",") return false;
  for (let k = from + 1; k < Math.min(to, from + 7); k++) {
    if (ctx.mentionAt[k] >= 0 || (ctx.tokens[k].punct && ctx.tokens[k].text !== ",")) return false;
    if (ctx.tokens[k].text === ",") return allFiller(ctx, k + 1, to);
  }
  return false;
}

const RELATIVE_OPENERS = new Set(["who", "whom", "whose", "which"]);
const COMPLEMENT_OPENERS = new Set(["that", "said", "says", "wrote", "writes", "swore", "swears", "thinks", "thought", "knows", "knew", "believes", "believed"]);

/** "Corvin, who rarely praised anyone, | held …": the last cue sat in a relative after the subject, closed by a comma before this one. */
function closesRelative(ctx: Ctx, subjectPos: number, from: number, cueStart: number): boolean {
  let comma = -1;
  for (let j = from; j < cueStart; j++) {
    if (ctx.tokens[j].punct && ctx.tokens[j].text !== ",") return false;
    if (ctx.tokens[j].text === ",") comma = j;
  }
  if (comma < 0 || !allFiller(ctx, comma + 1, cueStart)) return false;
  for (let j = subjectPos; j < from; j++) if (ctx.tokens[j].text === "," && RELATIVE_OPENERS.has(ctx.tokens[j + 1]?.norm ?? "")) return true;
  return false;
}

const VERB_COORDINATORS = new Set(["and", "but", "yet"]);

/** Only fillers ("has begun to", "then") between the last "and / but / yet" of [from, cueStart) and the cue. */
function coordinatedVerb(ctx: Ctx, from: number, cueStart: number): boolean {
  for (let j = cueStart - 1; j >= from; j--) {
    // ("… and just as afraid of the Queen": a degree "as" before the cue.)
    if (VERB_COORDINATORS.has(ctx.tokens[j].norm)) return !hasContent(ctx, j + 1, ctx.tokens[cueStart - 1]?.norm === "as" ? cueStart - 1 : cueStart);
  }
  return false;
}

/** "Despite their quarrel, | Sera and Tomas…": a comma right before `pos` and no name or pronoun subject before it. */
function frontedPhrase(ctx: Ctx, from: number, pos: number): boolean {
  if (ctx.tokens[pos - 1]?.text !== ",") return false;
  for (let j = from; j < pos - 1; j++) if (ctx.mentionAt[j] >= 0 || subjectActorAt(ctx, j)) return false;
  return true;
}

const ELLIPSIS_END = new Set(["too", "also", "as"]);
/** Objects after a cue: the first name within a few words, plus names coordinated with it. */
export function findObjects(ctx: Ctx, from: number, to: number, nextCueStart: number, subjectIds: ReadonlySet<string>): { objects: Actor[]; reciprocal: boolean; negated?: boolean } {
  const limit = Math.min(to, from + 7);
  const except = exceptObject(ctx, from, to);
  if (except) return { objects: except.objects, reciprocal: false, negated: except.negated };
  // "trusted neither Odile nor Pax": the objects are named to be denied.
  if (ctx.tokens[from]?.norm === "neither") {
    const rest = findObjects(ctx, from + 1, to, nextCueStart, subjectIds);
    return { ...rest, negated: rest.objects.length > 0 ? !rest.negated : rest.negated };
  }
  // "would sooner trust a viper in my boot than Lady Corvin": the one after "than" is who they will not trust.
  if (soonerBefore(ctx, from)) {
    for (let j = from; j < Math.min(to, from + 10) && !ctx.tokens[j].punct; j++) {
      const mi = ctx.tokens[j].norm === "than" ? ctx.mentionAt[j + 1] : -1;
      if (mi >= 0 && !ctx.mentions[mi].possessive) return { objects: [{ id: ctx.mentions[mi].entityId, factor: 1, pos: ctx.mentions[mi].start }], reciprocal: false, negated: true };
    }
  }
  for (let j = from; j < limit; j++) {
    const t = ctx.tokens[j];
    // ("Quill and Mirren … each respects the other": "each" before the verb, "the other" after it.)
    const eachTheOther = t.norm === "the" && ctx.tokens[j + 1]?.norm === "other" && ctx.tokens.slice(Math.max(0, from - 4), from).some((w) => w.norm === "each");
    if ((t.norm === "each" && ctx.tokens[j + 1]?.norm === "other") || (t.norm === "one" && ctx.tokens[j + 1]?.norm === "another") || eachTheOther) {
      return { objects: [], reciprocal: true };
    }
    // "is fond of the girl", "trusts that man": a person named before, by what they are.
    const epithet = j - from <= 1 ? resolveEpithet(ctx, j, subjectIds) ?? resolveLatter(ctx, j, subjectIds) : undefined;
    if (epithet) return { objects: [epithet], reciprocal: false };
    // "is terrified of losing, not of Pax": a thing first, then the person set apart from it.
    if (t.norm === "not" && j > from && ctx.tokens[j - 1]?.text === ",") return { objects: [], reciprocal: false };
    // '“… the only one I can rely on,” Tomas told Ilse': a quotation's verb has no object outside it.
    if ((OBJECT_STOP.has(t.norm) && ctx.mentionAt[j] < 0) || isQuote(t)) break;
    // "signed the trade pact with Lusk on Brannock's counsel": a name we do not know fills the slot.
    if (j === from && t.cap && !t.punct && ctx.mentionAt[j] < 0 && from > 0 && LINK_PREPOSITIONS.has(ctx.tokens[from - 1]?.norm ?? "") && !NOT_NAMES.has(t.norm)) return { objects: [], reciprocal: false };
    // "the only man here I trust, and the Captain …": a verb that ends its clause has no object after it.
    if (j === from && t.text === "," && COORDINATING.has(ctx.tokens[j + 1]?.norm ?? "")) break;
    const all = everythingObject(ctx, j, from, subjectIds);
    if (all) return { objects: [all], reciprocal: false };
    // "who rarely praised anyone, sat apart, and Pax …": an indefinite object fills the slot; a later name is not it.
    if (j === from && INDEFINITES.has(t.norm) && ctx.tokens[j - 1]?.norm !== "by") return { objects: [], reciprocal: false };
    // "admires how she runs the fleet", "respects the way you keep your word": the one in the manner clause.
    // "fears what he knows" likewise.
    const manner = j !== from ? -1 : t.norm === "how" || t.norm === "what" ? j + 1 : t.norm === "the" && ctx.tokens[j + 1]?.norm === "way" ? j + 2
      : t.norm === "the" && ctx.tokens[j + 2]?.norm === "way" && !ctx.tokens[j + 1].punct ? j + 3 : -1; // "the cold way she …"
    if (manner > 0 && MANNER_SUBJECTS.has(ctx.tokens[manner]?.norm ?? "")) {
      const a = resolveObjectPronoun(ctx, manner, subjectIds);
      return { objects: a ? [a] : [], reciprocal: false };
    }
    const both = j - from <= 2 ? bothAt(ctx, j, subjectIds) : undefined;
    // ("I rely on them both, and on Sera": the cue's preposition again after them.)
    if (both) {
      const gapped = gappedObject(ctx, from - 1, both.end, to);
      return { objects: gapped ? [...both.objects, gapped] : both.objects, reciprocal: false };
    }
    // "admires her nerve", "trust your hands": a quality of someone's stands for them ("your" is the one addressed).
    // ("distrusts her every answer": "every" may stand before the quality.)
    const qualityAt = ctx.tokens[j + 1]?.norm === "every" ? j + 2 : j + 1;
    const quality = (POSSESSIVE_PRONOUNS.has(t.norm) || t.norm === "your") && t.norm !== "my" && j - from <= 1 && QUALITIES.has(ctx.tokens[qualityAt]?.norm ?? "");
    if ((quality || isObjectPronoun(ctx, j)) && j - from <= 2) {
      const a = resolveObjectPronoun(ctx, j, subjectIds);
      return { objects: a ? [a] : [], reciprocal: false };
    }
    const mi = ctx.mentionAt[j];
    // "lost his trust in the law the day Pax was freed": a noun phrase of its own fills the object.
    if (mi < 0 && j === from && ownNounObject(ctx, j, to)) return { objects: [], reciprocal: false };
    if (mi < 0) continue;
    let m = ctx.mentions[mi];
    let idx = mi;
    // "shaken by Tomas's death": a misfortune that befell someone is no feeling about them.
    if (isMisfortune(ctx, m)) return { objects: [], reciprocal: false };
    // "mistrusts the Queen's advisors", "can't stand Quill's husband": unnamed people of someone's are not that someone.
    // "…, and the Queen herself": the person as such, named after their people, is the object.
    if (ownsUnnamedPerson(ctx, m)) {
      const self = intensiveAfter(ctx, m.end, to);
      // ("distrusts Hale's assistant on principle and Lady Corvin on evidence": the frame again after "and" names someone.)
      const person = ctx.tokens.slice(m.end, m.end + 3).findIndex((x) => isPersonNoun(x.norm));
      const gapped = !self && person >= 0 ? gappedParallel(ctx, m.end + person + 1, to) : undefined;
      return { objects: self ? [self] : gapped ? [gapped] : [], reciprocal: false };
    }
    // "trusts Tomas's sister Corvin": the object is the person after the possessive, if named.
    if (m.possessive) {
      // ("mocked Quill's gown, and Quill hates her": not past a conjunction; "the Queen's advisor, Brother Mirren" is an apposition.)
      for (let k = m.end; k < Math.min(to, m.end + 4) && !COORDINATING.has(ctx.tokens[k].norm); k++) {
        const mk = ctx.mentionAt[k];
        // After a comma only an apposition that ends there ("Hale's medicine, Hale respects …" starts a new clause).
        const comma = ctx.tokens.slice(m.end, k).some((t) => t.text === ",");
        const closes = mk >= 0 && ctx.tokens[k - 1]?.text === "," && (ctx.tokens[ctx.mentions[mk].end]?.punct ?? true);
        if (mk >= 0 && !ctx.mentions[mk].possessive && (!comma || closes)) { m = ctx.mentions[mk]; idx = mk; break; }
      }
    }
    // "hates the Queen's taxes …, but not the Queen herself": a thing of someone's set against the person is not them.
    // Set against the person with "but / yet", the labels give the thing no edge at all; joined by "and"
    // ("contempt for the Queen's collectors, and for the Queen herself") the person comes next.
    const contrasted = m.possessive && contrastsThePerson(ctx, m.end);
    // ("wary of Hale's tinctures, not of the man himself": a "not" sets them against each other too.)
    if (contrasted && ctx.tokens.slice(m.end, m.end + 16).some((t) => CONTRASTING.has(t.norm) || t.norm === "not" || t.text === ";")) return { objects: [], reciprocal: false };
    const factor = contrasted ? DOUBT.possessedThing : 1;
    const objects: Actor[] = [{ id: m.entityId, factor, pos: m.start }];
    ctx.consumed.add(idx);
    let k = m.end;
    for (let last = m; ; ) {
      // "fears Vesna's fury and Corvin's silence": a quality of the possessor's stands for them; step over it.
      if (last.possessive && QUALITIES.has(ctx.tokens[k]?.norm ?? "")) k++;
      let n = k;
      while (n < to && n < k + 3 && JOINERS.has(ctx.tokens[n].norm)) n++;
      const mk = n > k && n < to ? ctx.mentionAt[n] : -1;
      if (mk < 0) break;
      const next = ctx.mentions[mk];
      if (nextCueStart < ctx.clause.end && allFiller(ctx, next.end, nextCueStart)) break;
      // "wary of Mirren, and Sera is too": the next name starts an elliptical clause, it is no second object.
      if (ELLIPSIS_AUX.has(ctx.tokens[next.end]?.norm ?? "") && ELLIPSIS_END.has(ctx.tokens[next.end + 1]?.norm ?? "")) break;
      // "suspicious of Tomas, Quill's apprentice": a possessive after the comma is an apposition, no second object.
      if (next.possessive && !(QUALITIES.has(ctx.tokens[next.end]?.norm ?? "") && ctx.tokens.slice(k, n).some((t) => t.norm === "and"))) break;
      // "terrified of the Queen, and Tomas, watching him tremble, began …": a name set off by commas after
      // ", and" opens a clause of its own.
      if (ctx.tokens[n - 1]?.norm === "and" && ctx.tokens.slice(k, n).some((t) => t.text === ",") && ctx.tokens[next.end]?.text === ","
        && !ELLIPSIS_END.has(ctx.tokens[next.end + 1]?.norm ?? "")) break;
      objects.push({ id: next.entityId, factor: 1, pos: next.start });
      ctx.consumed.add(mk);
      k = next.end;
      last = next;
    }
    const gapped = gappedObject(ctx, from - 1, k, to) ?? gappedParallel(ctx, k, to);
    if (gapped) objects.push(gapped);
    return { objects, reciprocal: false };
  }
  const last = listEnd(ctx, from, to) ?? gappedAfterThing(ctx, from);
  return { objects: last ? [last] : [], reciprocal: false };
}

/** A name followed by "herself / himself" in [from, to), as an object actor. */
function intensiveAfter(ctx: Ctx, from: number, to: number): Actor | undefined {
  for (let k = from; k < to; k++) {
    const mk = ctx.mentionAt[k];
    if (mk < 0) continue;
    const m = ctx.mentions[mk];
    if (!m.possessive && INTENSIVES.has(ctx.tokens[m.end]?.norm ?? "")) return { id: m.entityId, factor: 1, pos: m.start };
    k = m.end - 1;
  }
  return undefined;
}

/** Passive agents: "is dreaded by Tomas" → Tomas; "by Corvin and Mirren" → both. */
export function findAgent(ctx: Ctx, cueEnd: number, nextCueStart: number): Actor[] {
  if (ctx.tokens[cueEnd]?.norm !== "by") return [];
  return findObjects(ctx, cueEnd + 1, Math.min(ctx.clause.end, nextCueStart), nextCueStart, new Set()).objects;
}
