import { type Actor, antecedentOtherThanOwner, type Ctx } from "./context.ts";
import { type CueMatch, findCues, withKinInSlots } from "./cues.ts";
import { butNotTargets, copyReversed, givenBackOf, takeBackDenied, replaceChangedFeelings, copyToEllipsisSubject, doubtConflicts, isNegationTail, negateSince, negatedCopies, skipEmptyObject, soDoes } from "./discourse.ts";
import { acceptedProposals, copyReturnedFeelings, feelingIsMutual, reverseGivenBack } from "./returned.ts";
import { dropSuperseded } from "./timeScope.ts";
import { DOUBT, doubtFactor, reportSpeaker } from "./doubt.ts";
import { isConditionalCue } from "./unstated.ts";
import { doubtScope } from "./doubtScope.ts";
import { asFarAsThrow, fadedAfter, figurativeKin, isComparative, isEstrangedSilence, notAMeasure, unnamedKinAfter } from "./wordSenses.ts";
import { addKinAddresses, KIN_ADDRESS_CUE } from "./kinAddress.ts";
import { answeredPleas } from "./imperatives.ts";
import { findMentionsWithTitles, mentionIndexFor } from "./mentions.ts";
import { chooseReading, isAdjectival } from "./cueReadings.ts";
import { nounRoles, predRoles, withSharedObject } from "./cueRoles.ts";
import { isCoordination, neverDay, notThat, scanAfter, scanBefore, singledOut } from "./cueScan.ts";
import type { Roles } from "./roles.ts";
import { quotationVoices } from "./speech.ts";
import { type Analysis, finalize, type Raw, unclassifiedPairs } from "./finalize.ts";
import { dropAsides, splitClauses, tokenize } from "./text.ts";
import { type EntityRef, type ExtractedRelationship, NEGATED_TYPE, pairKey, type RelationshipType } from "./types.ts";
import { BROKEN_FAMILY, FIRST_PERSON, isNegator, KIN, NEGATIVE_FAMILY } from "./wordsets.ts";

/** A memory as the extractor needs it: whose memory it is and its text. */
export interface MemoryText {
  entity_id: string;
  content: string;
}

/** Extraction options. */
export interface ExtractOptions {
  /** Results with confidence under this are flagged `needsEnrichment` (default 0.6). */
  enrichmentThreshold?: number;
}

/** An idiom of the opposite ("trusts Hale less than the weather", "would sooner die than trust her"): labellers agree. */
const FLIP_FACTOR = 0.85;
/** A stance against ("can't trust", "has lost faith in"): the opposite, kept under the threshold (labellers split). */
const PLAIN_NEGATION = 0.65;
/** "doesn't believe a word", "refuses to believe him": a denied belief is distrust, not a plain denial. */
const BELIEF = /^(believ|buy$|buys$|bought$)/;
const PASSIVE_AUX = new Set(["be", "been", "being"]);
const INVERTED_AUX = new Set(["did", "does", "do", "had", "has", "have", "could", "would"]);
const ROMANTIC = new Set(
  ("blush blushes blushed blushing kiss kissed kisses kissing romance romantic romantically suitor courting courted courtship flirt flirts " +
    "flirted flirting swoon swoons swooned sweetheart beloved darling").split(" "),
);

