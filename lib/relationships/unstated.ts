import type { DoubtScope } from "./doubtScope.ts";
import type { Token } from "./text.ts";
import { COUNTERFACTUAL_MODALS, INVERTED_CONDITIONAL } from "./wordsets.ts";

const NOTIONS = new Set(["notion", "idea", "suggestion", "thought", "accusation", "charge", "insinuation", "theory", "fancy", "absurdity", "nonsense"]);

/**
 * What the labelling convention calls no edge at all, rather than a doubtful edge: conditions and
 * their consequences, rumours, hedges, questions, pretences, claims, wishes and what a speaker says
 * about someone named. doubt.ts returns 0 for these; the extractor emits nothing and queues nothing.
 */

export const WISH = new Set([
  "want", "wants", "wanted", "wish", "wishes", "wished", "hope", "hopes", "hoped", "long", "longs", "longed", "yearn", "yearns", "yearned",
  // "prayed he might learn to love X", "tried to trust X": a feeling worked towards, not yet held.
  "pray", "prays", "prayed", "learn", "learns", "learned", "learnt", "try", "tries", "tried", "trying", "strive", "strives", "strove",
]);
/** "wishes she could rely on X", "hoped he might trust X": the modal after the wisher. */
export const WISHED_MODAL = new Set(["could", "would", "might", "were"]);
/** "hopes the Queen will trust me": a wish whose modal comes a few words later. */
export const modalBetween = (tokens: readonly Token[], from: number, to: number): boolean =>
  to - from <= 5 && tokens.slice(from, to).some((t) => t.norm === "will" || t.norm === "would" || t.norm === "might" || t.norm === "could");

const PRETEND = new Set([
  "pretend", "pretends", "pretended", "pretending", "feign", "feigns", "feigned", "feigning", "faked", "fakes", "fake", "sham", "mock", "acts", "acted", "acting", "plays",
]);
const PRETENCE_NOUNS = new Set(["fiction", "sham", "pretence", "pretense", "charade", "show", "masquerade", "lie", "act"]);
/** "claims to adore", "professes to trust": a feeling claimed, no more stated than one pretended. */
const CLAIM = new Set(["claim", "claims", "claimed", "claiming", "profess", "professes", "professed", "professing", "purports", "purported",
  // "I never meant to doubt you": an intention, not a feeling.
  "mean", "means", "meant", "intend", "intends", "intended"]);

// "accused Hale of hating the Captain": a charge, not a feeling the narrator states.
const ACCUSE = new Set(["accuse", "accuses", "accused", "accusing", "charge", "charges", "charged", "charging"]);
const WAGER = new Set(["bet", "bets", "betting", "wager", "wagers", "wagered", "wagering"]);
const OFFER = new Set(["proposed", "proposes", "propose", "offered", "offers", "offer", "suggested", "suggests"]);
const CONDITIONS = new Set(["if", "unless"]);
const MODALS = new Set(["would", "might", "could", "will", "shall", "may", "must"]);

/**
 * A cue that only states a condition or its hypothetical consequence: inside the "if / unless"
 * clause itself ("if Sera ever trusted him, …"), or after a modal in a sentence with such a clause
 * ("Hale would trust Tomas if the boy stopped gambling", "If Mirren lies again, I'll despise him").
 * The labelling convention gives these no edge at all, so the extractor emits none.
 */
export function isConditionalCue(scope: DoubtScope, cue: { start: number }): boolean {
  if (!scope.hypothetical.has(scope.sentence[cue.start])) return false;
  const { tokens } = scope;
  const inSentence = (i: number) => i >= 0 && scope.sentence[i] === scope.sentence[cue.start];
  for (let i = cue.start - 1; inSentence(i); i--) {
    if (tokens[i].punct && tokens[i].text !== ",") break;
    if (tokens[i].text === ",") break;
    if (CONDITIONS.has(tokens[i].norm)) return true;
    // "Were Odile ever to betray the crown, …": an inverted condition opening the sentence.
    if (!inSentence(i - 1) && INVERTED_CONDITIONAL.has(tokens[i].norm)) return true;
  }
  // ("I will never forgive her": the modal may open the cue itself.)
  // "…, Quill would be the first to denounce her": up to seven words on, with no punctuation between.
  let modal = false;
  for (let d = 0; d <= 7 && inSentence(cue.start - d) && !(d > 0 && tokens[cue.start - d].punct); d++) modal ||= MODALS.has(tokens[cue.start - d].norm);
  return modal && scope.conditioned.has(scope.sentence[cue.start]);
}

/** Working towards a feeling is not wishing for it: "had learned to rely on", "tried to trust". */
const STRIVE = new Set(["learn", "learns", "learned", "learnt", "try", "tries", "tried", "trying", "strive", "strives", "strove"]);

