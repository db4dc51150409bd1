import type { RelationshipType } from "./types.ts";

/**
 * Cue families added after the fifth blind set, same mini-syntax as lexicon.ts (merged into LEXICON
 * there). Written per type from a thesaurus pass over everyday expressions; each family was probed
 * with ordinary sentences that must not match ("told Tomas everything was ready", "fears for Sera's
 * safety", "proposed to the council"). !x = matched but means no feeling; !e = only at a phrase end.
 */

// "is terrified that Brannock will expose her": fear of what someone will do to the holder.
const AFRAID = "(afraid|terrified|scared|frightened|petrified|fearful)";
const MODAL = "(will|would|might|could|may|means to|intends to|is going to|plans to|wants to)";
const HARM =
  "(harm|hurt|kill|expose|ruin|destroy|punish|attack|strike|denounce|turn on|come for|hunt|crush|silence|take revenge|have her killed|have him killed)";
// Untrustworthy / trustworthy judgements: "finds Tomas shifty", "considers Mirren a liar and a thief".
const JUDGE = "(find|think|consider|deem|judge|reckon|brand|know)";
const SHIFTY =
  "shifty|untrustworthy|unreliable|dishonest|deceitful|treacherous|sly|slippery|two-faced|crooked|duplicitous|devious|underhanded|" +
  "a liar|a thief|a cheat|a fraud|a crook|a swindler|a charlatan|a con man|a trickster|a backstabber|a traitor|a snake|a viper|a schemer|a turncoat|a spy|a double-dealer";
const RELIABLE = "trustworthy|reliable|dependable|honest|true to her word|true to his word|as good as her word|as good as his word|a woman of her word|a man of his word";

