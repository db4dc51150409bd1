import { type Actor, crossedPronouns, type Ctx, resolveObjectPronoun, subjectActorAt } from "./context.ts";
import type { CueMatch } from "./cues.ts";
import { exceptObject, sentenceOpener } from "./phraseBounds.ts";
import { objectBeforeWhom } from "./relativeObjects.ts";
import { ownsPerson } from "./possessions.ts";
import { nounParticipants, possessorBefore } from "./nounParticipants.ts";
import { andCopulaBefore, andVerbBefore, copulaAfterAside, fragmentPair, joinedPair, openingGroup, speakerAndLastNamed, unjoinedPair } from "./plurals.ts";
import { betweenPair, fromToSubject, frontedBeforeDid, viewpointHolder } from "./wordOrder.ts";
import { gappedParallel } from "./gaps.ts";
import { findAgent, findObjects, findSubject, type Roles } from "./roles.ts";
import type { RelationshipType } from "./types.ts";
import { COPULAS, DETERMINERS, isFiller, LINK_PREPOSITIONS, MAKING_VERBS, STRONG, WEAK } from "./wordsets.ts";

/**
 * Role assignment per cue kind: who holds the feeling and who it is about (which reading of an
 * ambiguous word applies is cueReadings.ts). Split from extract.ts, which only walks clauses and scores results.
 */

// Types that a group can hold with nobody else named: "Sera and Tomas are inseparable".
const GROUP_TYPES = new Set<RelationshipType>(["friendship", "alliance", "rivalry", "hostility", "love", "family"]);
const GROUP_TAIL = new Set(["since", "against", "again", "now", "ever", "once", "still", "too", "over", "about", "after", "from", "for", "these", "at", "in", "to", "on", "during", "before", "when", "under", "by", "as", "and", "through", "throughout", "that", "which", "across", "until",
  // "compete every spring", "quarrel constantly": a time or manner word after the verb, no object.
  "every", "each", "all", "always", "often", "constantly", "endlessly", "bitterly", "fiercely", "openly", "whenever",
  // "were married last spring", "married young", "wed secretly"
  "last", "next", "this", "recently", "secretly", "quietly", "young", "yesterday", "early", "late", "years", "long"]);

// "is frightened", "felt intimidated": a reversed verb's participle after a linking verb is an
// adjective describing the subject's own feeling, so the subject holds it.
const LINKING = new Set([...COPULAS, "feel", "feels", "felt", "look", "looks", "looked", "grow", "grows", "grew", "got", "get", "gets", "become", "became", "becomes"]);
function adjectivalParticiple(ctx: Ctx, cue: CueMatch): boolean {
  if (!cue.entry.reverse || !cue.entry.participle || ctx.tokens[cue.end]?.norm === "by") return false;
  for (let j = cue.start - 1; j >= ctx.clause.start; j--) {
    const n = ctx.tokens[j].norm;
    if (LINKING.has(n)) return true;
    if (!(STRONG.has(n) || WEAK.has(n) || (n.endsWith("ly") && n.length > 4) || n === "not" || n === "never" || n.endsWith("n't"))) return false;
  }
  return false;
}

/**
 * "Brannock let Tomas take the tiller, trusting him with her ship": a present participle set off by a
 * comma after a clause with a verb belongs to that sentence's opening subject, not the name before it.
 */
function participleSubject(ctx: Ctx, cue: CueMatch): Actor[] | undefined {
  const first = ctx.tokens[cue.start];
  if (ctx.tokens[cue.start - 1]?.text !== "," || !first.norm.endsWith("ing") || first.norm.length < 6) return undefined;
  const opener = sentenceOpener(ctx, cue.start);
  // The opener must be followed by more than a list of names: "Tomas, trusting Sera, …" is no clause.
  if (!opener || ctx.mentionAt[cue.start - 2] >= 0 && ctx.mentions[ctx.mentionAt[cue.start - 2]].start === opener.pos) return undefined;
  return [{ ...opener, factor: opener.factor * 0.9 }];
}

function newClauseBetween(ctx: Ctx, from: number, to: number): boolean {
  for (let j = from; j + 1 < to; j++) if (ctx.tokens[j].text === "," && (ctx.tokens[j + 1].norm === "and" || ctx.tokens[j + 1].norm === "but")) return true;
  return false;
}

