import { POSSESSIVE_PRONOUNS } from "./wordsets.ts";

/**
 * Tokenising and clause splitting for the relationship extractor. Everything works on tokens
 * (not regexes over the raw string) so cue matching is a trie walk: microseconds per memory.
 */

/** One word or punctuation mark of a memory. */
export interface Token {
  /** Original spelling (possessive suffix included). */
  text: string;
  /** Lower-cased, curly apostrophes straightened, possessive "'s"/"'" removed. */
  norm: string;
  start: number;
  end: number;
  /** "Tomas's", "Tomas'" — the token names an owner, not an actor. */
  possessive: boolean;
  /** First letter upper-case (titles only count as part of a name when capitalised). */
  cap: boolean;
  punct: boolean;
}

// Words keep internal apostrophes and hyphens ("can't", "half-brother") and a trailing
// apostrophe ("Tomas'"); everything else that is not a space is a one-character token.
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*['’]?|[^\s\p{L}\p{N}]/gu;

const CONTRACTED = /^(i|you|he|she|we|they|it)'(m|re|ve|d|ll|s)$/;
const AUXILIARY: Record<string, string> = { m: "am", re: "are", ve: "have", d: "would", ll: "will", s: "is" };

/** Split a memory into tokens. */
const ARCHAIC: ReadonlyMap<string, string> = new Map(Object.entries({ thee: "you", thou: "you", ye: "you", thy: "your", thine: "your", hath: "has", doth: "does", dost: "do" }));

const ARTICLE = new Set(["the", "a", "an"]);
const NOT_AFTER_POSSESSIVE = new Set([...POSSESSIVE_PRONOUNS, "your", "our", "not", "no", "never", "always", "still"]);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    let norm = raw.toLowerCase().replace(/’/g, "'");
    let possessive = false;
    const punct = !/[\p{L}\p{N}]/u.test(raw);
    // "I'm", "she's", "we've": the pronoun is a subject of its own, the rest its auxiliary.
    const contraction = CONTRACTED.exec(norm);
    if (contraction) {
      const cut = start + contraction[1].length;
      out.push({ text: raw.slice(0, contraction[1].length), norm: contraction[1], start, end: cut, possessive: false, cap: /^\p{Lu}/u.test(raw), punct: false });
      out.push({ text: raw.slice(contraction[1].length), norm: AUXILIARY[contraction[2]], start: cut, end: start + raw.length, possessive: false, cap: false, punct: false });
      continue;
    }
    if (!punct) {
      if (norm.endsWith("'s") && norm.length > 2) {
        norm = norm.slice(0, -2);
        possessive = true;
      } else if (norm.endsWith("'")) {
        norm = norm.slice(0, -1);
        // "Tomas'" is possessive; a closing quote after another word is just a quote.
        possessive = norm.endsWith("s");
      }
    }
    // A note's shorthand: "w/ Mirren" is "with Mirren", "vs. Corvin" is "against Corvin".
    if (raw === "/" && out.at(-1)?.norm === "w" && out.at(-1)?.end === start) {
      const w = out.pop() as Token;
      out.push({ ...w, text: "w/", norm: "with", end: start + 1 });
      continue;
    }
    if (norm === "vs") norm = "against";
    // Archaic address ("I trust thee", "thy word", "mine own right hand") reads as today's.
    norm = ARCHAIC.get(norm) ?? norm;
    // "I'd trusted him": before a past participle "'d" is "had", not "would".
    const last = out.at(-1);
    if (last?.norm === "would" && last.text.endsWith("d") && last.text.length <= 2 && /(ed|en)$/.test(norm)) last.norm = "had";
    // "Hale's been sweet on her", "Ada's got nothing but contempt", "Sera's the one he trusts": before "been"/"got" the "'s"
    // is "has", before an article "is"; never a possessive.
    // ("Ada's my mate", "Ada's no friend of mine": a possessive is never followed by another determiner or a negator.)
    const verb = norm === "been" || norm === "got" ? "has" : ARTICLE.has(norm) || NOT_AFTER_POSSESSIVE.has(norm) ? "is" : undefined;
    if (verb && last?.possessive && /'s$/i.test(last.text.replace(/’/g, "'"))) {
      out.pop();
      const cut = last.end - 2;
      out.push({ ...last, text: last.text.slice(0, -2), end: cut, possessive: false }, { text: last.text.slice(-2), norm: verb, start: cut, end: last.end, possessive: false, cap: false, punct: false });
    }
    out.push({ text: raw, norm, start, end: start + raw.length, possessive, cap: /^\p{Lu}/u.test(raw), punct });
  }
  singleQuotesAsDouble(out);
  return out;
}

const SINGLE_QUOTES: ReadonlyMap<string, string> = new Map([["'", '"'], ["‘", "“"], ["’", "”"]]);
// "the pair of 'em", "'tis": an apostrophe that starts an elided word is no quotation mark.
const ELIDED = new Set(["em", "tis", "twas", "twere", "til", "till", "cause", "bout", "round", "n"]);

