import type { Ctx } from "./context.ts";
import type { Raw } from "./finalize.ts";
import { pairKey } from "./types.ts";

/**
 * Kinship said in the way someone is addressed or signs: "Dear Aunt Ada, …", "my Cousin Tomas",
 * "…, Uncle Aldo," in a quotation, and a letter's "Your niece, Sera." Brother, Sister, Mother and
 * Father are left out: they are also religious titles ("Brother Mirren").
 */
const KIN_ADDRESS = new Set(["aunt", "auntie", "uncle", "cousin", "granny", "grandma", "grandpa", "grandmother", "grandfather", "niece", "nephew"]);
const DEAR = new Set(["dear", "dearest", "beloved"]);
// In lower case and in address ("…, brother."), every kinship word, religious titles being capitalised.
const ADDRESS_KIN = new Set([...KIN_ADDRESS, "brother", "sister", "mother", "father", "son", "daughter", "sis", "ma", "pa", "mum", "dad"]);
const SIGN_OFF_ADJECTIVES = new Set(["loving", "devoted", "affectionate", "dutiful", "faithful", "fond", "grateful", "own", "ever"]);

/** A pair of people the address makes kin, and the token after the words that say so. */
export interface KinAddress {
  a: string;
  b: string;
  end: number;
}

export function kinAddresses(ctx: Ctx): KinAddress[] {
  const out: KinAddress[] = [];
  const { tokens } = ctx;
  for (const m of ctx.mentions) {
    // The kinship word is the mention's own title ("Aunt Ada") or the word right before it ("Cousin Tomas").
    const kin = KIN_ADDRESS.has(tokens[m.start].norm) ? m.start : KIN_ADDRESS.has(tokens[m.start - 1]?.norm ?? "") ? m.start - 1 : -1;
    if (kin < 0 || m.possessive) continue;
    const before = tokens[kin - 1]?.norm;
    const opensLetter = DEAR.has(before ?? "") && (kin - 1 === 0 || (kin - 2 === 0 && tokens[0].norm === "my"));
    const spoken = before === "my" || (tokens[kin - 1]?.text === "," && ctx.doubt.quoted?.[kin] === 1);
    // "Aunt Ada scolds me like a gull" in the owner's own first person: the owner's aunt.
    const ownVoice = ctx.firstPerson && !ctx.doubt.quoted?.[kin] && tokens[kin].cap;
    const speaker = opensLetter || ownVoice ? ctx.owner : spoken ? (ctx.voice(kin)?.speaker ?? ctx.owner) : undefined;
    if (speaker !== undefined && speaker !== m.entityId) out.push({ a: speaker, b: m.entityId, end: m.end });
  }
  // "… now I only miss you, brother.": a kinship word in address (any kin word, lower case) is the tie with the one addressed.
  for (let i = 1; i < tokens.length; i++) {
    // ("'Sister, I was wrong about you.'": capitalised at the start of a quotation, and no cast member's title.)
    const opening = tokens[i].cap && ctx.mentionAt[i] < 0 && (tokens[i - 1].text === '"' || tokens[i - 1].text === "“") && tokens[i + 1]?.text === ",";
    if (!ADDRESS_KIN.has(tokens[i].norm) || !(opening || (!tokens[i].cap && tokens[i - 1].text === "," && (tokens[i + 1] === undefined || tokens[i + 1].punct)))) continue;
    const voice = ctx.voice(i);
    const speaker = voice?.speaker ?? (ctx.doubt.quoted?.[i] && !opening ? undefined : ctx.owner);
    if (speaker !== undefined && voice?.addressee !== undefined && speaker !== voice.addressee) out.push({ a: speaker, b: voice.addressee, end: i + 1 });
  }
  // "Your niece, Sera." closing a letter to someone: the signer is that person's kin.
  const addressee = ctx.voice(0)?.addressee;
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].norm !== "your" || (i > 0 && !tokens[i - 1].punct)) continue;
    let k = i + 1;
    while (SIGN_OFF_ADJECTIVES.has(tokens[k]?.norm ?? "")) k++;
    if (!KIN_ADDRESS.has(tokens[k]?.norm ?? "") || tokens[k + 1]?.text !== ",") continue;
    const mi = ctx.mentionAt[k + 2];
    const signer = mi >= 0 ? ctx.mentions[mi].entityId : undefined;
    if (signer !== undefined && addressee !== undefined && signer !== addressee) out.push({ a: signer, b: addressee, end: ctx.mentions[mi].end });
  }
  return out;
}

/** "Dear Aunt Ada": a kinship word in an address names the tie, but not in a sentence of its own. */
const KIN_ADDRESS_CONFIDENCE = 0.75;
const KIN_ADDRESS_STRENGTH = 0.6;
/** The cue of a kinship said in address (a later "we are not sisters" takes it back). */
export const KIN_ADDRESS_CUE = "kin address";

/** Append both directions of each kinship said in address, unless the pair already has a family reading. */
export function addKinAddresses(ctx: Ctx, raws: Raw[]): void {
  for (const { a, b, end } of kinAddresses(ctx)) {
    if (raws.some((r) => r.type === "family" && pairKey(r.from, r.to) === pairKey(a, b))) continue;
    for (const [from, to] of [[a, b], [b, a]]) raws.push({ from, to, type: "family", strength: KIN_ADDRESS_STRENGTH, negativeFamily: false, confidence: KIN_ADDRESS_CONFIDENCE, cue: KIN_ADDRESS_CUE, end });
  }
}