function analyze(memory: MemoryText, entities: readonly EntityRef[]): Analysis {
  const tokens = dropAsides(tokenize(memory.content));
  const index = mentionIndexFor(entities);
  const mentions = findMentionsWithTitles(tokens, index, memory.entity_id);
  const mentionAt = new Int32Array(tokens.length).fill(-1);
  const blocked: boolean[] = new Array<boolean>(tokens.length).fill(false);
  mentions.forEach((m, i) => {
    for (let j = m.start; j < m.end; j++) (mentionAt[j] = i), (blocked[j] = true);
  });
  const owner = memory.entity_id;
  const referred: string[] = [];
  const refer = (id: string): void => void (referred.includes(id) || referred.push(id));
  const raws: Raw[] = [];
  const cancelled = new Set<string>();
  const deniedKin = new Map<string, "all" | "address">();
  const clauses = splitClauses(tokens);
  const sentenceAt = new Int16Array(tokens.length);
  for (const c of clauses) sentenceAt.fill(c.sentence, c.start);
  const doubt = doubtScope(tokens, (i) => sentenceAt[i], (i) => (mentionAt[i] >= 0 ? mentions[mentionAt[i]].entityId : undefined), clauses, owner);
  const ctx: Ctx = {
    tokens, mentions, mentionAt, owner, ownerNamed: mentions.some((m) => m.entityId === owner), clause: clauses[0], consumed: new Set(), gender: index.gender, doubt,
    titleHolder: (word) => index.definiteTitles.get(word) ?? index.kinTitles.get(word),
    firstPerson: tokens.some((t, i) => FIRST_PERSON.has(t.norm) && !doubt.quoted?.[i]),
    voice: quotationVoices(tokens, (i) => (mentionAt[i] >= 0 && !mentions[mentionAt[i]].possessive ? mentions[mentionAt[i]].entityId : undefined), owner,
      (i) => (mentionAt[i] >= 0 ? mentions[mentionAt[i]].entityId : undefined)),
  };
  let sentenceSubjects: Actor[] | undefined;
  let sentence = -1;
  const spans: Array<[number, number]> = [];
  for (let j = 0, mi = 0; j < tokens.length; j++) {
    if (mentionAt[j] >= 0 && mentionAt[j] === mi) refer(mentions[mi++].entityId);
    else if (/^(she|he|they|i|me|my|her|him|them)$/.test(tokens[j].norm)) refer(owner);
  }
  for (const clause of clauses) {
    ctx.clause = clause;
    ctx.consumed = new Set();
    if (clause.sentence !== sentence) (sentence = clause.sentence), (sentenceSubjects = undefined);
    const cues = withKinInSlots(tokens, findCues(tokens, clause.start, clause.end, blocked), blocked).map((c) => chooseReading(ctx, c)).filter((c) => !isAdjectival(ctx, c));
    let carry = clause.continues ? sentenceSubjects : undefined;
    let leftStart = clause.start;
    let strict = false;
    let nounBearer: { actor: Actor; end: number; possessor?: Actor; group?: Actor[] } | undefined;
    const before = raws.length;
    // The first predicate cue after index k (noun cues aside), or -1.
    const predAfter = (k: number): number => {
      for (let j = k + 1; j < cues.length; j++) if (cues[j].entry.kind !== "noun") return j;
      return -1;
    };
    cues.forEach((cue, i) => {
      if (cue.entry.kind === "noun") {
        const shared = nounBearer && cue.start - nounBearer.end <= 5 ? nounBearer.actor : undefined;
        const coordinated = nounBearer !== undefined && isCoordination(ctx, nounBearer.end, cue.start);
        let roles = nounRoles(ctx, cue, shared, coordinated ? nounBearer?.possessor : undefined);
        // "are cousins by blood and enemies by choice": a second mutual noun after "and" shares the first one's pair.
        if (shared && nounBearer?.group && roles.mutualGroup && roles.holders.length < 2 && tokens.slice(nounBearer.end, cue.start).some((t) => t.norm === "and")) {
          roles = { ...roles, holders: nounBearer.group };
        }
        if (roles.subjects[0]) nounBearer = { actor: roles.subjects[0], end: cue.end, possessor: roles.possessor, group: roles.mutualGroup && roles.holders.length >= 2 ? roles.holders : undefined };
        emit(ctx, cue, roles, raws, cancelled, roles.scanFrom, deniedKin);
        return;
      }
      const nextAt = predAfter(i);
      const next = nextAt >= 0 ? cues[nextAt] : undefined;
      const afterNext = nextAt >= 0 ? predAfter(nextAt) : -1;
      const nextPred = next?.start ?? clause.end;
      const roles = withSharedObject(ctx, predRoles(ctx, cue, leftStart, nextPred, carry, strict), cue, next, afterNext >= 0 ? cues[afterNext].start : clause.end);
      if (roles.subjects.length > 0) carry = sentenceSubjects = roles.subjects;
      leftStart = skipEmptyObject(tokens, cue.end);
      strict = true;
      emit(ctx, cue, roles, raws, cancelled, cue.start, deniedKin);
    });
    // "used to trust Quill, but not anymore": "used to" already negated the cue; the tail only confirms it.
    const usedTo = tokens.slice(clause.start, clause.end).some((t, k) => t.norm === "used" && tokens[clause.start + k + 1]?.norm === "to");
    const next = clauses[clauses.indexOf(clause) + 1];
    if (!usedTo && isNegationTail(ctx, next)) negateSince(raws, before, cancelled, FLIP_FACTOR);
    const ellipsis = soDoes(ctx);
    if (ellipsis) copyToEllipsisSubject(raws, before, ellipsis.id);
    if (givenBackOf(ctx)) copyReversed(raws, before, 0.9);
    const negated = butNotTargets(ctx, next);
    if (negated) negatedCopies(raws, before, negated, cancelled);
    spans.push([before, raws.length]);
    // "Mirren, however, resents Quill" split as "Mirren ," + "resents Quill": a clause without a
    // verb cue that opens with a name hands that name to the next clause as its subject.
    const lead = mentionAt[clause.start];
    if (!cues.some((c) => c.entry.kind !== "noun") && lead >= 0 && !mentions[lead].possessive) {
      sentenceSubjects = [{ id: mentions[lead].entityId, factor: 1, pos: mentions[lead].start }];
    }
  }
  // "Dear Aunt Ada, …", "Your niece, Sera.": kinship said in an address or a signature.
  addKinAddresses(ctx, raws);
  answeredPleas(ctx, raws);
  for (const pair of takeBackDenied(ctx, sentenceAt, raws)) cancelled.add(pair);
  copyReturnedFeelings(ctx, raws);
  reverseGivenBack(tokens, raws);
  feelingIsMutual(tokens, raws, 0.9);
  replaceChangedFeelings(tokens, (i) => sentenceAt[i], raws);
  doubtConflicts(tokens, clauses, spans, raws);
  for (const pair of dropSuperseded(tokens, clauses, spans, raws)) cancelled.add(pair);
  // (Last: the clause spans above index raws as they were read.)
  const takenBack = (r: Raw): boolean => r.type === "family" && (deniedKin.get(pairKey(r.from, r.to)) === "all" || (deniedKin.has(pairKey(r.from, r.to)) && r.cue === KIN_ADDRESS_CUE));
  if (deniedKin.size > 0) raws.splice(0, raws.length, ...raws.filter((r) => !takenBack(r)));
  acceptedProposals(tokens, raws, 0.9);
  // "has a soft spot for Tomas and blushes when he smiles": affection with romantic words is love.
  if (raws.some((r) => r.affection) && tokens.some((t) => ROMANTIC.has(t.norm))) {
    for (const r of raws) if (r.affection && r.type === "friendship") r.type = "love";
  }
  return { raws, cancelled, referred };
}

