import type { Ctx } from "./context.ts";
import type { Raw } from "./finalize.ts";
import { isQuote } from "./wordSenses.ts";
import { isNegator, SUBJECT_PRONOUNS } from "./wordsets.ts";

/** "Trust me", "Believe me": a quoted plea for trust. */
const PLEAS = new Set(["trust", "believe"]);
/** How far after the quotation the answer "… did" may come. */
const ANSWER_SPAN = 20;
/** Confidence of a plea answered: stated, but read across a quotation and an ellipsis. */
const ANSWERED = 0.6;

/**
 * "'Trust me,' the Captain told Sera, and Sera, God help her, did": a plea for trust in a quotation,
 * answered by "did" after it, is the answerer's trust in the speaker. Appends those edges.
 */
export function answeredPleas(ctx: Ctx, raws: Raw[]): void {
  const { tokens } = ctx;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!PLEAS.has(tokens[i].norm) || tokens[i + 1].norm !== "me" || !ctx.doubt.quoted?.[i]) continue;
    const speaker = ctx.voice(i)?.speaker;
    if (speaker === undefined) continue;
    let end = i + 2;
    while (end < tokens.length && ctx.doubt.quoted[end] && !isQuote(tokens[end])) end++;
    const doer = answer(ctx, end + 1, speaker, ctx.voice(i)?.addressee);
    if (doer) raws.push({ from: doer, to: speaker, type: "trust", confidence: ANSWERED, strength: 0.6, cue: "trust me … did", negativeFamily: false, end: i + 2 });
  }
}

/** The one who "did" after the quotation: the last name before it, or a pronoun for the one addressed. */
function answer(ctx: Ctx, from: number, speaker: string, addressee: string | undefined): string | undefined {
  const { tokens } = ctx;
  let doer: string | undefined;
  for (let k = from; k < Math.min(tokens.length, from + ANSWER_SPAN); k++) {
    if (ctx.doubt.quoted?.[k] || (tokens[k].punct && tokens[k].text !== "," && tokens[k].text !== "—")) return undefined;
    const mi = ctx.mentionAt[k];
    if (mi >= 0 && !ctx.mentions[mi].possessive) doer = ctx.mentions[mi].entityId;
    else if (SUBJECT_PRONOUNS.has(tokens[k].norm) && tokens[k].norm !== "i") doer = addressee;
    if (tokens[k].norm !== "did") continue;
    // "… and Sera did not": the plea refused.
    const next = tokens[k + 1];
    if (next && !next.punct) return undefined;
    if (isNegator(tokens[k - 1]?.norm ?? "")) return undefined;
    return doer !== undefined && doer !== speaker ? doer : undefined;
  }
  return undefined;
}