/** Roles for a verb/adjective/noun-phrase cue: subject, objects, passive agent, possessive holder. */
export function predRoles(ctx: Ctx, cue: CueMatch, leftStart: number, nextPred: number, carry: Actor[] | undefined, strict: boolean): Roles {
  // "swore to be friends until the hills fell": what they swore to be names the tie, not the swearing.
  if (cue.entry.groupOnly && ctx.tokens[cue.end - 1]?.norm === "to" && ctx.tokens[cue.end]?.norm === "be") return { holders: [], targets: [], mutualGroup: false, subjects: [] };
  // "the enmity between Sera and Quill", "… has burned between the two of them": the pair after "between" holds it.
  if (ctx.tokens[cue.end - 1]?.norm === "between") {
    const pair = betweenPair(ctx, cue.end);
    return { holders: pair ?? [], targets: [], mutualGroup: pair !== undefined, subjects: pair ?? [] };
  }
  const reverse = cue.entry.reverse && !adjectivalParticiple(ctx, cue);
  const posIdx = possessorBefore(ctx, cue, cue.entry.kind === "phrase");
  if (posIdx >= 0) {
    // "Sera's fear of Tomas", "Tomas earned Sera's trust", "her faith in Hale".
    // "Hale has my respect, and Sera has my friendship": a name after ", and" starts another clause.
    // "my trust in Pax has worn thin": the person may sit in the cue's own slot.
    const inSlot = cue.slot ? findObjects(ctx, cue.slot.start, cue.slot.end, cue.slot.end, new Set()).objects : [];
    const objects = inSlot.length > 0 ? inSlot : findObjects(ctx, cue.end, nextPred, nextPred, new Set()).objects.filter((o) => !newClauseBetween(ctx, cue.end, o.pos));
    const mi = ctx.mentionAt[posIdx];
    const posStart = mi >= 0 ? ctx.mentions[mi].start : posIdx;
    const subjects = findSubject(ctx, posStart, leftStart, carry, strict);
    let holder: Actor | undefined;
    if (mi >= 0) holder = { id: ctx.mentions[mi].entityId, factor: 1, pos: posStart };
    else if (objects.length > 0) holder = subjects[0];
    else if (ctx.tokens[posIdx].norm === "my") holder = { id: ctx.voice(posIdx)?.speaker ?? ctx.owner, factor: 1, pos: posIdx };
    else if (!subjects.some((s) => s.id === ctx.owner)) holder = { id: ctx.owner, factor: 0.7, pos: posIdx };
    // "Hale's feud with the apothecary": the preposition's object is someone outside the cast, not the subject.
    // ("her fear of deep water": whatever follows the link, if no one is named there, is a thing.)
    const taken = objects.length === 0 && LINK_PREPOSITIONS.has(ctx.tokens[cue.end - 1].norm) && ctx.tokens[cue.end] !== undefined && !ctx.tokens[cue.end].punct;
    const targets = objects.length > 0 ? objects : taken ? [] : subjects.filter((s) => s.id !== holder?.id);
    return { holders: holder ? [holder] : [], targets, mutualGroup: false, subjects };
  }
  const found = participleSubject(ctx, cue) ?? fromToSubject(ctx, cue) ?? findSubject(ctx, cue.start, leftStart, carry, strict);
  if (cue.entry.voiced) return speakersJudgement(ctx, cue, found);
  // "Vesna and Brannock, enemies since the war, shook hands and are now the firmest of friends", "… pooled their coin and
  // now stand together": a group-only cue after "and" goes on with the opening group.
  const opening = found.length < 2 && cue.entry.groupOnly && (andCopulaBefore(ctx, cue.start) || andVerbBefore(ctx, cue.start)) ? openingGroup(ctx, cue.start) : [];
  const subjects = opening.length >= 2 ? opening : found;
  // "Hale and Quill were married in secret by Brother Mirren": the couple weds; whoever marries them only officiates.
  if (subjects.length >= 2 && /^(married|wed|wedded)$/.test(ctx.tokens[cue.start].norm) && COPULAS.has(ctx.tokens[cue.start - 1]?.norm ?? "")) {
    return { holders: subjects, targets: [], mutualGroup: true, subjects };
  }
  const agent = cue.entry.participle ? findAgent(ctx, cue.end, nextPred) : [];
  if (agent.length > 0) return { holders: reverse ? subjects : agent, targets: reverse ? agent : subjects, mutualGroup: false, subjects };
  // "She and Tomas laughed it off — thick as thieves these days": a plural phrase opening a fragment,
  // with no subject but the owner by default (which stands at the cue itself), names the last pair.
  const fragment = cue.end - cue.start >= 2 && subjects.length === 1 && (subjects[0].pos === cue.start || subjects[0].pos < ctx.clause.start) && GROUP_TYPES.has(cue.entry.type) && !cue.slot
    ? fragmentPair(ctx, cue.start, cue.end) : undefined;
  if (fragment) return { holders: fragment, targets: [], mutualGroup: true, subjects: fragment };
  // With no subject nothing can be emitted: leave the names after the cue for the next predicate
  // ("Despite their long quarrel, Vesna and Mirren stand together").
  if (subjects.length === 0) return { holders: [], targets: [], mutualGroup: false, subjects };
  let objects: Actor[] = [];
  let reciprocal = false;
  let negated: boolean | undefined;
  if (cue.slot) {
    let owned = false;
    for (let j = cue.slot.start; j < cue.slot.end; j++) {
      const mi = ctx.mentionAt[j];
      // "said Tomas's father was a liar", "trust Quill's new clerk with": the slot is about that person;
      // Tomas is only his kin or master (a quality still stands for its owner: "doubts Quill's every word").
      const kinOwner = mi >= 0 && ownsPerson(ctx, ctx.mentions[mi]);
      if (kinOwner && j === ctx.mentions[mi].start) owned = true;
      if (kinOwner) continue;
      if (mi >= 0 && !objects.some((o) => o.id === ctx.mentions[mi].entityId)) {
        objects.push({ id: ctx.mentions[mi].entityId, factor: 1, pos: j });
        ctx.consumed.add(mi);
      }
    }
    const subjectIds = new Set(subjects.map((s) => s.id));
    // "wants her dead", "doubts everything he says", "every word out of your mouth": a slot that is one pronoun.
    if (objects.length === 0 && !owned && cue.slot.end - cue.slot.start === 1 && SLOT_PRONOUNS.has(ctx.tokens[cue.slot.start].norm)) {
      const a = resolveObjectPronoun(ctx, cue.slot.start, subjectIds);
      if (a) objects = [a];
    }
    if (objects.length === 0 && !owned) objects = findObjects(ctx, cue.slot.start, cue.slot.end, nextPred, subjectIds).objects;
    // "trusts nobody with the key but Mirren": the exception follows the cue's slot.
    const except = objects.length === 0 && !owned ? exceptObject(ctx, cue.slot.start, nextPred) : undefined;
    if (except && !except.negated) objects = except.objects;
    // "trusts Hale with her health and Mirren with her soul": the slot's frame again after "and".
    const gapped = objects.length > 0 ? gappedParallel(ctx, cue.end - 1, nextPred) : undefined;
    if (gapped) objects.push(gapped);
    // "Tomas is trusted by Dr. Hale with the key": a passive slot names who holds the feeling.
    if (cue.entry.participle && ctx.tokens[cue.slot.start]?.norm === "by" && objects.length > 0) return { holders: objects, targets: subjects, mutualGroup: false, subjects };
  } else {
    ({ objects, reciprocal, negated } = findObjects(ctx, cue.end, nextPred, nextPred, new Set(subjects.map((s) => s.id))));
    // "Mirren, whom she dreaded, …" has no object after the verb; "told Mirren that she dreaded the road" has one.
    if (objects.length === 0 && subjects.length > 0 && !DETERMINERS.has(ctx.tokens[cue.end]?.norm ?? "")) {
      const head = objectBeforeWhom(ctx, subjects[0], cue.start, cue.end);
      objects = head.objects;
      if (head.lastResort) negated = !negated;
    }
  }
  // "In Quill's eyes, Sera can do no wrong": a viewpoint frame names who holds a reversed feeling.
  if (reverse && objects.length === 0) objects = viewpointHolder(ctx);
  // "Every word that fell from Tomas's lips did Sera doubt", "To Quill alone did Hale confide": the object fronted before "did".
  if (objects.length === 0 && !cue.slot) objects = frontedBeforeDid(ctx, subjects[0]);
  const tail = ctx.tokens[cue.end];
  // A slot cue with nobody in its slot ("cousins on their fathers' side") is no group feeling.
  const groupOnly = !cue.slot && objects.length === 0 && subjects.length > 1 && GROUP_TYPES.has(cue.entry.type)
    && (cue.end >= ctx.clause.end || tail.punct || GROUP_TAIL.has(tail.norm) || ctx.tokens[cue.end - 1].norm === "to"); // "swore to hold the gate"
  // "Sera and Tomas swore a pact to keep Vesna out": a group-only cue's partners are its subjects; a
  // name after it belongs to the rest of the sentence.
  if (cue.entry.groupOnly && !cue.slot && subjects.length > 1 && !reciprocal) return { holders: subjects, targets: [], mutualGroup: true, subjects, negated };
  if (cue.entry.groupOnly && !(reciprocal || groupOnly)) return { holders: [], targets: [], mutualGroup: false, subjects };
  // "Brother Mirren married Sera and Tomas in the hill chapel": whoever marries a couple weds them to each other.
  if (objects.length === 2 && subjects.length === 1 && /^marr(y|ies|ied)$/.test(ctx.tokens[cue.start].norm)) return { holders: objects, targets: [], mutualGroup: true, subjects };
  const crossed = objects.length === 0 && subjects.length === 1 ? crossedPronouns(ctx, subjects[0], cue.slot?.start ?? cue.end) : undefined;
  const [doers, dones] = crossed ? [[crossed.subject], [crossed.object]] : [subjects, objects];
  return {
    holders: reverse ? dones : doers,
    targets: reverse ? doers : dones,
    mutualGroup: reciprocal || groupOnly,
    subjects: doers,
    negated,
  };
}