const DISTRIBUTIVE = new Set(["either", "neither", "each"]);
const KIN_PLURAL = /^(cousins?|brothers?|sisters?|kin|relations?|siblings?|kinsmen|kinswomen)$/;

/** Words that deny any blood tie at all, not one kind of it ("not kin", "not related"; "not his sister" may still be a cousin). */
const KIN_AT_ALL = new Set(["kin", "kinfolk", "related", "relation", "relations", "relatives", "blood"]);

function emit(ctx: Ctx, cue: CueMatch, found: Roles, raws: Raw[], cancelled: Set<string>, scanFrom: number, deniedKin: Map<string, "all" | "address">): void {
  const pairs: Array<[Actor, Actor]> = [];
  // "distrusts every member of the guild, Tomas above all": no one named as the object, one singled out of it.
  const singled = found.targets.length === 0 && !found.mutualGroup && found.holders.length > 0 && cue.entry.kind !== "noun" ? singledOut(ctx, cue.end) : undefined;
  const roles = singled ? { ...found, targets: [singled] } : found;
  const symmetric = roles.mutualGroup || cue.entry.type === "family" || cue.entry.mutual === true;
  if (roles.mutualGroup) {
    for (const a of roles.holders) for (const b of roles.holders) if (a.id !== b.id) pairs.push([a, b]);
  } else {
    for (const h of roles.holders) {
      for (const t of roles.targets) {
        const holder = h.id === t.id && h.id === ctx.owner ? antecedentOtherThanOwner(ctx, h.pos) : h;
        if (holder && holder.id !== t.id) pairs.push([holder, t]);
      }
    }
    if (symmetric) pairs.push(...pairs.map(([a, b]): [Actor, Actor] => [b, a]));
  }
  if (pairs.length === 0) return;
  // "before either of them married": each of them, to someone else; no tie between them.
  const distributive = DISTRIBUTIVE.has(ctx.tokens[cue.start - 3]?.norm ?? "") && ctx.tokens[cue.start - 2]?.norm === "of" && (ctx.tokens[cue.start - 1]?.norm === "them" || ctx.tokens[cue.start - 1]?.norm === "us");
  if (distributive && symmetric) return;
  const scan = scanBefore(ctx, scanFrom);
  scanAfter(ctx, cue.end, scan);
  if (roles.negated) scan.neg++;
  // "bears Corvin no ill will": a negator inside the cue's slot. "Neither Vesna nor Corvin feels any love": a negated subject.
  const slot = cue.slot ? ctx.tokens.slice(cue.slot.start, cue.slot.end) : [];
  if (slot.some((t) => isNegator(t.norm))) scan.neg++;
  if (roles.holders.some((h) => ctx.tokens[h.pos - 1]?.norm === "neither" || ctx.tokens[h.pos - 1]?.norm === "nor")) scan.neg++;
  // "It is not that Ilse dislikes Quill": the whole clause is denied from before its subject.
  if (roles.holders.some((h) => notThat(ctx.tokens, h.pos))) scan.neg++;
  // "Never did the Captain fear the Queen", "Neither did Hale mistrust the Queen, nor did …": a denial, no edge either way.
  if (roles.holders.some((h) => INVERTED_AUX.has(ctx.tokens[h.pos - 1]?.norm ?? "") && isNegator(ctx.tokens[h.pos - 2]?.norm ?? ""))) {
    for (const [a, b] of pairs) cancelled.add(pairKey(a.id, b.id));
    return;
  }
  // "on her mother's side", "took his brother's side": the side is a relative's, a lineage or someone else's cause.
  // ("cousins on the Corvin side": right after a kinship word, a side is the lineage.)
  if (cue.entry.type === "alliance" && (slot.some((t) => KIN.has(t.norm)) || (KIN_PLURAL.test(ctx.tokens[cue.start - 1]?.norm ?? "") && ctx.tokens[cue.end - 1]?.norm === "side"))) return;
  // "fears that the Queen will be poisoned": a wrong done to the person named, not by them.
  if (cue.entry.type === "distrust" && PASSIVE_AUX.has(slot[slot.length - 1]?.norm ?? "")) return;
  // "Ren is no friend of Pax": "no" inside the noun phrase, which the scan before it does not see.
  // "is not an enemy of Sera", "I'm not your enemy": a negator between the link and the noun, likewise.
  if (cue.entry.kind === "noun" && ctx.tokens.slice(Math.max(scanFrom, cue.start - 3), cue.start).some((t) => t.norm === "no" || isNegator(t.norm))) scan.neg++;
  // "trusts Hale less than he trusts the weather": an idiom of distrust.
  if ((cue.entry.type === "trust") && isComparative(ctx.tokens, cue.end)) scan.neg++, (scan.idiom = true);
  // "trusts her about as far as she could throw her", with or without "wouldn't": no trust either way.
  if (cue.entry.type === "trust" && asFarAsThrow(ctx.tokens, cue.end)) (scan.neg = 1), (scan.idiom = true);
  if (scan.neg % 2 === 1 && notAMeasure(ctx.tokens, cue.end)) scan.idiom = true;
  if (cue.entry.none) return;
  // "Mirren's fear of Vesna faded after the audience": a feeling named only to say it ended.
  if (cue.entry.kind === "phrase" && fadedAfter(ctx.tokens, cue.end)) {
    for (const [a, b] of pairs) cancelled.add(pairKey(a.id, b.id));
    return;
  }
  let type: RelationshipType | null = cue.entry.type;
  let flip = 1;
  // "will trust Pax the day the river runs uphill": a feeling promised for a day that never comes.
  if (neverDay(ctx, cue)) scan.neg++, (scan.idiom = true);
  // "If Mirren lies to me again, I'll despise him": a condition or its consequence, not a feeling now.
  if (isConditionalCue(ctx.doubt, cue)) {
    for (const [a, b] of pairs) cancelled.add(pairKey(a.id, b.id));
    return;
  }
  if (scan.neg % 2 === 1) {
    // "does not trust Pax", "has never liked her", "did not suspect him" (not "can't trust", "stopped trusting"): a plain
    // denial asserts neither the feeling nor its opposite (the labelling brief: no edge). The pair stays open, so enrichment may still read it. An idiom of
    // the opposite ("doesn't trust her an inch", "would sooner trust a viper") or a denied belief ("doesn't
    // believe a word he says") does assert distrust.
    if (!scan.yet && !scan.idiom && !scan.unable && !roles.negated && !BELIEF.test(ctx.tokens[cue.start].norm)) {
      // "calls Mirren uncle, though they are not kin": a denied blood tie takes back a kinship word said of the pair.
      // ("'Sister,' Corvin called me …. We are not sisters.": any denied kinship takes back one said only in address.)
      const atAll = ctx.tokens.slice(cue.start, cue.end).some((t) => KIN_AT_ALL.has(t.norm));
      if (cue.entry.type === "family") for (const [a, b] of pairs) deniedKin.set(pairKey(a.id, b.id), atAll ? "all" : deniedKin.get(pairKey(a.id, b.id)) ?? "address");
      return;
    }
    // "does not yet trust Pax": expected later, not the opposite now.
    type = scan.yet ? null : cue.entry.negType !== undefined ? cue.entry.negType : NEGATED_TYPE[cue.entry.type];
    flip = scan.idiom ? FLIP_FACTOR : PLAIN_NEGATION;
  }
  if (type === null) {
    for (const [a, b] of pairs) cancelled.add(pairKey(a.id, b.id));
    return;
  }
  if (type === "family") {
    // Figurative kinship: "my brother in all but blood", "sworn sisters" are friendship; "as if she were his own daughter" is no tie.
    const figure = figurativeKin(ctx.tokens, cue);
    if (figure === "none") return;
    if (figure === "friendship") type = "friendship";
  }
  let strength = cue.entry.strength;
  for (let k = 0; k < scan.strong; k++) strength += (1 - strength) * 0.5;
  for (let k = 0; k < scan.weak; k++) strength *= 0.6;
  const words = ctx.tokens.slice(cue.start, cue.end);
  const lo = Math.min(cue.start, ...pairs.flat().map((a) => a.pos));
  const from = Math.max(lo, ctx.clause.start);
  const named = (j: number): boolean => ctx.mentionAt[j] >= 0;
  const negativeFamily = type === "family" && (ctx.tokens.slice(from, cue.end + 1).some((t, k) => NEGATIVE_FAMILY.has(t.norm) && !unnamedKinAfter(ctx.tokens, from + k, named))
    || ctx.tokens.some((t, i) => BROKEN_FAMILY.has(t.norm) && !unnamedKinAfter(ctx.tokens, i, named)) || isEstrangedSilence(ctx.tokens));
  // A reference by title alone ("the Queen") is itself a guess.
  const ref = (a: Actor): number => a.factor * (ctx.mentionAt[a.pos] >= 0 ? (ctx.mentions[ctx.mentionAt[a.pos]].factor ?? 1) : 1);
  // '"Hale and the Queen can't stand each other," Tomas told me': what a speaker says of two others is a claim, no edge.
  const voice = ctx.voice(cue.start);
  const thirdParties = voice?.speaker !== undefined && ctx.doubt.quoted?.[cue.start] === 1;
  // "Tomas wrote that he and Hale are friends": the speaker's own bond is as doubtful as the speaker's reading.
  const speaker = symmetric ? reportSpeaker(ctx.doubt, cue.start) : undefined;
  for (const [a, b] of pairs) {
    if (thirdParties && a.id !== voice?.speaker && b.id !== voice?.speaker) {
      cancelled.add(pairKey(a.id, b.id));
      continue;
    }
    // A mutual bond is as doubtful as its more doubtful reading.
    const doubt = speaker === a.id || speaker === b.id ? doubtFactor(ctx.doubt, cue, type, speaker === a.id ? a.pos : b.pos)
      : symmetric ? Math.min(doubtFactor(ctx.doubt, cue, type, a.pos), doubtFactor(ctx.doubt, cue, type, b.pos)) : doubtFactor(ctx.doubt, cue, type, a.pos);
    if (doubt === 0) {
      // Not a feeling the text states (a rumour, a question, a pretence, "a trust fund"): nothing to enrich either.
      cancelled.add(pairKey(a.id, b.id));
      continue;
    }
    const affection = cue.entry.affection ? DOUBT.affection : 1;
    // "Tomas sees Quill as a rival": Tomas's view; whether Quill returns it is a guess.
    const viewedBack = roles.viewer !== undefined && b.id === roles.viewer ? DOUBT.viewedBack : 1;
    raws.push({
      from: a.id, to: b.id, type, strength, negativeFamily,
      confidence: cue.entry.confidence * ref(a) * ref(b) * flip * doubt * affection * viewedBack,
      cue: words.map((t) => t.text).join(" "),
      affection: cue.entry.affection,
      end: cue.end,
    });
  }
}

