/**
 * Closed word classes the extractor needs around a cue: pronouns, auxiliaries, negators and
 * intensifiers. Kept apart from the cue lexicon because they are grammar, not feelings.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Subject pronouns: refer to the memory's owner when no named subject is present. */
export const SUBJECT_PRONOUNS = set("he she they i");
/** Object pronouns: "him/them" never name the owner's own feelings; "me" is the owner. */
export const OBJECT_PRONOUNS = set("him her them me");
/** Possessive determiners: "her cousin Tomas". */
export const POSSESSIVE_PRONOUNS = set("her his their my");
/** Intensive pronouns after a name: "the Queen herself". */
export const INTENSIVES = set("herself himself themselves");
/** Verbs of making whose object is then called a noun: "made them allies", "left Sera and Quill partners". */
export const MAKING_VERBS = set("made make makes making left leave leaves kept keep keeps");
/** First-person words: always the owner (memories may be written in the first person). */
export const FIRST_PERSON = set("i me my myself");
/** Articles and possessive determiners: "a rival", "her trusted friend". */
export const DETERMINERS = set("a an the her his their my our");
/** Auxiliaries that stand for a whole predicate: "…, and so does Brannock", "Quill does too". */
export const ELLIPSIS_AUX = set("does did do is was are were has have had would can could will");

/** Verbs that make an object and a noun one thing: "Sera considers Tomas a friend". */
export const CONSIDER_VERBS = set(
  "consider considers considered regard regards regarded see sees saw seen view views viewed call calls called count counts counted " +
    "deem deems deemed think thinks thought treat treats treated name names named made make makes",
);

/** Copulas and linking verbs that let a noun describe its subject ("Tomas is Sera's cousin"). */
export const COPULAS = set("is was are were be been being am 's became become becomes remain remains remained stayed stays seem seems seemed parted as isn't aren't wasn't weren't ain't");

/**
 * Words that may sit between a subject and its cue without breaking the link: auxiliaries, modals,
 * negators, aspect verbs ("has come to trust", "learned to fear"), adverbs. Adverbs ending in -ly are
 * accepted on top of this list.
 */
export const FILLER = set(
  "is was are were be been being am since 's has have had having does do did will would could should might may must can shall not never no longer " +
    "cannot still also always now then once ever already even just only both all too really truly quite so very more most less much and " +
    "to come comes came learned learnt learn begun began begin begins start starts started grew grown grow grows become became becomes " +
    "seem seems seemed appear appears appeared feel feels felt remain remains remained stay stays stayed got get gets used stopped stop " +
    "stops ceased cease ceases quit quits refuse refuses refused continue continues continued tend tends tended a bit little somewhat " +
    "kind sort of rather bring brings brought herself himself themselves myself secretly openly , who lost lose loses any hardly barely " +
    "scarcely nor neither either honestly deep down privately publicly plainly clearly obviously evidently fairly pretty fail fails failed " +
    "going gonna wanna want wants wanted try tries tried dare dares dared least at in reason cause grounds particular " +
    // Sentence adverbs: "meanwhile she and Mirren stand together".
    "meanwhile lately nowadays afterwards besides",
);

/** Negators and change words: an odd number of them before a cue negates it. */
export const NEGATORS = set(
  "not never no cannot nor without stopped stop stops stopping ceased cease ceases quit quits lost lose loses losing hardly barely scarcely " +
    "refuse refuses refused fail fails failed neither",
);

/** Intensifiers that raise strength ("utterly despises", "old friends", "sworn enemy"). */
export const STRONG = set(
  "deeply utterly completely totally truly fiercely absolutely wholly profoundly intensely desperately madly bitterly passionately " +
    "implicitly thoroughly entirely greatly immensely enormously very really most unreservedly unconditionally blindly wholeheartedly " +
    "genuinely sincerely dearly hugely extremely terribly awfully incredibly viciously violently sworn mortal bitter old close best " +
    "dearest lifelong staunch steadfast unwavering fierce deep great implacable absolute total complete utter blind boundless " +
    "undying eternal intense passionate overwhelming devoted loyal beloved true trusted oldest closest truest dear",
);

