import type { Clause, Token } from "./text.ts";
import { pairKey, TYPE_SIGN } from "./types.ts";
import type { Edge } from "./discourse.ts";
import { UNTIL } from "./wordsets.ts";

/**
 * Time scope across clauses: keep a memory's current feelings only. "once despised each other; now
 * they are allies", "trusted Tomas until the envoy came", "were lovers once, but that ended", "hated
 * Corvin all winter, but since …, trusts her". Split from discourse.ts.
 */

const PAST = ["at first", "at the start", "at the beginning", "in the beginning", "before the", "initially", "formerly", "in the past", "years ago", "long ago", "back then", "at one time", "in those days", "as children", "in their youth", "originally",
  "as a child", "as a boy", "as a girl", "as a youth", "in childhood", "in her youth", "in his youth", "yesterday", "in the old days", "in days gone by"];
const PRESENT = ["now", "nowadays", "these days", "today", "since then", "anymore", "any more", "any longer", "long since", "has since", "have since", "no longer",
  "since the", "since that", "has become", "have become", "has come to", "have come to", "after the", "after that", "again", "has made", "have made", "instead"];
const RECONCILE = ["made peace", "make peace", "makes peace", "reconciled", "buried the hatchet", "bury the hatchet", "patched things up", "patch things up", "made up", "forgave", "forgiven", "forgives"];

// "thought Tomas had stolen it, but the real thief was a novice": a suspicion the memory itself corrects.
// ("swapped the real emeralds for paste" is no correction: only a real culprit is.)
const CULPRITS = ["thief", "culprit", "traitor", "killer", "murderer", "spy", "villain", "liar", "informer", "poisoner", "one", "enemy", "snake"];
const CORRECTED = [...CULPRITS.map((c) => `the real ${c}`), "turned out", "turns out", "was wrong", "were wrong", "was mistaken", "were mistaken", "proved innocent", "was innocent", "was cleared",
  "proved her wrong", "proved him wrong", "proved them wrong", "proved me wrong"];

// "were lovers once, but that ended years ago": a later clause says the earlier tie is over.
const ENDED = ["that ended", "it ended", "long broken", "broken off", "called off", "broke it off", "broken it off", "called it off", "ended it",
  "that is over", "it is over", "that was over", "it was over", "long ash", "came to nothing",
  ...["the", "their", "our"].flatMap((det) => ["rivalry", "feud", "friendship", "alliance", "affair", "romance", "betrothal", "engagement", "enmity"]
    .flatMap((tie) => [`${det} ${tie} is over`, `${det} ${tie} was over`, `${det} ${tie} ended`, `${det} ${tie} died`,
      `${det} ${tie} is long over`, `${det} ${tie} is forgotten`, `${det} ${tie} is long forgotten`, `${det} ${tie} was forgotten`, `${det} ${tie} is dead`, `${det} ${tie} is long dead`])),
  // "were allies in the old war, but that pact died the day he turned pirate".
  ...["that", "the", "their"].flatMap((det) => ["pact", "alliance", "friendship", "love", "romance", "engagement"].map((tie) => `${det} ${tie} died`))];

// "the crew swear Corvin and the Queen are lovers; he doesn't believe a word of it": the earlier claim is refuted.
const REFUTED = ["believe a word of it", "believe any of it", "none of it is true", "not a word of it is true", "it is not true", "it isn't true", "that is not true", "that isn't true"];

type Mark = "past" | "present" | "reconcile" | "corrected" | "ended" | "refuted";
// First word → [phrase words, mark]: one pass over a clause finds every marker.
const MARKERS = new Map<string, Array<[string[], Mark]>>();
for (const [list, mark] of [[PAST, "past"], [PRESENT, "present"], [RECONCILE, "reconcile"], [CORRECTED, "corrected"], [ENDED, "ended"], [REFUTED, "refuted"]] as const) {
  for (const phrase of list) {
    const words = phrase.split(" ");
    MARKERS.set(words[0], [...(MARKERS.get(words[0]) ?? []), [words, mark]]);
  }
}

interface Marks {
  /** An explicit earlier time: "once", "at first", "years ago". */
  past: boolean;
  /** A past-tense copula or auxiliary ("were rivals", "was wary of"). */
  pastTense: boolean;
  present: boolean;
  reconcile: boolean;
  corrected: boolean;
  ended: boolean;
  refuted: boolean;
  /** "were engaged for a season", "were lovers one reckless summer": a tie given a bounded past span. */
  bounded: boolean;
}

