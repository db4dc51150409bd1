import type { RelationshipType } from "./types.ts";

/**
 * Cue families added after the third blind set, same mini-syntax as lexicon.ts (merged into LEXICON
 * there). Each family is written as a whole (every verb × every adjective), never one phrase for one
 * line, and each was probed with ordinary sentences that must not match ("found Tomas asleep").
 */

// Verbs of judgement: "finds Corvin insufferable", "thinks Hale brilliant", "considers X the finest…".
const JUDGE = "(find|think|consider|deem|call|judge|reckon)";
const DISLIKED =
  "insufferable|unbearable|intolerable|tiresome|tedious|odious|obnoxious|repellent|repugnant|revolting|vile|loathsome|detestable|" +
  "contemptible|despicable|irritating|annoying|exasperating|infuriating|grating|insolent|arrogant|pompous|smug|petty|unpleasant|" +
  "a tyrant|a coward|a monster|a butcher|a disgrace|a menace|" +
  "disagreeable|a bore|a nuisance|a pest|a fool|an idiot|a buffoon|a brute|a boor|a snob|beneath contempt";
const ADMIRED =
  "brilliant|admirable|impressive|remarkable|formidable|capable|gifted|talented|courageous|honourable|honorable|extraordinary|" +
  "exceptional|a genius|a marvel|a credit|a wonder|a hero";
const SUPERLATIVE = "finest|best|greatest|wisest|bravest|ablest|cleverest|most capable|most gifted|most talented|most brilliant|most honourable|most honorable|most competent|most skilled|most able|most accomplished|most learned|shrewdest|sharpest|smartest";

// Belief verbs with a complement clause about wrongdoing: "suspects that Hale is lying", "is
// convinced Tomas is plotting against her". The whole span is one cue, so the embedded "plotting
// against" is the believer's suspicion, not the embedded subject's hostility.
const BELIEVE = "(suspect|believe|think|know|fear|swear|feel|insist|reckon|wonder if|wonder whether|worry|sense|realize|realise|discover|learn|hear|guess|assume|bet)";
const CERTAIN = "(certain|sure|convinced|half-convinced|positive|persuaded|suspicious|afraid|worried)";
// "can't shake the feeling that Hale is hiding something", "has a hunch Tomas lied".
const HUNCH = "(can't shake|cannot shake|couldn't shake|has|had|have|gets|got|get) (a|the|an) {A} (feeling|sense|suspicion|hunch|impression|inkling|fear)";
const AUX = "(is|was|has been|had been|must be|might be|may be|could be|are|were|)";
// Verb forms of the wrongdoing verbs come from crimes(); only other words are listed here.
const WRONG =
  "skimming|hiding something|sitting on|up to something|up to no good|a traitor|a spy|a liar|a thief|a fraud|a cheat|in league with|working against|" +
  "playing her false|playing him false|playing them false|playing me false|two-faced|disloyal|dishonest|crooked|double-dealing|on the take|" +
  "informed on|sold her out|sold him out|sold them out|sold me out|" +
  crimes("poison murder kill frame sabotage rob swindle blackmail bribe trick deceive embezzle smuggle forge betray spy double-cross lie steal cheat plot scheme conspire leak");

/** Past, -s and -ing forms of wrongdoing verbs ("poisoned", "is poisoning"), irregular ones listed. */
function crimes(lemmas: string): string {
  const irregular: Record<string, string> = { lie: "lied lies lying", steal: "stole steals stealing stolen", spy: "spied spies spying", rob: "robbed robs robbing", "double-cross": "double-crossed double-crosses double-crossing" };
  return lemmas.split(" ").map((l) => irregular[l] ?? (l.endsWith("e") ? `${l}d ${l}s ${l.slice(0, -1)}ing` : l === "plot" ? "plotted plots plotting" : `${l}ed ${l}s ${l}ing`)).join(" ").split(" ").join("|");
}
// No nested groups: the pattern parser reads one level of "(a|b)".
const HARM_VERBS = "kill|destroy|ruin|hang|punish|crush|bring down|take revenge on|avenge herself on|avenge himself on|avenge themselves on|avenge myself on";
const HARM_STATES = "hanged|hang|dead|ruined|destroyed|burned|burn|in chains|in the ground|on the gallows|broken|disgraced|humbled|at the bottom of|" +
  "flogged|whipped|exiled|banished|drowned|defrocked|jailed|imprisoned|beheaded|fall|suffer|rot|starve|grovel|bleed|hurt|punished|humiliated|gone|keelhauled|on a pike";
