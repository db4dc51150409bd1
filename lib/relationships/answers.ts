import type { Token } from "./text.ts";
import { ELLIPSIS_AUX } from "./wordsets.ts";

/**
 * Short answers that settle an earlier clause: "Tomas asked whether I fear the Queen. I told him the
 * truth: I do." (the question is answered yes) and "Sera thinks I distrust her. I don't." / "The
 * novices think I am in love with the Queen. I am not." (the claim is denied; discourse.ts takes it back).
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
