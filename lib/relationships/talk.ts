import type { Token } from "./text.ts";

/**
 * How talk is framed, token by token: hearsay ("heard that", "they say", "word is …"), a narrator's
 * refutation ("…, but she was lying"), a guess ("less sure he …"), a tag question. Read by
 * doubtScope.ts in its one pass. Split from it.
 */

/** "had heard in the market", "heard it said", "heard that …": what reached someone by hearsay, not what they saw. */
export function isHearsay(tokens: readonly Token[], i: number): boolean {
  if (tokens[i].norm !== "heard") return false;
  const prev = tokens[i - 1]?.norm ?? "", next = tokens[i + 1]?.norm ?? "";
  return prev === "had" || prev === "has" || prev === "have" || next === "that" || next === "it" || next === "tell";
}

/** "They say …", "people say", "it is said": no one in particular vouches for it. */
export function isTheySay(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i].norm, prev = tokens[i - 1]?.norm ?? "";
  return ((w === "say" || w === "said") && (prev === "they" || prev === "people" || prev === "folk")) || (w === "said" && prev === "is" && tokens[i - 2]?.norm === "it")
    // "Hale is said to fear the Captain"
    || (w === "said" && (prev === "is" || prev === "are" || prev === "was") && tokens[i + 1]?.norm === "to");
}

/** "word is …", "the word around town is …", "word has it …": talk passed on from here to the clause's end (not "his word is law"). */
export function wordIs(tokens: readonly Token[], i: number): boolean {
  if (tokens[i].norm !== "word") return false;
  const prev = tokens[i - 1];
  if (prev && !prev.punct && !["the", "and", "but", "so", "now"].includes(prev.norm)) return false;
  for (let k = i + 1; k < Math.min(tokens.length - 1, i + 6) && !tokens[k].punct; k++) {
    if ((tokens[k].norm === "is" || tokens[k].norm === "was") && (k === i + 1 || WORD_PLACE.has(tokens[i + 1].norm))) return true;
    if (tokens[k].norm === "has" && tokens[k + 1].norm === "it") return true;
  }
  return false;
}
/** "I am less sure he admires me", "not sure she trusts him": what follows is a guess. */
export function unsure(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]?.norm;
  return (tokens[i].norm === "sure" && (prev === "less" || prev === "not" || prev === "never" || prev === "far")) || tokens[i].norm === "unsure";
}
const WORD_PLACE = new Set(["around", "in", "on", "at", "about", "among", "along"]);



/** "…, but nobody believes it", "I have seen nothing to prove it": the narrator refutes what the sentence reports. */
const BE_PAST = new Set(["was", "were", "is", "are"]);
const LIAR = new Set(["she", "he", "they", "i", "we"]);
const TURNING = new Set(["but", "though", "although", "yet", ","]);
const REFUTE_VERB = new Set(["believe", "believes", "believed", "credit", "credits", "credited", "prove", "proves", "proved", "bear", "bears"]);
const REFUTE_SUBJECT = new Set(["nobody", "noone", "none", "nothing", "no"]);
const REFUTED_OBJECT = new Set(["it", "this", "that", "them", "a", "any", "the", "out"]);
const KNEW = new Set(["knew", "know", "knows", "saw", "tell"]);

export function isRefutation(tokens: readonly Token[], i: number, sentenceOf: (i: number) => number): boolean {
  // "…, but she was lying", "…; it was a lie" (not "thinks Okoro is lying", an accusation).
  const w = tokens[i].norm, at = (k: number): string => tokens[i - k]?.norm ?? "";
  // ("… and the whole tent knew she was lying": the narrator's knowing is a refutation too.)
  if (w === "lying" && BE_PAST.has(at(1)) && LIAR.has(at(2)) && [3, 4].some((k) => TURNING.has(at(k)) || KNEW.has(at(k)))) return true;
  if (w === "lie" && at(1) === "a" && BE_PAST.has(at(2)) && (at(3) === "it" || at(3) === "that" || at(3) === "all")) return true;
  if (!REFUTE_VERB.has(tokens[i].norm)) return false;
  const next = tokens[i + 1];
  if (next && !next.punct && !REFUTED_OBJECT.has(next.norm)) return false;
  if ((tokens[i].norm === "bear" || tokens[i].norm === "bears") && next?.norm !== "out") return false;
  for (let k = i - 1; k >= Math.max(0, i - 6) && sentenceOf(k) === sentenceOf(i) && !tokens[k].punct; k--) {
    const w = tokens[k].norm;
    if (REFUTE_SUBJECT.has(w) && (w !== "no" || tokens[k + 1]?.norm === "one")) return true;
  }
  return false;
}

/** The name starting at i ends in a possessive ("heard the Captain's confession": a thing heard, no hearsay). */
export function possessiveName(tokens: readonly Token[], named: (i: number) => string | undefined, i: number): boolean {
  let k = i;
  while (k + 1 < tokens.length && named(k + 1) === named(i)) k++;
  return tokens[k].possessive;
}

const TAG_AUX = new Set("is isn't are aren't was wasn't were weren't does doesn't do don't did didn't has hasn't have haven't would wouldn't will won't can can't could couldn't".split(" "));
const TAG_SUBJECT = new Set(["she", "he", "they", "i", "we", "you", "it"]);
/**
 * "…is terrified of the Captain, and honestly, who isn't?", "she trusts him, doesn't she?": a short
 * tag after a comma asks nothing of the statement before it.
 */
export function isTagQuestion(tokens: readonly Token[], q: number, sentenceOf: (i: number) => number): boolean {
  const comma = tokens[q - 2]?.text === "," ? q - 2 : tokens[q - 3]?.text === "," ? q - 3 : -1;
  if (comma < 2 || sentenceOf(comma - 2) !== sentenceOf(q)) return false;
  const tag = tokens.slice(comma + 1, q).map((t) => t.norm);
  if (tag.length === 1) return tag[0] === "right" || tag[0] === "eh";
  return (tag[0] === "who" && TAG_AUX.has(tag[1]) && tag[1].endsWith("n't")) || (TAG_AUX.has(tag[0]) && TAG_SUBJECT.has(tag[1]));
}
