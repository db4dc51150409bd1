import { type ShortAnswer, shortAnswers } from "./answers.ts";
import type { Token } from "./text.ts";
import { CONNECTORS } from "./text.ts";
import { isQuote } from "./wordSenses.ts";
import { COUNTERFACTUAL_MODALS, INVERTED_CONDITIONAL, POSSESSIVE_PRONOUNS } from "./wordsets.ts";
import { isHearsay, isRefutation, isTagQuestion, isTheySay, possessiveName, unsure, wordIs } from "./talk.ts";

/**
 * The per-memory facts doubt factors read (doubt.ts), found in one pass over the tokens: quotations,
 * comma/connector segments, conditional, framed and questioning sentences, speech verbs, oaths in
 * sentences of harm, and clauses marked as earlier.
 */

/** Words that frame a whole sentence as hearsay or deny it. */
const FRAME = new Set([
  "according", "rumour", "rumours", "rumor", "rumors", "gossip", "gossips", "supposedly", "allegedly", "reputedly", "purportedly", "untrue",
  "denies", "denied", "deny", "denying", "falsely", "rumoured", "rumored", "reputed",
  // "made a show of her friendship …; it was a pretence": the sentence says the feeling is performed.
  "pretence", "pretense", "charade", "facade", "façade",
]);
const HEARD_NEXT = new Set(["that", "it", "tell", "say", "says", "said", "about", "from", "of", "rumours", "rumors", "gossip", "whispers", "talk"]);
const HARD_BREAKS = new Set([";", ":", "—", "–"]);
const REPORT_END = new Set([";", ":", "—", "–", "but", "yet", "though", "although", "whereas", "while", "since", "because"]);
/** The frame words that pass on a rumour (not those of denial or pretence). */
const TOPIC = new Set(["on", "about", "against"]);
const RUMOUR = new Set(["foretold", "foretells", "foretell", "prophesied", "prophesies", "according", "rumour", "rumours", "rumor", "rumors", "gossip", "gossips", "supposedly", "allegedly", "reputedly", "purportedly", "rumoured", "rumored", "reputed"]);
/** "thinks of X as a friend" (a view of X), "the mere thought of X" (a noun): not a belief about others. */
const BELIEF = new Set(["thinks", "thought", "believes", "believed", "supposes", "supposed", "assumes", "assumed", "imagines", "imagined", "reckons", "reckoned"]);
const NOT_BELIEF_NEXT = new Set(["of", "about", "better", "highly", "well", "little", "less", "more", "nothing", "so", "it", "a", "any", "every", "none", "him", "them", "me", "you", "in"]);
const NOT_BELIEF_PREV = new Set(["the", "a", "mere", "very", "one", "second", "every", "his", "her", "my", "their"]);
/** Speech, hearsay and belief verbs: a feeling named after them, held by someone named after them, is reported. */
const REPORT = new Set([
  "said", "says", "say", "told", "tells", "tell", "claimed", "claims", "claim", "insisted", "insists", "whispered", "whispers", "whisper", "announced",
  "muttered", "mutters", "mutter", "murmured", "murmurs", "murmur",
  "reported", "rumoured", "rumored", "alleged", "alleges", "heard", "hears", "hear", "gossiped", "wrote", "writes", "swore", "swears",
  // "Sera thinks Quill and Mirren are lovers": a belief about two others, not the narrator's word.
  ...BELIEF,
]);

const EXCHANGED = new Set(["trading", "traded", "trade", "swapping", "swapped", "swap", "sharing", "shared", "share", "exchanging", "exchanged"]);
const INVERTED_SUBJECTS = new Set(["he", "she", "they", "i", "we", "you"]);
/** Adverbs by which the narrator guesses rather than states. */
const HEDGE = new Set(["perhaps", "maybe", "possibly", "probably", "presumably", "conceivably", "seemingly", "apparently", "doubtless"]);