/**
 * "'I trust you, Aldo,' the Captain said": in a text with no double quotation marks, single quotation
 * marks standing alone (an even number of them) open and close quotations as double ones would.
 */
function singleQuotesAsDouble(tokens: Token[]): void {
  if (tokens.some((t) => t.punct && (t.text === '"' || t.text === "“" || t.text === "”"))) return;
  const marks = tokens.flatMap((t, i) => (t.punct && SINGLE_QUOTES.has(t.text) && !ELIDED.has(tokens[i + 1]?.norm ?? "") ? [i] : []));
  if (marks.length < 2 || marks.length % 2 === 1) return;
  for (const i of marks) tokens[i] = { ...tokens[i], text: SINGLE_QUOTES.get(tokens[i].text) ?? tokens[i].text };
}

// Abbreviations whose full stop does not end a sentence ("Dr. Yuen Hale").
const ABBREVIATIONS = new Set([
  "dr", "mr", "mrs", "ms", "st", "prof", "capt", "gen", "lt", "sgt", "col", "rev", "fr", "jr", "sr", "mt", "no", "vs", "sen", "gov", "maj", "cmdr", "adm",
]);

const SENTENCE_END = new Set([".", "!", "?", "…"]);
const HARD_BREAK = new Set([";", ":", "—", "–", "(", ")", "[", "]"]);

/**
 * Words that start a new clause. After one of them a clause with no subject of its own inherits the
 * previous clause's subject ("Sera counts on Tomas yet detests Hale"). "and" is not listed: it
 * joins names as often as clauses, so the extractor handles it when it walks from cue to cue.
 */
export const CONNECTORS = new Set([
  "but", "yet", "while", "whilst", "whereas", "although", "though", "because", "since", "unless", "until", "despite",
]);

// "nothing but scorn", "no one but Tomas": an exception, not a new clause.
const EXCEPTIVE = new Set(["nothing", "anything", "all", "none", "one", "everyone", "everything", "anyone", "nobody", "everybody"]);

/** "fears nothing but …", "trusts no one at this court but …": "but" means "except" (a place phrase may stand between). */
function exceptiveBut(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
    if (tokens[j].punct) return false;
    if (EXCEPTIVE.has(tokens[j].norm)) return j === i - 1 || tokens[j].norm !== "all";
  }
  return false;
}

// "does not yet trust", "has never yet feared": "yet" after a negator is an adverb, not a connector.
const NOT_YET = new Set(["not", "never", "nor"]);
const isNotBefore = (w: string): boolean => NOT_YET.has(w) || w.endsWith("n't") || w.endsWith("n’t");

// "have since become friends": "since" between an auxiliary and its participle is an adverb.
const PERFECT_AUX = new Set(["has", "have", "had"]);
// A comma or a quotation mark before "and now".
const AFTER_BREAK = new Set([",", '"', "“", "”"]);

/** A clause: a token range, and whether its subject may be carried over from the previous clause. */
export interface Clause {
  start: number;
  end: number;
  sentence: number;
  /** True when the clause follows a connector inside the same sentence. */
  continues: boolean;
}

/** The marks that link a heading of names to what follows it, like "are" ("Ada & Hale — enemies"). */
export const HEADING_LINK = new Set([":", "—", "–"]);
const HEADING_JOINERS = new Set(["and", "&", "+", "/"]);
const HEADING_WORDS = new Set(["the", "of", "w"]);

/** Tokens [from, to) are only capitalised words (two or more) joined by "and", "&", "+" or "/": a note's heading of names. */
function isNameHeading(tokens: readonly Token[], from: number, to: number): boolean {
  if (to - from > 10) return false;
  let caps = 0, joined = false;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (HEADING_JOINERS.has(t.norm) || HEADING_JOINERS.has(t.text)) joined = true;
    else if (t.cap && !t.punct) caps++;
    else if (!(t.text === "." || HEADING_WORDS.has(t.norm))) return false;
  }
  return joined && caps >= 2;
}

/** Split tokens into clauses at sentence ends, semicolons/dashes and connector words. */
export function splitClauses(tokens: Token[]): Clause[] {
  const clauses: Clause[] = [];
  let sentence = 0;
  let start = 0;
  let continues = false;
  const close = (end: number, nextContinues: boolean, nextStart: number): void => {
    if (end > start) clauses.push({ start, end, sentence, continues });
    start = nextStart;
    continues = nextContinues;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct && SENTENCE_END.has(t.text)) {
      const prev = tokens[i - 1];
      const isAbbrev = t.text === "." && prev && !prev.punct && (ABBREVIATIONS.has(prev.text.toLowerCase()) || prev.norm.length === 1);
      if (isAbbrev) continue;
      close(i, false, i + 1);
      sentence++;
    } else if (t.punct && HARD_BREAK.has(t.text)) {
      // "Ada & Hale — enemies.", "Corvin/Quill: cousins": a heading of joined names links like "are".
      if (HEADING_LINK.has(t.text) && isNameHeading(tokens, start, i)) continue;
      close(i, true, i + 1);
    } else if (!t.punct && CONNECTORS.has(t.norm) && !(t.norm === "but" && exceptiveBut(tokens, i)) && !(t.norm === "yet" && isNotBefore(tokens[i - 1]?.norm ?? ""))
      && !(t.norm === "since" && PERFECT_AUX.has(tokens[i - 1]?.norm ?? ""))) {
      close(i, true, i + 1);
    } else if (t.norm === "and" && AFTER_BREAK.has(tokens[i - 1]?.text ?? "") && tokens[i + 1]?.norm === "now") {
      // "You were my friend once, and now you are nothing to me": ", and now" opens a new clause.
      close(i, true, i + 1);
    }
  }
  close(tokens.length, false, tokens.length);
  return clauses;
}

