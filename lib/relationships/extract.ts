import { type Actor, type Ctx } from "./context.ts";
import { findCues, withKinInSlots } from "./cues.ts";
import { butNotTargets, copyReversed, givenBackOf, takeBackDenied, replaceChangedFeelings, copyToEllipsisSubject, doubtConflicts, isNegationTail, negateSince, negatedCopies, skipEmptyObject, soDoes } from "./discourse.ts";
import { acceptedProposals, copyReturnedFeelings, feelingIsMutual, reverseGivenBack } from "./returned.ts";
import { dropSuperseded } from "./timeScope.ts";
import { doubtScope } from "./doubtScope.ts";
import { addKinAddresses, KIN_ADDRESS_CUE } from "./kinAddress.ts";
import { answeredPleas } from "./imperatives.ts";
import { mentionIndexFor } from "./mentionIndex.ts";
import { findMentionsWithTitles } from "./mentions.ts";
import { chooseReading, isAdjectival } from "./cueReadings.ts";
import { nounRoles, predRoles, withSharedObject } from "./cueRoles.ts";
import { isCoordination } from "./cueScan.ts";
import { quotationVoices } from "./speech.ts";
import { type Analysis, finalize, type Raw, unclassifiedPairs } from "./finalize.ts";
import { dropAsides, splitClauses, tokenize } from "./text.ts";
import { type EntityRef, type ExtractedRelationship, pairKey } from "./types.ts";
import { FIRST_PERSON } from "./wordsets.ts";
import { emit, FLIP_FACTOR } from "./emit.ts";

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