const HYPOTHETICAL = new Set(["if", "unless", "supposing", "suppose", "whether", "lest"]);
const OATH = new Set(["swear", "swore", "sworn", "swears", "vow", "vowed", "vows", "oath", "oaths", "pledge", "pledged", "pledges"]);
const HARM = new Set([
  "vengeance", "revenge", "avenge", "kill", "killed", "hang", "hanged", "destroy", "ruin", "death", "dead", "grave", "blood", "punish", "against", "end",
]);
const BLOOD_BOND = new Set(["oath", "oaths", "pact", "vow", "brother", "brothers", "sister", "sisters", "bond"]);
const isSeparator = (t: Token): boolean => (t.punct && (t.text === "," || t.text === ";" || t.text === ":" || t.text === "—")) || (!t.punct && CONNECTORS.has(t.norm));

/** Per-memory facts the factors need, computed in one pass over the tokens. */
export interface DoubtScope {
  tokens: Token[];
  /** Token index → inside a quotation (undefined: the memory has no quotation mark). */
  quoted?: Uint8Array;
  /** Token index → index of its comma/connector segment within its sentence. */
  segment: Int16Array;
  /** Token index → its sentence. */
  sentence: Int16Array;
  /** Sentences that are conditional or counterfactual. */
  hypothetical: ReadonlySet<number>;
  /** Token index → the entity a name there refers to. */
  named: (i: number) => string | undefined;
  /** Token index → its clause is marked as earlier and a later clause turns (undefined: no such clause). */
  earlier?: Uint8Array;
  /** Sentences with both an oath word and a word of harm. */
  oathHarm: ReadonlySet<number>;
  /** Sentences that ask (a question mark) or only believe (", or so X thought"). */
  question: ReadonlySet<number>;
  /** Sentences framed as hearsay or denied ("according to …", "rumour has it", "it is not true that"). */
  framed: ReadonlySet<number>;
  /** Sentence → where the narrator takes back what came before it ("…, but she was lying", "nobody believes it"). */
  refutedBefore: ReadonlyMap<number, number>;
  /** Sentences that pass on a rumour ("rumour has it", "according to the gossip", "allegedly"): no edge at all. */
  rumoured: ReadonlySet<number>;
  /** Sentences with an "if" / "unless" clause. */
  conditioned: ReadonlySet<number>;
  /** Token index → a "whether" came before it in its sentence, with no ";", ":" or dash since. */
  whetherBefore: Uint8Array;
  /** Token index → the next "?" of its sentence comes before any ";", ":" or dash (its part is asked). */
  askedAhead: Uint8Array;
  /** Token index → the last speech verb before it in its sentence, or -1. */
  reportedAfter: Int16Array;
  /** Token index → a hedge ("perhaps", "maybe") came before it in its clause (back to a sentence start, ";" or ":"). */
  hedged: Uint8Array;
  /** The memory's owner (whom an unresolved subject pronoun defaults to). */
  owner: string;
  /** Short denials ("I don't.", "We are not, and never were."): see answers.ts. */
  denials: ShortAnswer[];
}

const EARLIER_ONE = new Set(["once", "formerly", "originally"]);
const EARLIER_TWO = new Set(["as children", "in childhood", "at first", "years ago", "for years", "long ago", "back then", "in those", "used to"]);
const EARLIER_HINT = new Set([...EARLIER_ONE, "was", "were", "had", "first", "years", "ago", "then", "those", "used", "child", "children", "boy", "girl", "youth"]);
/** "as a child", "in her youth": an earlier time of life. */
const CHILDHOOD = new Set(["child", "children", "boy", "girl", "boys", "girls", "youth", "lad", "lass", "novice", "novices"]);
/** "when she was twelve", "when we were children": an age, an earlier time of life. */
const YOUNG = new Set([...CHILDHOOD, "young", "younger", "little", "small", "teen", "teenager", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]);
const whenYoung = (words: readonly string[], i: number): boolean =>
  words[i] === "when" && (words[i + 2] === "was" || words[i + 2] === "were") && (YOUNG.has(words[i + 3] ?? "") || ((words[i + 3] === "a" || words[i + 3] === "an") && YOUNG.has(words[i + 4] ?? "")) || /^\d{1,2}$/.test(words[i + 3] ?? ""));