const SPAN_UNITS = new Set(["season", "summer", "winter", "spring", "autumn", "week", "month", "year", "fortnight", "while", "time", "night"]);

const ORDINALS = new Set(["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "final", "further"]);

/** "for a (single) season", "one (reckless) summer" at unit index k. */
function boundedSpan(tokens: readonly Token[], k: number): boolean {
  // ("sequestered for a fourth night": a count of nights, not a span the tie lasted.)
  if (!SPAN_UNITS.has(tokens[k].norm) || ORDINALS.has(tokens[k - 1]?.norm ?? "")) return false;
  const one = (i: number): boolean => tokens[i]?.norm === "one" || ((tokens[i]?.norm === "a" || tokens[i]?.norm === "single") && tokens[i - 1]?.norm === "for");
  return one(k - 1) || (one(k - 2) && !tokens[k - 1].punct) || (tokens[k - 1]?.norm === "single" && one(k - 2));
}

const ONCE_NOT_TIME = new Set(["more", "again", "upon", "or", "and"]);

const PERFECT_OR_PASSIVE = new Set(["has", "have", "'ve", "ve", "is", "are", "be", "been", "being", "am", "'s", "s"]);

/** "trusted", "suspected", "hated": a verb in the simple past, not "has trusted" / "is trusted". */
function isSimplePast(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i].norm;
  return w.length > 4 && w.endsWith("ed") && !tokens[i].punct && !PERFECT_OR_PASSIVE.has(tokens[i - 1]?.norm ?? "");
}

const ONCE_SUBJECTS = new Set(["she", "he", "they", "i", "we", "you", "it"]);

/** "once she learns he knows" is "as soon as"; "once we were friends" is an earlier time. */
function onceAsConjunction(tokens: readonly Token[], i: number): boolean {
  const verb = tokens[i + 2];
  return ONCE_SUBJECTS.has(tokens[i + 1]?.norm ?? "") && verb !== undefined && !(verb.norm === "was" || verb.norm === "were" || verb.norm === "had" || isSimplePast(tokens, i + 2));
}

function marks(tokens: readonly Token[], c: Clause): Marks {
  const r: Marks = { past: false, pastTense: false, present: false, reconcile: false, corrected: false, ended: false, refuted: false, bounded: false };
  for (let i = c.start; i < c.end; i++) {
    const w = tokens[i].norm;
    // (A state, "were engaged / was his sweetheart", not "had suspected him for a month".)
    if (boundedSpan(tokens, i) && tokens.slice(c.start, i).some((t) => t.norm === "was" || t.norm === "were")) r.bounded = true;
    if (w === "was" || w === "were" || w === "had" || isSimplePast(tokens, i)) r.pastTense = true;
    // "was terrified of the Queen when Vesna first joined": a beginning told in the past is an earlier time.
    if (w === "first" && isSimplePast(tokens, i + 1) && tokens.slice(Math.max(c.start, i - 4), i).some((t) => t.norm === "when")) r.past = true;
    // "once" is a time only when it is not "at once" / "once more" / "once again".
    if (w === "once" && tokens[i - 1]?.norm !== "at" && !ONCE_NOT_TIME.has(tokens[i + 1]?.norm ?? "") && !onceAsConjunction(tokens, i)) r.past = true;
    for (const [words, mark] of MARKERS.get(w) ?? []) {
      if (i + words.length > c.end || !words.every((x, k) => tokens[i + k].norm === x)) continue;
      if (!(w === "now" && tokens[i + 1]?.norm === "and")) r[mark] = true;
    }
  }
  return r;
}

/**
 * Keep the current state only. An edge read from a clause marked as earlier ("once", "at first", or a
 * past tense followed later by "now" / "these days") is dropped when a later clause describes the same
 * pair, when a later clause reconciles ("made peace") and the edge is negative, or, after an explicit
 * earlier-time marker, when a later clause says "now". Family ties are permanent and never dropped.
 * `spans[i]` is the [start, end) range of edges read from clause i. Returns the pairs dropped.
 */
export function dropSuperseded(tokens: readonly Token[], clauses: readonly Clause[], spans: ReadonlyArray<[number, number]>, edges: Edge[]): Set<string> {
  const dropped = new Set<number>();
  const pairs = new Set<string>();
  if (edges.length === 0) return pairs;
  const m = clauses.map((c) => marks(tokens, c));
  // "Until the envoy came, Mirren trusted Tomas" / "trusted Tomas until the envoy came": the feeling had an end.
  clauses.forEach((c, i) => {
    // ("We are allies until the river falls" is a tie for as long as that: present, not ended.)
    if ((UNTIL.has(tokens[c.start - 1]?.norm ?? "") || UNTIL.has(tokens[c.end]?.norm ?? "")) && m[i].pastTense) m[i].past = true;
    // "hated Corvin all winter, but since she pulled her from the fire, trusts her": "but since" is a time.
    if (tokens[c.start - 1]?.norm === "since" && tokens[c.start - 2]?.norm === "but") m[i].present = true;
  });
  for (let i = 0; i < clauses.length; i++) {
    // Spans index the readings as read; a reading taken back since may leave them past the end.
    const lo = spans[i][0];
    const hi = Math.min(spans[i][1], edges.length);
    if (lo >= hi) continue;
    const later = m.slice(i + 1);
    const laterPresent = later.some((x) => x.present);
    if (later.some((x) => x.corrected)) {
      for (let k = lo; k < hi; k++) if (edges[k].type === "distrust") dropped.add(k), pairs.add(pairKey(edges[k].from, edges[k].to));
    }
    // Refuted right after ("…; he doesn't believe a word of it"): nothing of the claim stands.
    if (m[i + 1]?.refuted) {
      for (let k = lo; k < hi; k++) if (edges[k].type !== "family") dropped.add(k), pairs.add(pairKey(edges[k].from, edges[k].to));
    }
    // "confides in Corvin now, though he once thought her a viper", "enemies now; once we were friends":
    // an explicitly earlier clause after a present description of the same pair is the past.
    if (m[i].past && !laterPresent && m.slice(0, i).some((x) => x.present)) {
      const earlierPairs = new Set(edges.slice(0, lo).map((e) => pairKey(e.from, e.to)));
      for (let k = lo; k < hi; k++) if (edges[k].type !== "family" && earlierPairs.has(pairKey(edges[k].from, edges[k].to))) dropped.add(k), pairs.add(pairKey(edges[k].from, edges[k].to));
    }
    // "enemies since the war, …, and are now the firmest of friends": a later "now" that gives the pair the opposite feeling ends this one.
    // ("are still rivals for stroke, but … they're friends as well": both hold now.)
    const both = tokens.slice(clauses[i].start, clauses[i].end).some((t) => t.norm === "still") || tokens.slice(clauses[i].end).some((t, k, rest) => t.norm === "well" && rest[k - 1]?.norm === "as");
    const presentLater = both ? [] : later.flatMap((x, c) => (x.present ? edges.slice(spans[i + 1 + c][0], spans[i + 1 + c][1]) : []));
    for (let k = lo; k < hi; k++) {
      const e = edges[k];
      if (e.type !== "family" && presentLater.some((x) => x.type !== "family" && pairKey(x.from, x.to) === pairKey(e.from, e.to) && TYPE_SIGN[x.type] !== TYPE_SIGN[e.type])) dropped.add(k), pairs.add(pairKey(e.from, e.to));
    }
    // "Mirren and Quill were engaged for a season before he chose the chapel": a tie with a bounded past span is over.
    if (m[i].bounded && !tokens.slice(clauses[i].end).some((t) => t.norm === "still")) {
      for (let k = lo; k < hi; k++) if (edges[k].type !== "family") dropped.add(k), pairs.add(pairKey(edges[k].from, edges[k].to));
    }
    const laterEnded = later.some((x) => x.ended);
    const laterReconcile = later.some((x) => x.reconcile);
    // ("despised Tomas for a year…; they reconciled long ago": a past grudge a later clause made up.)
    if (!(m[i].past || (m[i].pastTense && (laterPresent || laterEnded || laterReconcile)))) continue;
    const laterPairs = new Set(edges.slice(hi).map((e) => pairKey(e.from, e.to)));
    for (let k = lo; k < hi; k++) {
      const e = edges[k];
      if (e.type === "family") continue;
      const redescribed = laterPairs.has(pairKey(e.from, e.to));
      if (redescribed || laterEnded || (laterReconcile && TYPE_SIGN[e.type] < 0) || (m[i].past && laterPresent)) dropped.add(k), pairs.add(pairKey(e.from, e.to));
    }
  }
  const kept = edges.filter((_, k) => !dropped.has(k));
  edges.splice(0, edges.length, ...kept);
  return pairs;
}
