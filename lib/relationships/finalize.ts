import { type ExtractedRelationship, pairKey, type RelationshipType, TYPE_SIGN } from "./types.ts";
import { BROKEN_FAMILY } from "./wordsets.ts";

/**
 * The last step of reading a memory: the raw readings of its cues become one edge per holder, target
 * and type (signed, rounded, flagged for enrichment under the threshold), and the pairs it names
 * without any reading become enrichment candidates.
 */

/** One reading of one cue, before the memory's readings are merged. */
export interface Raw {
  from: string;
  to: string;
  type: RelationshipType;
  confidence: number;
  strength: number;
  cue: string;
  negativeFamily: boolean;
  affection?: boolean;
  /** Token index after the cue. */
  end: number;
}

/** Everything one memory yields before merging. */
export interface Analysis {
  raws: Raw[];
  /** Unordered pairs whose cue was negated away ("is not afraid of"): not unclassified. */
  cancelled: Set<string>;
  /** Entities referred to, in order of first reference (owner included when a pronoun names them). */
  referred: string[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * "feuding", "feuding with", "resents": the cue's words, its prepositions aside, all estrange a family
 * (blind labellers read "resents his sister" as a resentful tie, not a second feeling).
 */
const isEstrangingWord = (cue: string): boolean => {
  const words = cue.toLowerCase().split(" ").filter((w) => !CUE_PREPOSITIONS.has(w));
  return words.length > 0 && words.every((w) => BROKEN_FAMILY.has(w) || RESENT.has(w));
};
const RESENT = new Set(["resent", "resents", "resented", "resenting"]);
const isDebt = (cue: string): boolean => /^ow(e|es|ed|ing)\b/i.test(cue);
/** "I love you, but I will never forgive you for the bridge": a grievance beside love is not enmity (the labels keep only the love). */
const isUnforgiving = (cue: string): boolean => /\bforg[ia]v/i.test(cue);
const WARM: ReadonlySet<RelationshipType> = new Set(["love", "friendship"]);
const CUE_PREPOSITIONS = new Set(["with", "against", "of", "toward", "towards"]);

/** Merge a memory's readings into edges: family signs, superseded words, the strongest reading per key. */
export function finalize(analysis: Analysis, threshold: number): ExtractedRelationship[] {
  const negativePairs = new Set<string>();
  for (const r of analysis.raws) {
    // Any negative edge estranges the family tie, rivalry too ("my sister and my rival"; the brief, and the later labellers).
    if ((r.type === "family" && r.negativeFamily) || TYPE_SIGN[r.type] < 0) negativePairs.add(pairKey(r.from, r.to));
  }
  const familyPairs = new Set(analysis.raws.filter((r) => r.type === "family").map((r) => pairKey(r.from, r.to)));
  // "I owe Quill my life; I trust her with the map": a debt is respect only when nothing else is said of the pair.
  const felt = new Set(analysis.raws.filter((r) => r.type !== "family" && !isDebt(r.cue)).map((r) => `${r.from}|${r.to}`));
  const byKey = new Map<string, ExtractedRelationship>();
  for (const r of analysis.raws) {
    // "cousins who have been feuding": the word that estranges a family tie is that tie's sign, not a second edge.
    if (r.type === "hostility" && familyPairs.has(pairKey(r.from, r.to)) && isEstrangingWord(r.cue)) continue;
    if (isDebt(r.cue) && felt.has(`${r.from}|${r.to}`)) continue;
    if (r.type === "hostility" && isUnforgiving(r.cue) && analysis.raws.some((o) => o.from === r.from && o.to === r.to && WARM.has(o.type))) continue;
    const sign = r.type === "family" ? (negativePairs.has(pairKey(r.from, r.to)) ? -1 : 1) : TYPE_SIGN[r.type];
    const confidence = round2(Math.min(1, r.confidence));
    const strength = round2(Math.min(1, r.strength));
    const key = `${r.from}|${r.to}|${r.type}`;
    const prev = byKey.get(key);
    if (prev && prev.confidence >= confidence) continue;
    byKey.set(key, {
      from: r.from, to: r.to, type: r.type, sentiment: round2(sign * (0.3 + 0.7 * strength)), strength, confidence,
      needsEnrichment: confidence < threshold, cue: r.cue,
    });
  }
  return [...byKey.values()];
}

/** Pairs referred to with no reading between them: see `findUnclassifiedPairs` in extract.ts. */
export function unclassifiedPairs(analysis: Analysis): Array<{ from: string; to: string }> {
  const covered = new Set([...analysis.cancelled, ...analysis.raws.map((r) => pairKey(r.from, r.to))]);
  // Someone who already has a relationship read from this memory is not "unclassified" with
  // everyone else named in it: only pairs with at least one uncovered person are reported.
  const involved = new Set(analysis.raws.flatMap((r) => [r.from, r.to]));
  const out: Array<{ from: string; to: string }> = [];
  const ids = analysis.referred;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const uncovered = !covered.has(pairKey(ids[i], ids[j])) && (!involved.has(ids[i]) || !involved.has(ids[j]));
      if (uncovered) out.push({ from: ids[i], to: ids[j] });
    }
  }
  return out;
}