/** "since the fire", "since that night": "since" + a determiner is a time (not "since she trusts him", a cause). */
const SINCE_TIME = new Set(["the", "that", "this", "then", "her", "his", "their", "its", "my", "our", "last"]);
/** Words after which the state described is the current one ("now", "has become", "since the fire", "the engagement ended"). */
function turnsToNow(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i].norm, next = tokens[i + 1]?.norm ?? "";
  if (w === "now" || w === "peace" || w === "ended") return true;
  if (w === "since") return SINCE_TIME.has(next);
  if (w === "become" || w === "come" || w === "grown") return tokens[i - 1]?.norm === "has" || tokens[i - 1]?.norm === "have";
  return (w === "broken" || w === "broke" || w === "called") && next === "off";
}
const TURN = new Set(["but", "yet", "now", "until", "since", "though", "although", "instead"]);

const SHORT_REPLY = new Set(["no", "yes", "nothing", "so", "goodbye", "nope", "yeah", "little"]);

/** `clauses`: [start, end) token spans in order, as the extractor split them. */
export function doubtScope(
  tokens: Token[],
  sentenceOf: (i: number) => number,
  named: (i: number) => string | undefined,
  clauses: ReadonlyArray<{ start: number; end: number }>,
  owner: string,
): DoubtScope {
  const n = tokens.length;
  const segment = new Int16Array(n);
  const sentence = new Int16Array(n);
  const hypothetical = new Set<number>();
  const oath = new Set<number>();
  const harm = new Set<number>();
  const question = new Set<number>();
  const framed = new Set<number>();
  const refutedBefore = new Map<number, number>();
  const rumoured = new Set<number>();
  const conditioned = new Set<number>();
  const whetherBefore = new Uint8Array(n);
  let whether = false;
  let invertedAt = -1;
  const reportedAfter = new Int16Array(n).fill(-1);
  let report = -1;
  const hedged = new Uint8Array(n);
  let hedge = false;
  const answers = shortAnswers(tokens);
  // "…whether I fear the Queen. I told him the truth: I do.": a question answered yes (one or two sentences on) is asserted.
  const answered = new Set(answers.filter((a) => a.yes).flatMap((a) => [sentenceOf(a.at), sentenceOf(a.at) - 1, sentenceOf(a.at) - 2]));
  // A "?" that really asks: not a tag after a statement, not a question answered yes.
  const asks = (q: number): boolean => !isTagQuestion(tokens, q, sentenceOf) && !answered.has(sentenceOf(q));
  let quoted: Uint8Array | undefined;
  let open = false;
  let seg = 0;
  let past = false;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const sn = (sentence[i] = sentenceOf(i));
    if (i > 0 && sn !== sentence[i - 1]) (seg = 0), (report = -1), (hedge = false), (whether = false);
    if (t.punct && HARD_BREAKS.has(t.text)) whether = false;
    whetherBefore[i] = whether ? 1 : 0;
    if (t.norm === "whether" && !answered.has(sn)) whether = true;
    // What a speaker said ends where the narrator takes the sentence back: "; he has admired …", "…, but …".
    // ("never told Tomas, who still distrusts her": a relative clause about the one told is no report.)
    if ((t.punct && REPORT_END.has(t.text)) || (!t.punct && REPORT_END.has(t.norm)) || (t.norm === "and" && (tokens[i - 1]?.text === "," || (i > 1 && isQuote(tokens[i - 1]) && tokens[i - 2].text === ",")) && named(i + 1) !== undefined)
      || ((t.norm === "who" || t.norm === "whom") && tokens[i - 1]?.text === ",")) report = -1;
    reportedAfter[i] = report;
    hedged[i] = hedge ? 1 : 0;
    if (t.punct && (t.text === ";" || t.text === ":")) hedge = false;
    else if (HEDGE.has(t.norm) || wordIs(tokens, i) || unsure(tokens, i)) hedge = true;
    if (t.punct) {
      if (t.text === "?" && asks(i)) question.add(sn);
      // "…, or so Ren believed": a belief tag makes the whole sentence someone's opinion.
      if (t.text === "," && tokens[i + 1]?.norm === "or" && tokens[i + 2]?.norm === "so") question.add(sn);
      if (t.text === "," && invertedAt === sn) hypothetical.add(sn), conditioned.add(sn);
      if (isQuote(t)) {
        quoted ??= new Uint8Array(n);
        open = t.text === "“" ? true : t.text === "”" ? false : !open;
        segment[i] = seg;
        continue;
      }
    } else {
      const w = t.norm;
      const prev = tokens[i - 1]?.norm;
      if ((HYPOTHETICAL.has(w) && prev !== "even" && prev !== "as") || (COUNTERFACTUAL_MODALS.has(w) && tokens[i + 1]?.norm === "have")) hypothetical.add(sn);
      // "whatever the court gossips say", "despite the rumours": a rumour set aside, not passed on.
      // ("trading bread and village gossip": gossip as a thing exchanged passes nothing on.)
      // ("my cook, my gossip and my sanity": someone's gossip is a thing, or a person, they have.)
      // ("the sermon on gossip": gossip as a topic passes nothing on either.)
      if (RUMOUR.has(w) && !POSSESSIVE_PRONOUNS.has(prev ?? "") && !TOPIC.has(prev ?? "") && !tokens.slice(Math.max(0, i - 5), i).some((x) => x.norm === "whatever" || x.norm === "despite" || EXCHANGED.has(x.norm))) rumoured.add(sn);
      // "so runs the tale", "or so the story goes": a tale passed on.
      if ((w === "tale" || w === "story") && (tokens[i - 2]?.norm === "runs" || tokens[i + 1]?.norm === "goes" || tokens[i + 1]?.norm === "runs")) rumoured.add(sn);
      if (w === "if" || w === "unless") conditioned.add(sn);
      // "will respect the Queen again only when she admits it": a condition, like "if".
      if (w === "when" && prev === "only") conditioned.add(sn), hypothetical.add(sn);
      if (FRAME.has(w) || (w === "true" && prev === "not") || (w === "has" && prev === "rumour") || isHearsay(tokens, i) || isTheySay(tokens, i)) framed.add(sn);
      // "…, but she was lying", "nobody believes it": the narrator takes back what came before in the sentence.
      if (isRefutation(tokens, i, sentenceOf)) refutedBefore.set(sn, i);
      // "I told Tomas I trusted him. A lie, of course; …": a sentence opening "A lie" takes back the one before.
      if (w === "lie" && prev === "a" && (i < 2 || sentenceOf(i - 2) !== sn) && sn > 0) refutedBefore.set(sn - 1, n);
      // Sentence-initial "Should / Were / Had" followed by a comma later: an inverted conditional.
      if (prev === undefined || sentenceOf(i - 1) !== sn) invertedAt = INVERTED_CONDITIONAL.has(w) ? sn : -1;
      // "wrote that, were Sera older, she would make the girl her ally": an inverted condition inside the sentence.
      else if (INVERTED_CONDITIONAL.has(w) && (prev === "," || prev === "that") && (named(i + 1) !== undefined || INVERTED_SUBJECTS.has(tokens[i + 1]?.norm ?? ""))) hypothetical.add(sn), conditioned.add(sn);
      if (OATH.has(w)) oath.add(sn);
      // "a blood oath", "blood brothers": a bond, not harm.
      else if (HARM.has(w) && !(w === "blood" && BLOOD_BOND.has(tokens[i + 1]?.norm ?? ""))) harm.add(sn);
      if (EARLIER_HINT.has(w)) past = true;
      // "heard confessions", "hears the choir": hearing a thing is no hearsay; "heard that / heard Tomas say" is.
      const heardThing = (w === "heard" || w === "hears" || w === "hear") && !HEARD_NEXT.has(tokens[i + 1]?.norm ?? "") && (named(i + 1) === undefined || possessiveName(tokens, named, i + 1));
      // ("I said no, and I realized …": what was said is the one word, already over.)
      const saidOneWord = SHORT_REPLY.has(tokens[i + 1]?.norm ?? "") && (tokens[i + 2] === undefined || tokens[i + 2].punct);
      if (REPORT.has(w) && !heardThing && !saidOneWord && !(BELIEF.has(w) && (NOT_BELIEF_NEXT.has(tokens[i + 1]?.norm ?? "") || NOT_BELIEF_PREV.has(prev ?? "")))) report = i;
    }
    if (quoted && open) quoted[i] = 1;
    if (isSeparator(t)) seg++;
    segment[i] = seg;
  }
  const oathHarm = new Set([...oath].filter((x) => harm.has(x)));
  const askedAhead = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const t = tokens[i];
    askedAhead[i] = t.text === "?" ? (asks(i) ? 1 : 0) : t.punct && HARD_BREAKS.has(t.text) ? 0 : i + 1 < n && sentence[i + 1] === sentence[i] ? askedAhead[i + 1] : 0;
  }
  return {
    tokens, quoted, segment, sentence, hypothetical, named, earlier: past ? earlierClauses(tokens, sentence, clauses) : undefined, oathHarm, question, framed, refutedBefore,
    rumoured, conditioned, whetherBefore, askedAhead, reportedAfter, hedged, owner, denials: answers.filter((a) => !a.yes),
  };
}