const HAVE = new Set(["has", "had", "have", "'s"]);
const HAS_TAIL = new Set(["left", "in", "inside", "at", "on", "among", "within", "here", "there", "now", "anymore", "still", "ever", "and", "but"]);

/** "the only ally she still has": a subject right after the noun, then only fillers, then "has". */
function haverAfter(ctx: Ctx, at: number, bearer: string | undefined): Actor | undefined {
  const haver = at < ctx.tokens.length ? subjectActorAt(ctx, at) : undefined;
  if (!haver || haver.id === bearer) return undefined;
  const end = ctx.mentionAt[at] >= 0 ? ctx.mentions[ctx.mentionAt[at]].end : at + 1;
  for (let k = end; k < Math.min(ctx.tokens.length, end + 3); k++) {
    // (Not "the only ally she has betrayed": "has" ends the clause or a place or time follows it.)
    if (HAVE.has(ctx.tokens[k].norm)) return ctx.tokens[k + 1] === undefined || ctx.tokens[k + 1].punct || HAS_TAIL.has(ctx.tokens[k + 1].norm) ? haver : undefined;
    if (!isFiller(ctx.tokens[k].norm)) return undefined;
  }
  return undefined;
}

const SLOT_PRONOUNS = new Set(["her", "him", "his", "them", "their", "he", "she", "you", "your"]);

