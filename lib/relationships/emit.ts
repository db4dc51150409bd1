import { type Actor, antecedentOtherThanOwner, type Ctx } from "./context.ts";
import { type CueMatch } from "./cues.ts";
import { DOUBT, doubtFactor, reportSpeaker } from "./doubt.ts";
import { isConditionalCue } from "./unstated.ts";
import { asFarAsThrow, fadedAfter, figurativeKin, isComparative, isEstrangedSilence, notAMeasure, unnamedKinAfter } from "./wordSenses.ts";
import { neverDay, notThat, scanAfter, scanBefore, singledOut } from "./cueScan.ts";
import type { Roles } from "./roles.ts";
import { type Raw } from "./finalize.ts";
import { NEGATED_TYPE, pairKey, type RelationshipType } from "./types.ts";
import { BROKEN_FAMILY, isNegator, KIN, NEGATIVE_FAMILY } from "./wordsets.ts";

/**
 * One cue's readings as raw edges: negation and denial, a condition, a doubted report, a family tie's sign.
 * Split from extract.ts.
 */

/** An idiom of the opposite ("trusts Hale less than the weather", "would sooner die than trust her"): labellers agree. */
export const FLIP_FACTOR = 0.85;
/** A stance against ("can't trust", "has lost faith in"): the opposite, kept under the threshold (labellers split). */
const PLAIN_NEGATION = 0.65;
/** "doesn't believe a word", "refuses to believe him": a denied belief is distrust, not a plain denial. */
const BELIEF = /^(believ|buy$|buys$|bought$)/;
const PASSIVE_AUX = new Set(["be", "been", "being"]);
const INVERTED_AUX = new Set(["did", "does", "do", "had", "has", "have", "could", "would"]);

const DISTRIBUTIVE = new Set(["either", "neither", "each"]);
const KIN_PLURAL = /^(cousins?|brothers?|sisters?|kin|relations?|siblings?|kinsmen|kinswomen)$/;

/** Words that deny any blood tie at all, not one kind of it ("not kin", "not related"; "not his sister" may still be a cousin). */
const KIN_AT_ALL = new Set(["kin", "kinfolk", "related", "relation", "relations", "relatives", "blood"]);

export function emit(ctx: Ctx, cue: CueMatch, found: Roles, raws: Raw[], cancelled: Set<string>, scanFrom: number, deniedKin: Map<string, "all" | "address">): void {
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