/** Clauses marked as earlier ("at first", "once", a past "was") that a later clause turns ("but", "now"). */
function earlierClauses(tokens: Token[], sentence: Int16Array, clauses: ReadonlyArray<{ start: number; end: number }>): Uint8Array {
  const earlier = new Uint8Array(tokens.length);
  let lastNow = -1;
  // A connector between clauses ("; since the fire …") belongs to the clause it opens.
  clauses.forEach((c, k) => {
    for (let i = k === 0 ? 0 : clauses[k - 1].end; i < c.end; i++) if (turnsToNow(tokens, i)) lastNow = k;
  });
  const isMark = (words: string[], i: number): boolean =>
    EARLIER_ONE.has(words[i]) || EARLIER_TWO.has(`${words[i]} ${words[i + 1]}`) || (words[i] === "as" && CHILDHOOD.has(words[i + 2] ?? "")) || whenYoung(words, i);
  clauses.forEach((c, k) => {
    const words = tokens.slice(c.start, c.end).map((t) => t.norm);
    const mark = words.findIndex((_, i) => isMark(words, i));
    const past = words.includes("was") || words.includes("were") || words.includes("had");
    const next = clauses[k + 1];
    const turns = next !== undefined && sentence[next.start] === sentence[c.start] && TURN.has(tokens[next.start - 1]?.norm ?? "");
    if ((mark >= 0 && (turns || lastNow > k)) || (past && lastNow > k)) earlier.fill(1, c.start, c.end);
    else if (mark >= 0) {
      // "loved Sera once, long ago, and all that is left of it now …", "once rivals, have become friends": one clause that turns within itself.
      let now = -1;
      for (let i = words.length - 1; i > mark && now < 0; i--) if (turnsToNow(tokens, c.start + i)) now = i;
      let cut = -1;
      // "who once treated her like a daughter and now rarely speaks to her": "and" before the turn cuts too.
      for (let i = now - 1; i > mark && cut < 0; i--) if (isSeparator(tokens[c.start + i]) || (words[i] === "and" && i === now - 1)) cut = i;
      // From the mark's own phrase: ", who once …" leaves the words before the comma as they are.
      let from = mark;
      while (from > 0 && !isSeparator(tokens[c.start + from - 1])) from--;
      if (now > mark && cut > mark) earlier.fill(1, c.start + from, c.start + cut);
    }
  });
  return earlier;
}