/** '"Quill is the finest advocate on this coast," Vesna declared': the speaker of the quotation judges the person named. */
function speakersJudgement(ctx: Ctx, cue: CueMatch, subjects: Actor[]): Roles {
  const speaker = ctx.voice(cue.start)?.speaker;
  const targets = subjects.filter((s) => s.id !== speaker && ctx.mentionAt[s.pos] >= 0);
  if (!speaker || targets.length === 0) return { holders: [], targets: [], mutualGroup: false, subjects: [] };
  return { holders: [{ id: speaker, factor: 1, pos: cue.start }], targets, mutualGroup: false, subjects: targets };
}

/** A word right before the noun at `at`, or one word (no punctuation) earlier: "made them allies", "made them uneasy allies". Its index, or -1. */
function wordBefore(ctx: Ctx, at: number, word: string): number {
  if (ctx.tokens[at - 1]?.norm === word) return at - 1;
  return ctx.tokens[at - 2]?.norm === word && !ctx.tokens[at - 1].punct ? at - 2 : -1;
}

/** Roles for a relational noun: mutual nouns link every participant both ways, directed ones possessor↔bearer. */
export function nounRoles(ctx: Ctx, cue: CueMatch, fallbackBearer: Actor | undefined, fallbackPossessor?: Actor): Roles & { scanFrom: number; possessor?: Actor } {
  const found = nounParticipants(ctx, cue, fallbackBearer);
  const { bearer, others, scanFrom, viewer } = found;
  // "Quill is Corvin's cousin and closest friend": a coordinated noun shares the possessor.
  // "Odile is the only ally Ren still has": whoever "has" the noun, right after it, possesses it.
  const possessor = found.possessor ?? (fallbackPossessor && fallbackPossessor.id !== bearer?.id ? fallbackPossessor : undefined) ?? haverAfter(ctx, cue.end, bearer?.id);
  const subjects = bearer ? [bearer] : [];
  if (cue.entry.possessed && !possessor) return { holders: [], targets: [], mutualGroup: false, subjects, scanFrom };
  if (cue.entry.nounDir === "mutual" || cue.entry.type === "family") {
    let all = [possessor, bearer, ...others].filter((a): a is Actor => a !== undefined);
    // "…signed the river pact: allies until the harvest": a verbless fragment names the last pair.
    if (all.length === 0 && cue.entry.type !== "family") all = fragmentPair(ctx, cue.start, cue.end) ?? [];
    // "Tomas and Quill now share a desk, and are allies": a noun after "and <copula>" goes on with the sentence's opening group.
    // "Sera and Mirren, both jurors, have become fast friends": the opening group, past a short aside, too.
    if (all.length < 2 && (andCopulaBefore(ctx, cue.start) || copulaAfterAside(ctx, cue.start))) {
      const group = openingGroup(ctx, cue.start);
      if (group.length >= 2) all = group;
    }
    // "the mountain has made them allies": "them" after a verb of making is the pair named before.
    // ("has made them uneasy allies": one adjective may stand between.)
    const them = wordBefore(ctx, cue.start, "them");
    if (all.length < 2 && them > 0 && MAKING_VERBS.has(ctx.tokens[them - 1]?.norm ?? "")) all = joinedPair(ctx, cue.start) ?? unjoinedPair(ctx, cue.start) ?? all;
    // "Brannock and I go back …, which makes us rivals": "us" is the speaker and the last other person named.
    const us = wordBefore(ctx, cue.start, "us");
    if (all.length < 2 && us > 0 && MAKING_VERBS.has(ctx.tokens[us - 1]?.norm ?? "")) all = speakerAndLastNamed(ctx, us) ?? all;
    return { holders: all, targets: [], mutualGroup: true, subjects, scanFrom, possessor, viewer: cue.entry.type === "family" ? undefined : viewer?.id };
  }
  const other = bearer ?? others[0];
  if (!possessor || !other) return { holders: [], targets: [], mutualGroup: false, subjects, scanFrom, possessor };
  const pb = cue.entry.nounDir === "pb";
  return { holders: [pb ? possessor : other], targets: [pb ? other : possessor], mutualGroup: false, subjects, scanFrom, possessor };
}

