import { type Ctx, subjectActorAt } from "./context.ts";
import type { Token } from "./text.ts";
import { pairKey } from "./types.ts";
import { ELLIPSIS_AUX } from "./wordsets.ts";

/**
 * Short answers that settle an earlier clause: "Tomas asked whether I fear the Queen. I told him the
 * truth: I do." (the question is answered yes) and "Sera thinks I distrust her. I don't." / "The
 * novices think I am in love with the Queen. I am not." (the claim is denied).
 */

const ANSWER_SUBJECTS = new Set(["i", "we", "she", "he", "they"]);
const ANSWER_AUX = new Set([...ELLIPSIS_AUX, "am"]);
const NEGATED_AUX = new Set(["don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't", "won't", "can't", "cannot"]);
// What may follow a short answer: the end of its clause, or a word that opens the next one.
const ANSWER_END = new Set([",", ".", ";", "!", "—", ":", "and", "but", "though", "however", "nor"]);

const KNOWING = new Set("know knew known think thought admit admits swear swore say said says tell told realise realize realises realizes feel felt".split(" "));

export interface ShortAnswer {
  /** Index of the answer's subject ("I" of "I do", "We" of "We are not"). */
  at: number;
  subject: string;
  yes: boolean;
}

/** Every short answer in a memory: a pronoun subject, an auxiliary, perhaps "not", and nothing more before a clause break. */
export function shortAnswers(tokens: readonly Token[]): ShortAnswer[] {
  const out: ShortAnswer[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const s = tokens[i].norm;
    if (!ANSWER_SUBJECTS.has(s) || tokens[i - 1]?.norm === "so" || tokens[i - 1]?.norm === "as") continue;
    const aux = tokens[i + 1].norm;
    let k = i + 2;
    let yes = true;
    if (NEGATED_AUX.has(aux)) yes = false;
    else if (!ANSWER_AUX.has(aux)) continue;
    else if (tokens[k]?.norm === "not") (yes = false), k++;
    // "I do, more than the fever": an intensifier may trail a yes ("I do, God help me").
    const next = tokens[k];
    if (next !== undefined && !(ANSWER_END.has(next.norm) || (next.punct && ANSWER_END.has(next.text)))) continue;
    // "…, as I do" / "whom I do": an answer opens its clause.
    const prev = tokens[i - 1];
    // ("fool that I am" is no answer: "that" must follow a verb of knowing or saying.)
    const knowing = prev?.norm === "that" && (tokens[i - 2]?.norm.endsWith("ed") || KNOWING.has(tokens[i - 2]?.norm ?? ""));
    if (prev !== undefined && !prev.punct && !knowing && !["and", "but", "for"].includes(prev.norm)) continue;
    out.push({ at: i, subject: s, yes });
  }
  return out;
}

interface Reading {
  from: string;
  to: string;
  type: string;
  end: number;
}

/**
 * "Sera thinks I distrust her. I don't.": a short denial takes back its subject's feelings read from
 * the sentence before it or earlier in its own (a mutual reading, both ways). Family ties stay.
 * Removes them from `readings`; returns the pairs so that nothing is sent to enrichment either.
 */
export function takeBackDenied(ctx: Ctx, sentenceAt: ArrayLike<number>, readings: Reading[]): string[] {
  const pairs: string[] = [];
  for (const d of ctx.doubt.denials) {
    const who = d.subject === "i" || d.subject === "we" ? (ctx.voice(d.at)?.speaker ?? ctx.owner) : subjectActorAt(ctx, d.at)?.id;
    if (who === undefined) continue;
    const s = sentenceAt[d.at];
    const denied = readings.filter((r) => {
      const rs = sentenceAt[r.end - 1];
      const mutual = readings.some((o) => o.from === r.to && o.to === r.from && o.type === r.type);
      return r.type !== "family" && r.end <= d.at && (rs === s || rs === s - 1) && (r.from === who || (r.to === who && mutual));
    });
    for (const r of denied) {
      pairs.push(pairKey(r.from, r.to));
      readings.splice(readings.indexOf(r), 1);
    }
  }
  return pairs;
}