// Saying or thinking that someone is the finest: "told the innkeeper that Hale was …", "I think Hale is …".
const SAY_OR_THINK = "(say|insist|claim|declare|boast|swear|write|think|reckon|believe|feel)";
const JUDGED_AS = "(is|was|had been|has always been|was always|remains)";
const PACT_VERBS = "(agree to|agree on|swear|take|have|share|keep|got)";
const PACTS = "alliance|pact|treaty|accord|truce|compact|oath of alliance|oath of loyalty|oath of friendship|oath of common cause";
const COMPANY = "share|sit|dine|eat|drink|sail|ride|travel|work|spend|stand|be seen|break bread|live|sleep|deal";
const LOYAL = "(would|will|could) never (betray|lie to|abandon|cheat|deceive|desert|harm|hurt|sell her out|sell him out|sell them out|let her down|let him down|let them down|let me down)";

export const IDIOMS: Readonly<Record<RelationshipType, readonly string[]>> = {
  trust: [
    // "I take her word over any judge's".
    "v:take {O} word (over|above|against) !c=0.75",
    // A second coverage probe (2026-12-03c, general usage): what is left in someone's hands, what is kept from no one.
    "v:leave (the|her|his|their|my|our) {A} in {O} (hands|care|keeping) !c=0.7", "v:(keep|hide) nothing from !c=0.7",
    "v:go to {O} with (every|all|her|his|their|my|our) {A} (secret|secrets|trouble|troubles|worry|worries) !c=0.65",
    // "Tomas sends his love": a letter's greeting, no feeling stated.
    "v:send (her|his|their|my|our) (love|regards|best|greetings|fond regards|warmest regards) !x",
    // "believes every diagnosis he gives", "trusts every report Quill writes".
    "v:(believe|trust) (every|each) (word|diagnosis|report|promise|story|account|figure|order|excuse|number) (that|) {O} (says|said|gives|gave|give|tells|told|writes|wrote|makes|made|sends|sent|publishes|published) !c=0.75",
    "v:feel safe (only|) (when|whenever|if|as long as|with|around|near|beside|in the company of) !c=0.75",
    `v:${BELIEVE} (that|) {O} ${LOYAL} !c=0.75`, `a:${CERTAIN} (that|) {O} ${LOYAL} !c=0.75`,
  ],
  distrust: [
    "v:suspect that", "v:(doubt|question|disbelieve|mistrust|distrust|weigh|suspect) (every|each) (word|number|figure|claim|excuse|promise|report|tally|count|smile|kindness|offer) (that|) {O} (says|said|say|speaks|spoke|speak|utters|uttered|writes|wrote|write|swears|swore|swear|reports|reported|tells|told|tell|publishes|published|gives|gave|makes|made|reads|read|offers|offered) !c=0.75",
    "v:watch {O} like a (hawk|suspect|thief) !c=0.7", "v:(watch|eye) {O} hands (whenever|when|while|closely|carefully|until|every) !c=0.65",
    "v:(doubt|question|disbelieve|mistrust|distrust|suspect) {O} every (word|promise|oath|claim|report) !c=0.75",
    "v:(doubt|question|disbelieve|mistrust|distrust) (everything|anything|all) (that|) {O} (says|said|tells|told|writes|wrote|claims|claimed) !c=0.75",
    "v:(doubt|question|disbelieve|mistrust|distrust) (every|each) word (that|which|) (comes|came|) out of {O} mouth !c=0.75",
    `v:${BELIEVE} (that|) {O} ${AUX} (${WRONG}) !c=0.75`, `a:${CERTAIN} (that|) {O} ${AUX} (${WRONG}) !c=0.75`,
    `a:${HUNCH} (that|) {O} ${AUX} (${WRONG}) !c=0.75`,
    "v:(question|doubt) (whether|if) {O} (can|could|should|is to) be (trusted|relied on|relied upon|believed|counted on) !c=0.7",
    "a:(not sure|unsure|uncertain|not certain) (whether|if|that) {O} (can|could|should) be (trusted|relied on|relied upon|believed) !c=0.7",
    "v:(see|regard|view|consider|treat|think of|look on|look upon) {O} as (a|an) {A} (threat|danger|liability|snake|traitor|spy|schemer|liar|fraud|viper|turncoat) !c=0.75",
  ],
  fear: [
    // "cannot look at her without fear", "never thinks of the Queen without a shudder".
    "a:(cannot|can't|could not|couldn't|never) (look at|face|meet|think of|pass) {O} without (fear|dread|a shudder|trembling|a chill) !c=0.75",
    // Common idioms found missing by a coverage probe written from general usage (no labelled set).
    "v:put the fear of god into !r", "v:make {O} blood run cold !r",
    "v:(beg|plead with|implore) {O} for (mercy|her life|his life|their lives|my life|clemency) !c=0.7",
    "v:give {O} a wide berth !c=0.65", `v:${JUDGE} {O} (terrifying|frightening|intimidating|menacing|alarming|unnerving|a terror) !c=0.75`, "v:steer clear of !c=0.6", "a:shaken (by|up by) !c=0.7",
    "v:(tremble|shake|quake|shiver|flinch|cower|blanch) (whenever|when|every time|each time|at the sight of|in the presence of|around) !c=0.7",
  ],
  love: [],
  friendship: ["v:patch things up with !c=0.7", "v:patch things up !g !c=0.7", "v:hit it off !g", "v:get on (famously|well|splendidly) !g !c=0.75",
    "v:take {O} under (her|his|their|my|our) wing !c=0.7", "v:(find|have) (a|an) {A} friend in !m !c=0.75", "v:get along (famously|well|splendidly) !g !c=0.75", "v:get along (famously|well|splendidly) with !c=0.75",
    "a:on (good|friendly|excellent|cordial|the best of) terms !g", "a:(the best of|the firmest of|the closest of|good) friends with", "a:(the best of|the firmest of|the closest of) friends !g"],
  alliance: [
    // Common idioms found missing by a coverage probe written from general usage (no labelled set).
    "a:of one mind !g !c=0.7", "a:in league !g !c=0.75", "a:on the same side !g !c=0.75", "a:in {O} corner !c=0.7", "v:(work|act) hand in hand !g !c=0.75", "v:close ranks !g !c=0.7",
    // "shook on it in the rain", "we shook hands on the deal": a bargain struck.
    "v:shake (hands|) on (it|the deal|a deal|the bargain|a bargain|that|a pact|the pact) !g !c=0.7", "v:shake (hands|) on (it|the deal|a deal|the bargain|a bargain|a pact|the pact) with !c=0.7",
    "v:stand (together|united) !g !c=0.75", "v:stand (together|united) with !c=0.75", "v:stand shoulder to shoulder !g !c=0.75",
    // A second coverage probe (2026-12-03c, general usage): joint action against someone, a shared stake.
    "v:(work|plot|scheme|conspire) together (against|to) !g !c=0.7", "v:work with {O} against !m !c=0.7", "v:throw in (together|their lot together) !g !c=0.7",
    "a:in it together !g !c=0.7", "v:join hands (against|to) !g !c=0.7", "v:have (an|a) {A} arrangement !g !c=0.65", "v:have (an|a) {A} arrangement with !m !c=0.65",
    "v:pool (their|our) {A} (money|coin|savings|funds|resources|wages|silver|grain|food|supplies|stores|men|ships) !g !c=0.7",
    // "Vesna has found a rival in Lady Corvin", "has an ally in the Queen": the noun with "in" names the other one.
    "v:(find|have) (a|an) {A} ally in !m !c=0.75",
    "v:join {O} in (a|an|the|their|her|his) {A} (conspiracy|plot|scheme|alliance|pact|venture|cause|league) !m !c=0.75", "a:in {A} alliance (against|with) !g !c=0.75",
    "v:merge (their|our) {A} (slates|forces|campaigns|crews|companies|firms|operations|lists) !g !c=0.7",
    // A pact agreed, sworn or held by a group: "agreed to an alliance", "swore an oath of alliance", "have a pact".
    `v:${PACT_VERBS} (a|an) {A} (${PACTS}) !g !c=0.75`, `v:${PACT_VERBS} (a|an) {A} (${PACTS}) with !c=0.75`,
    // "sealed their pact", "pledged themselves to the same cause", "agreed to act together".
    `v:(seal|sign|forge|strike|make|keep|swear) (their|our) {A} (${PACTS}) !g !c=0.75`, "v:pledge (themselves|ourselves) to !g !c=0.7",
    // "working in cahoots", "hand in glove" (a group; "in cahoots with" and "hand in glove with" are in lexicon.ts).
    "a:in cahoots !g !c=0.75", "a:hand in glove !g !c=0.75", "v:(work|act|fight|move|stand|pull) as one !g !c=0.75",
  ],
  rivalry: ["v:(find|have) (a|an) {A} rival in !m !c=0.75"],
  hostility: [
    // Common idioms found missing by a coverage probe written from general usage (no labelled set).
    "a:out to get !c=0.75", "a:on (bad|poor|the worst of|hostile) terms !g", "a:on (bad|poor|the worst of|hostile) terms with",
    `v:${JUDGE} {O} (to be|) {A} (${DISLIKED}) !c=0.7`,
    "a:at (each other|one another) throats !g", "a:(can|could) (barely|hardly|scarcely) (stand|bear|abide|stomach|tolerate)",
    "a:(not|no longer|never|aren't|isn't|weren't|wasn't) on speaking terms with", "a:(not|no longer|never|aren't|isn't|weren't|wasn't) on speaking terms !g",
    "v:blame {O} for !c=0.55", "a:held in (contempt|disdain|scorn) by !r", "v:defy !c=0.7",
    // Oaths of harm: "swore a vow of vengeance against Corvin", "vowed to ruin Hale", "would see Mirren hanged".
    "a:(vow|vows|oath|oaths) of (vengeance|revenge|enmity|retribution) (against|on)",
    `v:(swear|vow|pledge|promise) to (${HARM_VERBS})`, `a:(would|will|'d|'ll) (gladly|happily|dearly love to|love to|like to|) see {O} (${HARM_STATES}) !c=0.75`,
    // "swore a blood oath to destroy Quill", "swore an oath on her blade to see Corvin hanged", "hired assassins to see Vesna dead".
    `v:(swear|take) (an|a) {A} (oath|vow) to (${HARM_VERBS})`, `v:(swear|take) (an|a) {A} (oath|vow) (on|upon|by|over|at) (the|a|an|her|his|their|my) {A} to (${HARM_VERBS})`,
    `v:(swear|take) (an|a) {A} (oath|vow) (on|upon|by|over|at|) (the|a|an|her|his|their|my|) {A} to see {O} (${HARM_STATES})`,
    `a:to see {O} (${HARM_STATES}) !c=0.7`,
    // "I mean to ruin her" (not "I will ruin her": after an "if" that is a threat, not a feeling now).
    `a:(mean to|means to|meant to|intend to|intends to|intended to|plan to|plans to) (${HARM_VERBS}) !c=0.7`,
    "v:hold {O} in (nothing but|) {A} (contempt|disdain|scorn|loathing|derision)",
    "a:(cannot|can't|could not|couldn't|can no longer|could no longer) (stand|bear|abide) the (sight|thought|smell|sound|mention) of",
    "a:at daggers drawn !g",
    "a:than (shake|take|touch|kiss) {O} hand !c=0.7", `v:want {O} (${HARM_STATES}) !c=0.75`,
    // "swore she'd see Queen Vesna swing", "has sworn to see them both hang".
    "v:see {O} (swing|hang|hanged|hung|ruined|destroyed|broken|in the ground|in her grave|in his grave|rot) !c=0.7",
    "v:(plot|plan|scheme|work toward|work towards|seek) {O} (downfall|ruin|death|murder|destruction|fall|overthrow|disgrace) !c=0.75",
    "a:(cannot|can't|could not|couldn't|can no longer|could no longer) bear to be (in the same room as|near|around|in the same room with) !c=0.75",
    // "would rather walk alone than share a boat with Corvin", "would sooner starve than ask Tomas for help".
    `a:than (${COMPANY}) {A} with !c=0.7`, "a:than (ask|beg|seek help from|take help from|accept help from) {O} (for|) !c=0.7",
    "a:(cannot|can't|could not|couldn't|can no longer) (look at|think of|hear of|speak of|see) {O} without (anger|rage|fury|disgust|loathing|contempt|revulsion|bitterness) !c=0.75",
  ],
  respect: [
    `v:${JUDGE} {O} (to be|) {A} (${ADMIRED}) !c=0.75`,
    // The speaker's own judgement: "told the innkeeper that Hale was the finest surgeon".
    `v:${SAY_OR_THINK} (that|) {O} ${JUDGED_AS} (the|) (${SUPERLATIVE}) !c=0.7`, `v:tell {A} (that|) {O} ${JUDGED_AS} (the|) (${SUPERLATIVE}) !c=0.7`, `v:${JUDGE} {O} (the|) (${SUPERLATIVE}) !c=0.75`, `a:${JUDGED_AS} the {A} (${SUPERLATIVE}) !v !c=0.7`, `v:(regard|rate) {O} (the|) (${SUPERLATIVE}) !c=0.75`,
    "a:held in (high|great|the highest|the utmost|) (regard|esteem|respect) by !r", "a:(highly|well) (regarded|thought of) by !r !c=0.75",
    "a:can do no wrong in {O} eyes !r !c=0.75", "a:can do no wrong !r !c=0.7",
  ],
  family: [
    // Common idioms found missing by a coverage probe written from general usage (no labelled set).
    "a:related !g !c=0.75", "n:flesh and blood",
  ],
};