/** Words that may stand between two verbs sharing one object: "both respected and trusted the Queen". */
const SHARE_GAP = new Set(["and", "or", ",", "also", "then", "yet", "but"]);

/**
 * "Tomas fears and hates Corvin", "both respected and trusted the Queen": a verb left without an
 * object takes the object of the verb it is coordinated with. Returns roles with those targets, or
 * the roles unchanged.
 */
export function withSharedObject(ctx: Ctx, roles: Roles, cue: CueMatch, next: CueMatch | undefined, nextEnd: number): Roles {
  if (!next || next.entry.kind === "noun" || cue.entry.reverse || next.entry.reverse || cue.entry.groupOnly || roles.targets.length > 0 || roles.subjects.length === 0 || roles.mutualGroup) return roles;
  const gap = ctx.tokens.slice(cue.end, next.start);
  if (gap.length === 0 || gap.length > 3 || !gap.some((t) => t.norm === "and" || t.norm === "or") || !gap.every((t) => SHARE_GAP.has(t.norm) || t.norm.endsWith("ly"))) return roles;
  const objects = findObjects(ctx, next.end, nextEnd, nextEnd, new Set(roles.subjects.map((s) => s.id))).objects;
  return objects.length > 0 ? { ...roles, holders: roles.subjects, targets: objects } : roles;
}
