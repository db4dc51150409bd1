import type { Token } from "./text.ts";
import { isNegator, KIN, POSSESSIVE_PRONOUNS } from "./wordsets.ts";

/**
 * Cue words read in another sense (pure token predicates): a comparison that turns a feeling, kin of
 * kin, social formulas with "friend", figurative kinship.
 */

/** A straight or curly double quote. */
export const isQuote = (t: Token): boolean => t.punct && (t.text === '"' || t.text === "“" || t.text === "”");

/** "trusts Pax less than …" / "no more than …" shortly after the cue. */
export function isComparative(tokens: Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length - 1, end + 6); i++) {
    const t = tokens[i];
    if (t.punct && t.text !== ",") return false;
    if (tokens[i + 1].norm === "than" && (t.norm === "less" || (t.norm === "more" && tokens[i - 1]?.norm === "no"))) return true;
  }
  return false;
}

/** "as far as she can throw / spit / kick": a distance that is no distance. */
const SHORT_REACH = new Set(["throw", "spit", "kick", "toss", "fling", "heave", "lift", "carry"]);

/** "trusts Corvin about as far as she could throw her" right after the cue (same clause): no trust at all. */

export function asFarAsThrow(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length - 2, end + 8); i++) {
    const t = tokens[i];
    if ((t.punct && t.text !== "," && t.text !== "—" && t.text !== "–") || t.norm === "but" || t.norm === "and") return false;
    if (t.norm === "as" && tokens[i + 1].norm === "far" && tokens[i + 2].norm === "as" && tokens.slice(i + 3, i + 7).some((w) => SHORT_REACH.has(w.norm))) return true;
  }
  return false;
}

const FADED = new Set(["faded", "fades", "fade", "vanished", "vanishes", "evaporated", "ebbed", "ebbs", "died", "dies", "melted", "dissolved", "waned", "wanes", "withered", "passed", "broke", "collapsed", "crumbled", "ended", "lapsed"]);

/** "Mirren's fear of Vesna faded after the audience", "her trust in him is gone": a feeling named, then ended. */
export function fadedAfter(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 5); i++) {
    const t = tokens[i];
    if (t.punct) return false;
    if (FADED.has(t.norm) || (t.norm === "gone" && /^(is|was|has|had|been)$/.test(tokens[i - 1]?.norm ?? ""))) return true;
  }
  return false;
}

const MEASURES = ["an inch", "one inch", "an ounce", "a jot", "for a moment", "for one moment", "for a second", "for a minute", "for an instant"].map((m) => m.split(" "));

/** "doesn't trust Tomas an inch", "never doubted her for a moment": a measure of none, an idiom of the opposite. */
export function notAMeasure(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 5); i++) {
    if (tokens[i].punct) return false;
    if (MEASURES.some((m) => m.every((w, k) => tokens[i + k]?.norm === w))) return true;
  }
  return false;
}

/** "her godmother's sister", "his brother's": a kinship noun owned by a kinship noun. */
export function isOthersKin(tokens: Token[], start: number): boolean {
  const prev = tokens[start - 1];
  return prev !== undefined && prev.possessive && KIN.has(prev.norm);
}

/**
 * "has disowned her son for …": a word of a broken tie at i whose object is someone's unnamed kinsman;
 * the tie it breaks is not one between people named ("disowned his son, Mirren" is).
 */
export function unnamedKinAfter(tokens: readonly Token[], i: number, named: (j: number) => boolean): boolean {
  const [a, b] = [tokens[i + 1], tokens[i + 2]];
  const kinNamed = named(i + 3) || (tokens[i + 3]?.text === "," && named(i + 4));
  return a !== undefined && b !== undefined && (POSSESSIVE_PRONOUNS.has(a.norm) || a.norm === "our" || a.norm === "your") && KIN.has(b.norm) && !kinNamed;
}