const TAKE = new Set(["take", "takes", "took", "taking", "taken"]);
const ASIDE_OWNERS = new Set(["her", "his", "their", "my", "our", "its"]);

const ASIDE_PHRASES = [["in", "turn"], ["of", "course"], ["after", "all"], ["in", "truth"], ["it", "seems"], ["to", "be", "sure"],
  // "I do not, however, fear him", "is, God help me, the only one I trust".
  ["however"], ["indeed"], ["honestly"], ["frankly"], ["admittedly"], ["mind", "you"], ["god", "help", "me"], ["heaven", "help", "me"],
  ["god", "help", "us"], ["heaven", "help", "us"], ["though"], ["mind"], ["i", "confess"], ["i", "admit"], ["i", "suppose"], ["i", "think"], ["i", "fear"]];
const FEELING_OF_ASIDE = new Set(["surprise", "dismay", "delight", "relief", "horror", "astonishment", "amusement", "shame", "regret"]);

/** ", in turn," / ", to everyone's surprise," starting at i (after the comma): the tokens up to the closing comma, else 0. */
function shortAside(tokens: readonly Token[], i: number): number {
  for (const words of ASIDE_PHRASES) {
    if (words.every((w, k) => tokens[i + k]?.norm === w) && tokens[i + words.length]?.text === ",") return words.length + 1;
  }
  // ", more than she liked,", ", more than he would admit,": how far, not whom.
  if (tokens[i]?.norm === "more" && tokens[i + 1]?.norm === "than" && /^(she|he|they|i|we)$/.test(tokens[i + 2]?.norm ?? "")) {
    for (let n = 4; n <= 7; n++) if (tokens[i + n - 1]?.text === ",") return n;
  }
  // "to everyone's surprise", "to the court's dismay", "to her relief"
  for (let n = 2; n <= 4; n++) {
    if (tokens[i]?.norm === "to" && FEELING_OF_ASIDE.has(tokens[i + n - 1]?.norm ?? "") && tokens[i + n]?.text === ",") return n + 1;
  }
  return 0;
}

// ("and so, grudgingly, does Lady Corvin": "so" before an ellipsis takes an aside too.)
const ASIDE_CONJUNCTIONS = new Set(["and", "but", "yet", "so"]);

/** "reveres Vesna and, in equal measure, is afraid of her": one to five lower-case words set off right after a conjunction. */
function afterConjunction(tokens: readonly Token[], i: number): number {
  if (!ASIDE_CONJUNCTIONS.has(tokens[i - 1]?.norm ?? "")) return 0;
  for (let n = 1; n <= 5; n++) {
    const t = tokens[i + n];
    if (t === undefined || (t.punct && t.text !== ",")) return 0;
    if (t.text === ",") return n > 1 ? n : 0;
    if (t.cap) return 0;
  }
  return 0;
}

/**
 * Drop an aside set off by commas that says nothing about anyone: "Corvin, for her part, is
 * terrified of Sera" reads as "Corvin is terrified of Sera" (the aside would otherwise stand
 * between the subject and its verb).
 */
export function dropAsides(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = (k: number) => tokens[i + k]?.norm;
    const forPart = tokens[i].text === "," && w(1) === "for" && ASIDE_OWNERS.has(w(2) ?? "") && w(3) === "part";
    // ", in turn,": "Vesna, in turn, has begun to rely on her"; ", to everyone's surprise,", ", of course,".
    const short = tokens[i].text === "," ? shortAside(tokens, i + 1) || afterConjunction(tokens, i) : 0;
    // "and Tomas in turn is fond of her": the same aside without its commas (not "took it in turn").
    if (w(0) === "in" && w(1) === "turn" && i > 0 && !tokens[i - 1].punct && !TAKE.has(w(-1) ?? "") && w(-1) !== "it" && tokens[i + 2] && !tokens[i + 2].punct) {
      i += 1;
      continue;
    }
    if (!forPart && short === 0) {
      out.push(tokens[i]);
      continue;
    }
    // ", for her part," → nothing; ", for her part." → keep the sentence end.
    i += short > 0 ? short : tokens[i + 4]?.text === "," ? 4 : 3;
  }
  return out;
}
