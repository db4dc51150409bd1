/**
 * Text analysis of the keyword side of recall: lowercase words of any script, stop words out,
 * irregular verb forms to their base ("hid" → hide, "swore" → swear, "sold" → sell), then a light
 * suffix stemmer shared by documents and queries ("promised"/"promises"/"promise" → promis).
 * Queries may also be widened with a small story thesaurus (hide ~ bury ~ stash, owe ~ debt ~
 * borrow, ...): the offline embedder only sees letters, so "what I hid" never meets "buried".
 */

const STOP = new Set(
  ("a an the and or but if then so of to in on at by for with from into onto over under up down out off about as is are was were be been being am " +
    "i me my mine myself you your yours he him his himself she her hers herself it its itself we us our ours they them their theirs " +
    "this that these those there here what which who whom whose when where why how all any each some no not only own same too very " +
    "can could will would shall should may might must do does did doing done have has had having just still again now also than " +
    "go goes going went gone back get gets got let lets make made ask asks asked tell tells told say says said one ever")
    .split(" "),
);

/** Irregular past forms and participles → base verb (general English, not story-specific). */
const IRREGULAR: Record<string, string> = Object.fromEntries(
  (
    "hid:hide hidden:hide swore:swear sworn:swear took:take taken:take gave:give given:give broke:break broken:break bought:buy " +
    "brought:bring caught:catch fought:fight found:find left:leave lent:lend lost:lose met:meet paid:pay saw:see seen:see sold:sell " +
    "sent:send sewn:sew spoke:speak spoken:speak stole:steal stolen:steal struck:strike thought:think threw:throw thrown:throw " +
    "wore:wear worn:wear won:win wrote:write written:write bit:bite bitten:bite bled:bleed kept:keep knew:know known:know led:lead " +
    "hung:hang ran:run rode:ride ridden:ride sat:sit slept:sleep stood:stand tore:tear torn:tear woke:wake came:come became:become " +
    "began:begin begun:begin drew:draw drawn:draw drank:drink drunk:drink drove:drive driven:drive ate:eat eaten:eat fell:fall " +
    "fallen:fall felt:feel fled:flee flew:fly flown:fly forgot:forget forgotten:forget froze:freeze frozen:freeze grew:grow " +
    "grown:grow heard:hear held:hold lain:lie lit:light meant:mean rose:rise risen:rise shook:shake shaken:shake shot:shoot " +
    "spent:spend stuck:stick stung:sting swept:sweep taught:teach understood:understand wept:weep built:build dealt:deal dug:dig " +
    "fed:feed forgave:forgive forgiven:forgive knelt:kneel laid:lay sank:sink sunk:sink sought:seek spat:spit sprang:spring " +
    "strode:stride swung:swing wove:weave woven:weave withdrew:withdraw bound:bind ground:grind slain:slay slew:slay " +
    "men:man women:woman children:child feet:foot teeth:tooth mice:mouse geese:goose wolves:wolf knives:knife lives:life wives:wife"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** Light suffix stemming; documents and queries go through the same function, so only consistency matters. */
export function stemTerm(word: string): string {
  let w = IRREGULAR[word] ?? word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith("ied")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith("es")) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // "stopped" → "stopp" → "stop"; "hiding" → "hid", "hide" → "hid".
  if (w.length > 3 && /([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("y")) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Words of a text in order (lowercase, NFKC, letters and digits of any script). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/['’]s\b/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The index terms of a text: stop words out, stemmed. Used for documents and queries alike. */
export function indexTerms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP.has(w) && (w.length > 1 || /\p{N}/u.test(w) || !/^[a-z]$/.test(w)))
    .map(stemTerm);
}

/**
 * Groups of words a story uses for the same thing. A query term of a group also asks for the
 * group's other terms at a lower weight. General story vocabulary, kept small and visible; the
 * recall benchmark's report says it was written after its references (docs/memory.md).
 */
const THESAURUS: string[][] = [
  ["hide", "hid", "hidden", "bury", "stash", "conceal", "cache", "tuck"],
  ["promise", "swear", "vow", "oath", "pledge", "word"],
  ["owe", "debt", "borrow", "lend", "loan", "repay", "credit", "settle"],
  ["secret", "confide", "confidence", "whisper", "admit", "confess"],
  ["wound", "injury", "injure", "hurt", "cut", "scar", "bruise", "break", "crack", "bleed", "ache", "pain"],
  ["name", "call", "alias", "introduce"],
  ["coin", "silver", "gold", "crown", "money", "purse", "pay", "wage"],
  ["hand", "palm", "finger"],
  ["side", "rib", "flank"],
  ["arm", "shoulder"],
  ["leg", "ankle", "knee", "foot"],
  ["paper", "pass", "document", "permit", "letter"],
  ["map", "chart"],
  ["horse", "mare", "mount", "steed", "pony"],
  ["boat", "skiff", "ship", "barge"],
  ["steal", "take", "theft", "rob"],
  ["see", "saw", "witness", "watch"],
  ["fall", "tumble", "trip"],
  ["kill", "murder", "drown", "slay"],
  ["fear", "afraid", "scare", "dread"],
];

const RELATED = new Map<string, string[]>();
for (const group of THESAURUS) {
  const stems = [...new Set(group.map(stemTerm))];
  for (const s of stems) RELATED.set(s, [...new Set([...(RELATED.get(s) ?? []), ...stems.filter((o) => o !== s)])]);
}

/** Stems the thesaurus relates to this stem (empty when none). */
export function relatedTerms(stem: string): readonly string[] {
  return RELATED.get(stem) ?? [];
}