/** "any friend of yours", "a friend of a friend", vocative ", my friend,". */
export function isSocialFriend(tokens: Token[], start: number, end: number): boolean {
  if (!tokens.slice(start, end).some((t) => t.norm.startsWith("friend"))) return false;
  const prev = tokens[start - 1]?.norm;
  if (prev === "any" || prev === "every") return true;
  const afterOf = tokens[end]?.norm === "of" ? tokens[end + 1]?.norm : undefined;
  if (afterOf === "yours" || afterOf === "mine" || afterOf === "a" || afterOf === "the") return true;
  const vocative = prev === "my" && (tokens[start - 2]?.text === "," || isQuote(tokens[start - 2] ?? tokens[start])) && (tokens[end]?.text === "," || tokens[end]?.punct);
  return vocative;
}

/** "would sooner / rather … than": a word in [from, to) that turns the "than" after it into a refusal. */
export function hasSoonerOrRather(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = Math.max(0, from); j < to; j++) if (tokens[j].norm === "sooner" || tokens[j].norm === "rather") return true;
  return false;
}

const AS_IF_SPAN = 8;

/** "brothers in arms", "sisters in faith" (not "brother in law"). */
const FIGURATIVE_KIN_FIELD = new Set(["arms", "faith", "spirit", "christ", "god", "religion", "name", "crime", "battle", "exile", "misery"]);

/** "brother in all (everything) but blood / name", "sworn brothers" → friendship; a kinship noun after "as if / as though" → none. */
export function figurativeKin(tokens: Token[], cue: { start: number; end: number }): "friendship" | "none" | undefined {
  const [a, b, c, d] = tokens.slice(cue.end, cue.end + 4).map((t) => t.norm);
  if (a === "in" && (b === "all" || b === "everything") && c === "but" && (d === "blood" || d === "name")) return "friendship";
  // "brothers in arms", "sisters in faith": a bond of a cause, not of blood; "… in name only" is no bond at all.
  if (a === "in" && FIGURATIVE_KIN_FIELD.has(b ?? "")) return c === "only" || b === "name" ? "none" : "friendship";
  if (tokens[cue.start - 1]?.norm === "sworn") return "friendship";
  // "called Tomas 'my son', as he called every farmer": a kinship word quoted as a name someone is called is no tie.
  const quoteMark = (t: Token | undefined): boolean => t !== undefined && (isQuote(t) || (t.punct && (t.text === "'" || t.text === "‘")));
  const quoteAt = quoteMark(tokens[cue.start - 1]) ? cue.start - 1 : quoteMark(tokens[cue.start - 2]) ? cue.start - 2 : -1;
  if (quoteAt > 0 && tokens.slice(Math.max(0, quoteAt - 4), quoteAt).some((t) => CALLED.has(t.norm))) return "none";
  // "were close as sisters", "thick as brothers", "fought like sisters": a likeness, not kinship.
  if ((tokens[cue.start - 1]?.norm === "as" && CLOSE.has(tokens[cue.start - 2]?.norm ?? "")) || (tokens[cue.start - 1]?.norm === "like" && !tokens[cue.start].possessive)) return "friendship";
  for (let i = cue.start - 1; i > 0 && i >= cue.start - AS_IF_SPAN; i--) {
    if (tokens[i].punct && tokens[i].text !== ",") break;
    if (tokens[i - 1].norm === "as" && (tokens[i].norm === "if" || tokens[i].norm === "though")) return "none";
  }
  return undefined;
}

const CLOSE = new Set(["close", "thick", "dear", "near", "tight"]);
const CALLED = new Set(["call", "calls", "called", "calling", "named", "nicknamed"]);
const SPEAK = new Set(["spoken", "speak", "speaks", "spoke", "talked", "talk", "talks"]);

/** "have not spoken since the funeral", "no longer speak": kin who keep a silence are estranged. */
export function isEstrangedSilence(tokens: readonly Token[]): boolean {
  for (let i = 1; i < tokens.length - 1; i++) {
    const negated = (w: string): boolean => isNegator(w) || w === "longer"; // "no longer speak"
    if (!SPEAK.has(tokens[i].norm) || !(negated(tokens[i - 1].norm) || negated(tokens[i - 2]?.norm ?? ""))) continue;
    const next = tokens[i + 1].norm;
    if (next === "since" || next === "in" || next === "for" || next === "to" || tokens[i - 1].norm === "longer") return true;
  }
  return false;
}