/** Hedges that lower strength ("somewhat wary", "a little afraid"). */
export const WEAK = set(
  "somewhat slightly mildly faintly vaguely rather half grudgingly partly tad touch bit little vague faint mild slight grudging " +
    "tentatively cautiously begrudgingly kinda sorta occasionally sometimes",
);

/** Words that mark a whole family memory as a broken tie, wherever they stand in it. */
export const BROKEN_FAMILY = set("estranged estrangement disowned disown disowns disinherited disinherit disinherits feuding");

/** Words that put a family tie on the negative side when they qualify it ("wayward brother"). */
export const NEGATIVE_FAMILY = set(
  "estranged estrangement disowned disown disowns disinherited disinherit disinherits feuding feud wayward treacherous cruel abusive " +
    "neglectful wicked hated hateful despised resented resentful bitter bitterly cold distant absent abandoned abandon abandons " +
    "spiteful scheming faithless unloved unloving jealous envious quarrelling quarreling warring shunned spurned",
);

/** True when a word is an adverb we can skip over (-ly), or a listed filler word. */
export function isFiller(norm: string): boolean {
  return FILLER.has(norm) || (norm.length > 4 && norm.endsWith("ly")) || norm.endsWith("n't");
}

/** True for a negator, including every "-n't" contraction. */
export function isNegator(norm: string): boolean {
  return NEGATORS.has(norm) || norm.endsWith("n't");
}

/** Kinship nouns (a family cue, or a third person's relative). */
export const KIN = new Set([
  "mother", "father", "brother", "sister", "son", "daughter", "cousin", "aunt", "uncle", "niece", "nephew", "wife", "husband", "grandmother",
  "grandfather", "godmother", "godfather", "stepmother", "stepfather", "half-brother", "half-sister", "twin", "parent", "parents", "child", "children",
]);

// "respects her cunning", "distrusts his motives": a quality stands for the person who has it.
export const QUALITIES = new Set(
  ("cunning courage skill skills judgement judgment wisdom honesty loyalty integrity resolve nerve talent talents work craft wit " +
    "intelligence bravery kindness generosity discipline patience dedication expertise leadership counsel advice word motives " +
    "intentions ambition ambitions temper arrogance pride cruelty methods tactics competence character wrath anger rage fury " +
    "displeasure moods vengeance promises promise story excuses lies claims schemes guts company presence silence smile smiles voice " +
    "face eyes gaze name nature ways manner reach power influence friendship love honour honor sincerity reputation heart loyalties " +
    "aim hands eye instincts mind grace taste gift gifts knack devotion faith diligence resourcefulness strength stamina steadiness " +
    "politics alibi account accounts report reports figures orders testimony diagnosis scholarship learning discretion ruthlessness sense grit pluck mettle spine backbone spirit answer answers statement statements").split(" "),
);

/** "until" / "till": a feeling with an end ("trusted Tomas until the envoy came"). */
export const UNTIL = set("until till");

/** Prepositions that link a feeling to its object ("fear of", "trust in", "feud with"). */
export const LINK_PREPOSITIONS = set("with against of for toward towards in on to");

/** Words that end an object phrase: a relative or a comparison ("fears Pax, who …", "trusts Hale more than Pax"). */
export const OBJECT_STOP = set("who that which than unlike except like whom whose");

/** Coordinating conjunctions ("mocked Quill's gown, and Quill hates her": a new clause may start after one). */
export const COORDINATING = set("and but or yet nor");

/** "would have married him", "might have trusted her": what would have been, and was not. */
export const COUNTERFACTUAL_MODALS = set("would might could should");

/** "Should the Queen fall, …", "Were Pax to return, …", "Had Odile known, …": a conditional without "if". */
export const INVERTED_CONDITIONAL = set("should were had");