export const FAMILIES: Readonly<Record<RelationshipType, readonly string[]>> = {
  trust: [
    "p:trust {A} between !c=0.75",
    "v:take {O} at face value !c=0.75", "v:take {O} word for it !c=0.75", "v:tell {O} everything !e !c=0.7",
    "v:tell {O} all (her|his|their|my) secrets", "v:(have|keep) no secrets from", "v:buy {O} (story|stories|act|excuse|excuses|explanation|account|lies) !c=0.65", "v:buy (a|one|a single) word of {O} (story|stories|alibi|excuse|excuses|explanation|account|tale|version|testimony|promises) !c=0.65",
    `v:${JUDGE} {O} (to be|) {A} (${RELIABLE}) !c=0.75`, "a:at ease (with|around|in the company of) !c=0.6",
    "n:confessor !pb !c=0.75",
  ],
  distrust: [
    // "My trust in Hale has worn thin", "her faith in Tomas had crumbled": a trust that wore away.
    "p:(trust|faith|confidence) in {O} (has|had|have|is|was|) (worn|wore|grown|grew|gone|run|ran|wearing) (thin|threadbare|cold) !c=0.75",
    "p:(trust|faith|confidence) in {O} (has|had|have|) (eroded|crumbled|faded|frayed|evaporated|shattered|died|collapsed|vanished) !c=0.75",
    "v:take nothing {O} at face value !c=0.75", "v:hold {O} in (the|) {A} (suspicion|distrust|mistrust) !c=0.75", "p:(distrust|mistrust|suspicion) {A} between !c=0.75", "v:take {O} with a {A} (grain|pinch) of salt !c=0.75",
    "v:keep (a|an) {A} (wary|watchful|suspicious|careful|cautious|beady|close|sharp) (eye|watch) on !c=0.7",
    "v:keep (her|his|their|my) distance from !w", `v:${JUDGE} {O} (to be|) {A} (${SHIFTY}) !c=0.75`,
    // "called me a thief today": an insult in the heat of a quarrel, not always a settled judgement.
    `v:call {O} {A} (${SHIFTY}) !c=0.55`,
    "v:(brand|label|see|regard|view) {O} as (a|an) {A} (liar|thief|cheat|fraud|crook|traitor|snake|schemer|turncoat|backstabber) !c=0.75",
    "a:(wouldn't|would not|doesn't|does not|didn't|did not|won't) put (it|anything) past", "v:half-expect {O} to (betray|lie|cheat|deceive|double-cross|turn on) !c=0.75",
    "v:expect {O} to (betray|double-cross|deceive|stab) !c=0.7", "a:(distrustful|suspicious|leery|wary|watchful) (around|toward|towards|about) !c=0.75",
  ],
  fear: [
    `a:${AFRAID} (that|) {O} ${MODAL} ${HARM} !c=0.75`, `v:(fear|dread) (that|) {O} ${MODAL} ${HARM} !c=0.75`,
    "a:(scared|frightened|terrified|afraid) (stiff|witless|to death|half to death|out of her wits|out of his wits|out of their wits|out of my wits) (of|by)",
    "a:(afraid|scared|terrified|too frightened) to (cross|face|defy|anger|oppose|contradict|disobey|stand up to|look at)",
    "v:(shiver|shudder|tremble|quake|flinch|blanch|cringe|wince|quail) at the (thought|mention|sight|memory|name|sound) of !c=0.75",
    "v:walk on eggshells around !c=0.65", "v:(keep|stay) out of {O} way !c=0.6", "v:break (out|) in a cold sweat (whenever|when|around|at the sight of) !c=0.7",
    "v:(scare|frighten|terrify) the {A} (daylights|life|hell|wits|devil|stuffing) out of !r",
    "a:(cowed|daunted|unnerved|rattled|spooked) by", "v:(fear|worry|tremble) (for|about) !x", "a:(afraid|worried|anxious|frightened|scared|fearful) for !x",
  ],
  love: [
    "p:(love|romance|passion) {A} between !c=0.7", "v:bear (a|an) {A} (love|tenderness|passion|devotion) (for|to|toward|towards) !c=0.75",
    "v:propose (to|marriage to) !c=0.75", "v:ask for {O} hand (in marriage|) !c=0.75", "v:ask {O} to marry (her|him|them|me) !c=0.75",
    "v:(moon|swoon|sigh) over !c=0.7", "v:make eyes at !c=0.7", "v:flirt with !c=0.6", "v:(carry|hold) a (torch|candle) for",
    "p:heart (flutters|fluttered|skips a beat|skipped a beat|leaps|leapt|melts|melted|races|raced) (whenever|when|at the sight of|around) !c=0.7",
    "p:(a|her|his|their|my) weakness for !c=0.6 !a", "n:suitor !bp !c=0.75", "n:admirer !bp !c=0.65",
  ],
  friendship: ["p:(friendship|affection|fondness|warmth|kinship of spirit) {A} between !c=0.75", "v:bear (a|an) {A} (affection|fondness|warmth|liking) (for|to|toward|towards) !c=0.75", "v:bear (a|an) {A} (affection|fondness|warmth|liking) !e !c=0.7", "v:(part|parted) (as|) friends !g !c=0.7", "v:part on good terms (with|) !c=0.65", "v:hold {O} (dear|dearer|dearest) !c=0.7"],
  alliance: [
    // "swore alliance in the marsh-war"; "the pact between Corvin and the Queen".
    "v:(swear|pledge) alliance !g !c=0.75", "v:(swear|pledge) alliance (with|to) !c=0.75", "p:(alliance|pact|treaty|accord|compact) {A} between !c=0.75",
    "v:(stand|fight|march|ride|work) (shoulder to shoulder|side by side) !g !c=0.75", "v:(stand|fight|march|ride|work) (shoulder to shoulder|side by side) with !c=0.75",
    "n:comrade-in-arms", "n:comrades-in-arms", "n:brother-in-arms", "n:brothers-in-arms", "n:sister-in-arms", "n:sisters-in-arms",
  ],
  rivalry: [
    "p:(rivalry|competition|contest) {A} between !c=0.75",
    "a:at odds !g !c=0.7", "a:at loggerheads (with|) !c=0.7", "a:at loggerheads !g !c=0.7", "a:green with envy (of|at|over)",
    "v:hate (losing|to lose) to", "a:(can't|cannot|couldn't) bear (losing|to lose) to",
  ],
  hostility: [
    // "bitter enmity has burned between the two of them", "the bad blood between Sera and Quill".
    "p:(enmity|hatred|hostility|animosity|bad blood|ill will|hate|loathing|feud) {A} between",
    "v:bear (a|an) {A} (hatred|enmity|malice|hostility|loathing|contempt|animosity) (for|to|toward|towards|against) !c=0.75",
    // "Mirren now bears him open hostility" (not "bears him no malice": no free word before the noun).
    "v:bear {O} (open|deep|bitter|great|fierce|undying|lasting|) (hatred|enmity|malice|hostility|loathing|contempt|animosity) !c=0.75",
    "v:have (her|his|their|my|) fill of !c=0.7", "a:(had|has had|have had) (quite|more than|) enough of !c=0.65", "a:sick to death of",
    "a:(tired|weary) of !w", "v:hold {O} (responsible|accountable) for !c=0.7", "v:part (as|) (enemies|foes|bitter enemies) !g", "v:part as enemies with",
    "v:part on (bad|poor|bitter|the worst of) terms (with|)", "v:give {O} the cold shoulder !c=0.7", "v:cut {O} dead !c=0.7",
    "v:turn (her|his|their|my) back on !c=0.65", "v:refuse to (speak|talk) (to|with) !c=0.7", "v:bristle (at|whenever|when|around) !c=0.65",
    "v:fume (at|over|about) !c=0.65", "v:grit (her|his|their|my) teeth (whenever|when|at|around) !c=0.6", "v:roll (her|his|their|my) eyes at !c=0.6",
    "a:(annoyed|irritated|exasperated|cross|vexed) (with|at) !c=0.6",
  ],
  respect: [
    "p:(respect|admiration|esteem) {A} between !c=0.75",
    "a:in {O} debt !c=0.65", "a:in the debt of !c=0.65", "v:owe {O} (her|his|their|my) (life|freedom|career|everything|position) !w",
    "v:(regard|see|view|consider|think of|count) {O} as (the|a|an) {A} (wisest|bravest|finest|best|greatest|ablest|cleverest|most capable|most gifted|most honourable) !c=0.75",
    `v:${JUDGE} {O} (to be|) {A} (wise|shrewd|clever|brave|fearless|principled|heroic|inspiring|skilled|masterful|astute|a born leader|a fine leader) !c=0.7`,
    "v:take a leaf out of {O} book !c=0.65", "v:(bow|defer) to {O} (judgement|judgment|wisdom|experience) !c=0.7",
  ],
  family: [],
};
