import type { Ctx } from "./context.ts";
import type { Edge } from "./discourse.ts";
import type { Token } from "./text.ts";
import { isNegator } from "./wordsets.ts";

/**
 * Feelings given back: "…, and Hale returns the feeling", "Corvin holds me in contempt, and the feeling
 * is mutual", "Ilse loves Tomas; he loves her back". Each adds (or turns) the reverse of a feeling read
 * before it. Split from discourse.ts.
 */

const RETURN = new Set(["return", "returns", "returned", "returning", "reciprocate", "reciprocates", "reciprocated", "reciprocating"]);
const RETURNED = new Set(["feeling", "feelings", "sentiment", "love", "affection", "hatred", "loathing", "contempt", "regard", "esteem", "respect", "fondness", "trust", "favour", "favor"]);
const RETURNERS = new Set(["she", "he", "they"]);
const RETURN_DETERMINERS = new Set(["the", "her", "his", "their", "that", "this", "it"]);
/** Confidence factor for the returned reading: the feeling is named in another clause. */
const RETURNED_FACTOR = 0.85;

/**
 * "Quill is in love with Hale, and Hale, to everyone's surprise, returns the feeling": the person
 * before "returns the feeling" holds the reverse of the feeling last read towards them. Appends
 * those reverse edges (never kinship, never one already read).
 */
export function copyReturnedFeelings<T extends Edge>(ctx: Ctx, edges: T[]): void {
  const { tokens } = ctx;
  for (let i = 1; i < tokens.length; i++) {
    if (!RETURN.has(tokens[i].norm)) continue;
    const det = RETURN_DETERMINERS.has(tokens[i + 1]?.norm ?? "") ? 1 : 0;
    if (!(RETURNED.has(tokens[i + 1 + det]?.norm ?? "") || tokens[i + det]?.norm === "it")) continue;
    // "Sera doesn't return it", "never returned her love": nothing comes back.
    const refused = tokens.slice(Math.max(0, i - 3), i).some((t) => isNegator(t.norm));
    // "I loathe her, and she returns the favour": a pronoun before it is whom the last feeling was for.
    const pronoun = RETURNERS.has(tokens[i - 1]?.norm ?? "") ? [...edges].reverse().find((e) => e.type !== "family")?.to : undefined;
    const holder = nearestNamedBefore(ctx, i) ?? pronoun;
    if (holder === undefined) continue;
    const felt = [...edges].reverse().find((e) => e.to === holder && e.from !== holder && e.type !== "family");
    // ("counts Quill among her friends, though Quill does not return the feeling": no reverse edge, not even a guessed one.)
    if (refused) {
      if (felt) edges.splice(0, edges.length, ...edges.filter((e) => !(e.from === holder && e.to === felt.from && e.type === felt.type)));
      continue;
    }
    if (!felt || edges.some((e) => e.from === holder && e.to === felt.from && e.type === felt.type)) continue;
    edges.push({ ...felt, from: holder, to: felt.from, confidence: felt.confidence * RETURNED_FACTOR });
  }
}

const MUTUAL_SUBJECTS = new Set(["feeling", "feelings", "sentiment", "dislike", "contempt", "hatred", "respect", "regard", "admiration", "affection", "fondness", "distrust", "suspicion", "enmity", "loathing"]);

/** "Corvin holds me in contempt, and the feeling is entirely mutual": the feeling read before it, given back. */
export function feelingIsMutual<T extends Edge & { end: number }>(tokens: readonly Token[], edges: T[], factor: number): void {
  for (let i = 2; i < tokens.length; i++) {
    if (tokens[i].norm !== "mutual" && tokens[i].norm !== "reciprocated" && tokens[i].norm !== "returned") continue;
    const window = tokens.slice(Math.max(0, i - 6), i);
    // ("the feeling's mutual": the "'s" is "is".)
    if (!window.some((t) => MUTUAL_SUBJECTS.has(t.norm)) || !window.some((t) => t.norm === "is" || t.norm === "was" || t.norm === "are" || (t.possessive && MUTUAL_SUBJECTS.has(t.norm)))) continue;
    if (window.some((t) => t.norm === "not" || t.norm.endsWith("n't"))) continue;
    const felt = [...edges].reverse().find((e) => e.end <= i && e.type !== "family");
    if (felt && !edges.some((e) => e.from === felt.to && e.to === felt.from && e.type === felt.type)) edges.push({ ...felt, from: felt.to, to: felt.from, confidence: felt.confidence * factor });
  }
}

const BACK_OBJECTS = new Set(["her", "him", "them"]);

/**
 * "Ilse loves Tomas …; he loves her back": a feeling given back between pronouns is the reverse of the
 * same feeling read before it (the pronouns alone would read it as the first one again).
 */
export function reverseGivenBack<T extends Edge & { end: number }>(tokens: readonly Token[], edges: T[]): void {
  edges.forEach((r, i) => {
    if (!BACK_OBJECTS.has(tokens[r.end]?.norm ?? "") || !(tokens[r.end + 1]?.norm === "back" || (tokens[r.end + 1]?.norm === "right" && tokens[r.end + 2]?.norm === "back")) || !SUBJECT_PRONOUN_BEFORE(tokens, r.end)) return;
    const first = edges.slice(0, i).reverse().find((p) => p.type === r.type && p.end < r.end);
    if (first && first.from === r.from && first.to === r.to) edges[i] = { ...r, from: first.to, to: first.from };
  });
}
const SUBJECT_PRONOUN_BEFORE = (tokens: readonly Token[], end: number): boolean => tokens.slice(Math.max(0, end - 5), end).some((t) => RETURNERS.has(t.norm));

/** The last person named, not as a possessor, before `at` in its sentence. */
function nearestNamedBefore(ctx: Ctx, at: number): string | undefined {
  for (let j = at - 1; j >= 0 && ctx.doubt.sentence[j] === ctx.doubt.sentence[at]; j--) {
    const mi = ctx.mentionAt[j];
    if (mi >= 0 && !ctx.mentions[mi].possessive) return ctx.mentions[mi].entityId;
  }
  return undefined;
}

const ACCEPTED = new Set(["accepted", "accepts", "accept", "accepting"]);
const PROPOSAL = /^(propos|asked|ask)/;
// What may follow "accepted" when it is the proposal being accepted: the proposer, the offer, or nothing.
const ACCEPTED_OBJECT = new Set(["him", "her", "them", "his", "their", "at", "on", "before", "without", "gladly", "the", "in", "with", "and", "almost", "instantly", "immediately", "that"]);

/**
 * "Tomas proposed to me …, and I accepted him", "the Captain proposed to Ada, and Ada accepted
 * before …": a proposal accepted is an engagement, love both ways (the brief's convention).
 */
export function acceptedProposals<T extends Edge & { end: number; cue: string }>(tokens: readonly Token[], edges: T[], factor: number): void {
  for (const felt of [...edges]) {
    if (felt.type !== "love" || !PROPOSAL.test(felt.cue.split(" ")[0]?.toLowerCase() ?? "")) continue;
    const at = tokens.findIndex((t, i) => i >= felt.end && ACCEPTED.has(t.norm));
    if (at < 0 || tokens.slice(Math.max(felt.end, at - 3), at).some((t) => isNegator(t.norm))) continue;
    const next = tokens[at + 1];
    if (next && !next.punct && !ACCEPTED_OBJECT.has(next.norm) && !next.cap) continue;
    if (!edges.some((e) => e.from === felt.to && e.to === felt.from && e.type === "love")) edges.push({ ...felt, from: felt.to, to: felt.from, confidence: felt.confidence * factor });
  }
}
