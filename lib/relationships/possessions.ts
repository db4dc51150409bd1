import type { Ctx } from "./context.ts";
import { INTENSIVES } from "./wordsets.ts";

/**
 * Whose is the object after a possessive ("Pax's …"): someone's person is not Pax, a quality stands
 * for Pax, a misfortune that befell Pax is no feeling about Pax, and a thing set against "Pax
 * himself" is not Pax. Pure predicates over the extractor's context.
 */

// Unnamed people who belong to someone ("the Queen's advisors"): kinship, household and retinue nouns.
const PEOPLE = new Set(
  ("husband wife son daughter sons daughters brother brothers sister sisters mother father parents children child cousin cousins uncle " +
    "aunt nephew niece family kin men women man woman guards guard soldiers soldier servants servant advisors advisers advisor adviser " +
    "friends friend allies ally followers spies spy agents agent retainers retinue household court courtiers council councillors " +
    "people crew lover lovers suitor suitors steward apprentice apprentices students student clerk clerks secretary scribe scribes maid " +
    "maids page valet butler cook groom knights knight sailors sailor clients client patients patient messenger messengers envoy envoys " +
    "tenants tenant ward heir heirs lawyer lawyers troops army guardsmen bodyguard bodyguards henchmen men-at-arms " +
    "assistant assistants aide aides deputy deputies lieutenant lieutenants squire squires creditors creditor debtors debtor agents " +
    // offices and trades
    "chancellor treasurer magistrate officer officers physician healer priest priests chaplain confessor tutor sergeant marshal herald " +
    "jailer gaoler warden bailiff banker merchant merchants partner partners champion captain " +
    "mistress mistresses fiance fiancee fiancé fiancée bride sweetheart associate associates companion companions mentor protege pupil pupils " +
    "collector collectors girl girls boy boys lad lads lass kid kids youngest eldest firstborn courier couriers " +
    "chauffeur driver bartender boss foreman nurse porter orderly landlord landlady thug thugs bouncer doorman understudy successor predecessor " +
    "replacement neighbour neighbor admirer admirers fan fans boyfriend boyfriends girlfriend girlfriends husbands wives grandson granddaughter grandchildren stepson stepdaughter").split(" "),
);
// "the Queen's chamberlain", "Corvin's quartermaster", "the Captain's boatswain"-like office and trade words.
const PERSON_SUFFIXES = ["master", "keeper", "man", "men", "woman", "women", "lain", "smith", "wright", "herd", "monger", "swain", "reeve"];
export const isPersonNoun = (w: string): boolean => PEOPLE.has(w) || (w.length >= 6 && PERSON_SUFFIXES.some((s) => w.endsWith(s)));
const MISFORTUNE = new Set(["death", "passing", "funeral", "grave", "murder", "disappearance", "illness", "injury", "injuries", "wounds", "loss", "absence"]);

/** "shaken by Tomas's death": a misfortune that befell someone is no feeling about them. */
export const isMisfortune = (ctx: Ctx, m: Ctx["mentions"][number]): boolean => m.possessive && MISFORTUNE.has(ctx.tokens[m.end]?.norm ?? "");


/** "the Queen's advisors", "Quill's new clerk", "Tomas's father": a possessive that owns a person (named after it or not). */
export function ownsPerson(ctx: Ctx, m: Ctx["mentions"][number]): boolean {
  return m.possessive && ctx.tokens.slice(m.end, m.end + 3).some((x) => isPersonNoun(x.norm));
}

export const ownsUnnamedPerson = (ctx: Ctx, m: Ctx["mentions"][number]): boolean =>
  ownsPerson(ctx, m) && !ctx.mentions.some((x) => x.start > m.start && x.start <= m.end + 3 && namesThePerson(ctx, m.end, x.start));

/** "Tomas's sister Corvin", "the Queen's advisor, Brother Mirren": the name right after the person noun (not "…'s courier, respects the Queen"). */
const namesThePerson = (ctx: Ctx, from: number, at: number): boolean =>
  ctx.tokens.slice(from, at).every((t, k, all) => !t.punct || (t.text === "," && k === all.length - 1));

const PERSON = new Set(["man", "woman", "person", "lady", "fellow"]);

/** "… but against the Queen herself …", "of the man himself": later in the sentence, the person as such. */
export function contrastsThePerson(ctx: Ctx, from: number): boolean {
  for (let j = from; j < ctx.tokens.length - 1; j++) {
    const t = ctx.tokens[j];
    if (t.punct && t.text !== "," && t.text !== ";" && t.text !== "—" && t.text !== "–") return false;
    if (INTENSIVES.has(ctx.tokens[j + 1].norm) && (ctx.mentionAt[j] >= 0 || PERSON.has(t.norm))) return true;
    // "distrusts Tomas's new app, not Tomas": the person named after ", not".
    if (t.norm === "not" && ctx.tokens[j - 1]?.text === "," && ctx.mentionAt[j + 1] >= 0) return true;
    // "despises Mirren's sermons but respects the man": the person himself, named by a plain noun at the clause's end.
    // ("…, but he respects the old man": one adjective may stand before the noun.)
    const noun = PERSON.has(ctx.tokens[j + 1].norm) ? j + 1 : PERSON.has(ctx.tokens[j + 2]?.norm ?? "") && !ctx.tokens[j + 1].punct ? j + 2 : -1;
    if (t.norm === "the" && noun > 0 && (ctx.tokens[noun + 1] === undefined || ctx.tokens[noun + 1].punct || ctx.tokens[noun + 1].norm === "for") && ctx.tokens.slice(from, j).some((w) => w.norm === "but" || w.norm === "yet")) return true;
  }
  return false;
}