/** What one memory yields: its relationships and the pairs it names without one. */
export interface RelationshipAnalysis {
  relationships: ExtractedRelationship[];
  /** See {@link findUnclassifiedPairs}. */
  unclassifiedPairs: Array<{ from: string; to: string }>;
}

/**
 * {@link extractRelationships} and {@link findUnclassifiedPairs} from one reading of the memory:
 * callers that need both (storing a memory, then queueing enrichment) pay for one analysis.
 */
export function analyzeRelationshipMemory(memory: MemoryText, entities: readonly EntityRef[], options: ExtractOptions = {}): RelationshipAnalysis {
  const analysis = analyze(memory, entities);
  return { relationships: finalize(analysis, options.enrichmentThreshold ?? 0.6), unclassifiedPairs: unclassifiedPairs(analysis) };
}

/**
 * Read relationships from one memory with cue rules (no model call, microseconds per memory).
 * `from` is whoever holds the feeling; pronoun subjects refer to the memory's owner.
 */
export function extractRelationships(memory: MemoryText, entities: readonly EntityRef[], options: ExtractOptions = {}): ExtractedRelationship[] {
  return finalize(analyze(memory, entities), options.enrichmentThreshold ?? 0.6);
}

/**
 * Pairs of entities referred to in a memory with no relationship read between them (either
 * direction), no cue negated away, and at least one of the two in no relationship at all:
 * candidates for background enrichment by a model ("Sera and Tomas walked to the market").
 */
export function findUnclassifiedPairs(memory: MemoryText, entities: readonly EntityRef[]): Array<{ from: string; to: string }> {
  return unclassifiedPairs(analyze(memory, entities));
}