/**
 * What the labelling convention calls no edge at all, not a doubtful one: a feeling passed on as a
 * rumour ("Rumour has it Quill hates Sera") or hedged ("perhaps"), asked about ("Does the Captain suspect me?"), pretended
 * or claimed ("pretended to admire the Queen", "claims to adore her") or wished for ("wishes Quill
 * would trust him"). Denials, refutations and reported speech stay doubted: they are mixed.
 */

export function isUnstated(scope: DoubtScope, cue: { start: number; end: number }, holderPos: number): boolean {
  const { tokens } = scope;
  const sentence = scope.sentence[cue.start];
  // A rumour, or a hedge earlier in the cue's clause ("Perhaps Brannock respects me"): the narrator guesses.
  if (scope.rumoured.has(sentence) || (scope.refutedBefore.get(sentence) ?? -1) > cue.start || scope.hedged[cue.start]) return true;
  // Hearsay: someone named after a speech verb, inside what the speaker said ("Tomas told Quill that Corvin hates Sera").
  const speech = scope.reportedAfter[cue.start];
  if (speech >= 0 && holderPos > speech && scope.named(holderPos) !== undefined) return true;
  // The "?" closes the cue's own part of the sentence ("Corvin suspects Quill — forged seal?" asks about the seal).
  if (scope.askedAhead[cue.end] && scope.sentence[cue.end] === sentence) return true;
  // "asked whether the Queen trusted him", "I wonder whether Mirren trusts me": an embedded question.
  if (scope.whetherBefore[cue.start]) return true;
  // "Quill's friendship with the Queen is a fiction they keep up": the feeling named, then called a pretence.
  for (let i = cue.end; i < Math.min(tokens.length - 2, cue.end + 8) && scope.sentence[i] === sentence; i++) {
    if ((tokens[i].norm === "is" || tokens[i].norm === "was") && (tokens[i + 1].norm === "a" || tokens[i + 1].norm === "an") && PRETENCE_NOUNS.has(tokens[i + 2].norm)) return true;
  }
  // "has bet his last shilling that Dr. Hale will propose to the Queen": a wager on what may come, inside its "that" clause.
  for (let i = cue.start - 1; i >= Math.max(0, cue.start - 8) && scope.sentence[i] === sentence && tokens[i].text !== "," && tokens[i].text !== ";"; i--) {
    // ("I'd have bet my last dime that the Queen hated Brannock": a bet that would have been made, on what was not so.)
    if (tokens[i].norm !== "that") continue;
    const from = Math.max(0, i - 6);
    const found = tokens.slice(from, i).findIndex((t) => WAGER.has(t.norm));
    if (found < 0) continue;
    const bet = from + found;
    const wouldHave = tokens[bet - 1]?.norm === "have" && COUNTERFACTUAL_MODALS.has(tokens[bet - 2]?.norm ?? "");
    if (modalBetween(tokens, i + 1, cue.start) || wouldHave) return true;
  }
  for (let i = cue.start - 1; i >= Math.max(0, cue.start - 6) && scope.sentence[i] === sentence; i--) {
    if (tokens[i].punct) break;
    if (PRETEND.has(tokens[i].norm) || (CLAIM.has(tokens[i].norm) && tokens[i + 1]?.norm === "to")) return true;
    if (ACCUSE.has(tokens[i].norm) && tokens[cue.start - 1]?.norm === "of") return true;
    // "proposed an alliance with Hale's faction": an offer, not yet a tie.
    if (OFFER.has(tokens[i].norm) && cue.start - i <= 3) return true;
    // "laughed at the notion that she's afraid of Mirren": an idea named, not a feeling asserted (a fact would be).
    if (tokens[i].norm === "that" && NOTIONS.has(tokens[i - 1]?.norm ?? "")) return true;
    // "a year ago she would have married him": what would have been, and was not.
    if (tokens[i].norm === "have" && COUNTERFACTUAL_MODALS.has(tokens[i - 1]?.norm ?? "") && cue.start - i <= 2) return true;
    // "Would that I could trust my cousin": a wish.
    if (tokens[i].norm === "that" && tokens[i - 1]?.norm === "would" && (i - 1 === 0 || tokens[i - 2].punct) && cue.start - i <= 4) return true;
    const near = cue.start - i <= 4;
    if (WISH.has(tokens[i].norm) && !STRIVE.has(tokens[i].norm) && (near && (tokens[i + 1]?.norm === "to" || WISHED_MODAL.has(tokens[i + 2]?.norm ?? "")) || modalBetween(tokens, i + 1, cue.start))) return true;
  }
  return false;
}

