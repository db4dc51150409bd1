import { FAMILIES } from "./lexiconFamilies.ts";
import { IDIOMS } from "./lexiconIdioms.ts";
import type { RelationshipType } from "./types.ts";

// "regards Tomas with suspicion", "looks upon Corvin with utter contempt": a gaze verb, the object,
// then "with" + an emotion noun. Generated per type so every gaze verb gets every emotion.
const GAZE = "(regard|view|eye|treat|watch|see|greet|look at|look upon|look on|stare at|gaze at|gaze upon|glance at|speak of|think of|listen to|hear|receive|answer|address)";
const gaze = (nouns: string): string => `v:${GAZE} {O} with {A} (${nouns})`;
// "has earned the respect of Brannock", "won the trust of the Queen": whoever is after "of" holds it.
const won = (nouns: string): string => `v:(earn|win|gain|command|enjoy|keep|retain|have|deserve|secure) the {A} (${nouns}) of !r`;
// Bodily fear: "Sera's hands shake whenever Corvin speaks", "his knees tremble around Hale".
const BODY_FEAR = "p:(hands|hand|knees|voice|legs) (shake|shakes|shook|tremble|trembles|trembled|quiver|quivers|quivered|go weak|went weak) (whenever|around|near|in front of|at the sight of)";

// "share a grudging esteem", "share a deep distrust of each other": a feeling both hold ("share a hatred of the guild" is about something else).
const shared = (nouns: string): string[] => [
  `v:share (a|an|) {A} (${nouns}) !g`, `v:share (a|an|) {A} (${nouns}) (of|for|toward|towards) each other !g`, `v:share (a|an|) {A} (${nouns}) (of|for|toward|towards|with) !x`,
];

/**
 * The cue lexicon, one list per type, written from thesauri and ordinary usage before the datasets;
 * a few constructions (gaze + "with contempt", causative "makes X tremble", bare group verbs) were
 * added after held-out misses. Mini-syntax (compiled by cueGraph.ts):
 *
 *   v:rely (on|upon)     verb — the first word is inflected (relies, relied, relying); "(a|b|)" alternates
 *   a:wary of            literal predicate (adjective / fixed phrase), holder = subject
 *   p:fear of            noun phrase — holder may be a possessive ("Sera's fear of Tomas")
 *   n:friend             relational noun — plural generated; links the two people it names
 *   {O}                  slot for the object ("hold {O} in high regard")
 *   {A}                  zero to two free modifier words ("with {A} contempt": "with utter contempt")
 *
 * Flags after the pattern: !r reverse (the object holds the feeling: "Tomas frightens Sera"),
 * !h holder follows the preposition ("the trust of Tomas"), !pb / !bp directed noun (possessor→bearer:
 * "Sera's mentor Hale" = sera respects hale; bearer→possessor: protégé), !d directed (a noun that is not
 * mutual, e.g. confidant), !w weak cue (confidence 0.55), !c=0.7 explicit confidence, !s=0.8 base
 * strength, !g only with a group subject ("Sera and Tomas fell out"), !m a predicate that binds both ways ("betrothed to"), !neg=type what the cue means when negated ("doesn't like" → hostility) instead of the
 * type-level opposite, !v the judgement of a quotation's speaker about its subject ('"Quill is the finest advocate," Vesna said').
 * Nouns are mutual unless flagged: "Tomas is Sera's friend" links both ways.
 */
const BASE: Readonly<Record<RelationshipType, readonly string[]>> = {
  trust: [
    // "Tomas & Brannock — mutual respect", "share a mutual distrust": a feeling both hold.
    "n:mutual trust !g", "v:share (a|an|) {A} (trust|faith) in each other !g", "v:share (a|an|) {A} (trust|faith) in !x",
    won("trust|confidence|faith"), "v:(put|place|trust) (her|his|their|my) life in {O} hands", "v:turn to {O} for (help|advice|counsel|comfort|guidance) !c=0.65",
    "v:give {O} the benefit of the doubt !w", "a:(sure|certain) of {O} (loyalty|honesty|good faith) !c=0.7", "v:trust in",
    "v:trust", "v:rely (on|upon)", "v:count (on|upon)", "v:depend (on|upon)", "v:believe in !c=0.7", "v:believe {O} (account|story|version|testimony|report|explanation|tale|promise|promises|oath) !c=0.7", "v:believe {O} (when|whenever|over|above|before|without|implicitly|completely|absolutely|entirely) !c=0.7", "v:believe !c=0.55", "v:believe (a word|anything|everything|every word) {O} (says|said|tells|told)", "v:confide in",
    "v:have (complete|total|full|absolute|great|every|) (faith|confidence|trust) in", "v:(put|place|repose) (her|his|their|my|our|) (faith|trust|confidence) in",
    "v:lean on !c=0.7", "v:(rely|depend) !c=0.7", "v:confide !c=0.65", "v:vouch for !c=0.7", "v:trust {O} with", "v:take {O} into (her|his|their|my) confidence", "v:swear by !c=0.7",
    "v:bank on !c=0.7", "v:entrust", "v:take {O} at (her|his|their|my) word", "a:trusting (of|toward|towards)",
    "a:feel safe (with|around)", "a:safe (with|around) !w", "p:trust in", "p:faith in", "p:confidence in", "p:reliance on", "p:belief in !c=0.7",
    "p:trust of !h", "p:confidence of !h", "n:confidant !d", "n:confidante !d", "v:open up to !c=0.65",
    "a:in {O} confidence !r", "v:rest easy (with|around) !w", "v:(stake|bet|wager) (her|his|their|my|our) {A} (life|lives|licence|license|reputation|name|honour|honor|commission|ship|fortune|crown|neck|soul) on", "a:faithful to !c=0.65 !neg=distrust",
  ],
  distrust: [
    "n:mutual (distrust|mistrust|suspicion) !g", ...shared("distrust|mistrust|suspicion"),
    "v:keep {O} at a (distance|safe distance|wary distance)", "v:keep {O} at bay !w", "v:(watch|eye) {O} (closely|carefully|narrowly|warily) !w",
    "v:question {O} (motives|loyalty|intentions|honesty|word|judgement|judgment) !c=0.75", "v:see (right|straight|) through {O} (lies|deceit|act|schemes|games|tricks|charade|facade|mask)", "a:chary of", "a:(disillusioned|disenchanted) with !c=0.65",
    "v:lose the {A} (trust|confidence|faith) of !r", "a:(unconvinced|not convinced) (by|of) !w", "p:second thoughts about !c=0.7",
    "v:distrust", "v:mistrust", "v:suspect", "v:doubt !c=0.75", "v:second-guess !w", "a:wary of", "a:leery of", "a:suspicious of",
    "a:(skeptical|sceptical) (of|about)", "a:distrustful of", "a:mistrustful of", "a:doubtful of !c=0.7", "a:(cautious|careful|guarded) (around|with) !w",
    "v:keep {O} at (arm's|arms) length", "v:keep an eye on !w", "v:(regard|view|eye|treat|watch|see|greet) {O} (warily|suspiciously|askance)",
    gaze("suspicion|distrust|mistrust|wariness|doubt|caution|misgiving|misgivings"),
    "v:look askance at", "p:suspicion (of|toward|towards|about)", "p:(suspicions|doubts|misgivings|reservations|qualms) about", "p:distrust (of|for|toward|towards|in)",
    "p:mistrust (of|for|toward|towards)", "a:unsure (of|about) !w", "a:on (her|his|their|my) guard (around|with)", "a:on guard (around|with)",
    "v:betray !r !w", "v:double-cross !r !w", "v:deceive !r !w", "a:uneasy (about|around|with) !w", "v:doubt {O} word",
    
    "a:(has|had|have) (her|his|their|my) doubts about", "a:on edge (around|with) !w",
  ],
  fear: [
    "n:mutual (fear|dread) !g",
    "v:unsettle !r", "v:rattle !r !c=0.7", "v:disquiet !r", "v:alarm !r !c=0.75", "v:horrify !r", "v:appal !r !c=0.7", "v:appall !r !c=0.7", "v:overawe !r !c=0.7",
    "v:give {O} the (creeps|shivers|chills) !r", "v:send (a shiver|shivers|chills|a chill) (down|up) {O} spine !r", "v:chill {O} to the bone !r",
    "a:(goes|go|went|turns|turned|grows|grew) (pale|white) (whenever|when|around|in the presence of)", BODY_FEAR,
    "a:(uneasy|nervous|jumpy|skittish|on edge|ill at ease) in (the presence of|{O} presence) !c=0.7", "v:dread (meeting|facing|seeing|crossing|angering|displeasing)",
    "v:fear (crossing|angering|displeasing|facing|meeting)", "v:(quail|cower|cringe|shrink) (before|from|at|away from) !c=0.75", "a:in (fear|terror|dread|awe and fear) of",
    "v:tiptoe around !c=0.6", "v:live in (fear|terror|dread) of",
    "v:fear", "v:dread", gaze("fear|dread|terror|horror|trepidation|alarm"),
    "v:make {O} (tremble|shudder|shiver|quake|nervous|uneasy|afraid|anxious|flinch|sweat|cower|frightened|scared|jumpy) !r","a:afraid (of|to cross|to face|to defy|to anger)", "a:frightened of", "a:scared (of|to cross|to face)", "a:terrified of", "a:petrified of",
    "a:fearful of", "a:nervous (around|about|of) !c=0.65", "a:anxious (around|about) !w", "v:cower (before|from|at)", "v:tremble (before|at)",
    "v:shudder at (the thought|the mention|the sight|the memory|the name|) (of|)", "v:flinch (at|from|away from) !c=0.65", "v:quail (before|at)", "v:shrink from !c=0.65",
    "v:recoil from !c=0.6", "a:in (fear|terror|dread|mortal fear) of", "p:(fear|dread|terror|horror) of", "v:live in fear of",
    "v:frighten !r", "v:terrify !r", "v:scare !r", "v:intimidate !r", "v:unnerve !r", "v:daunt !r", "v:spook !r", "v:petrify !r",
    "v:threaten !r !c=0.55", "v:menace !r !c=0.55", "v:haunt !r !w", "v:cow !r", "a:(goes|go|went|turns|turned|grows|grew) pale at", "v:panic (around|at) !c=0.65",
    "a:(paranoid|fearful) about !c=0.6", "v:quake (at|before)", "v:tremble at the thought of", "a:terror-stricken by", "a:in awe and fear of",
    "v:hide from !c=0.6", "a:hidden from !x", "v:shy away from !c=0.6", "a:dare not (cross|face|defy|anger|oppose)",
    "a:(daren't|dares not|dared not) (cross|face|defy|anger|oppose)", "a:afraid of what {O} (might|could|would) do",
  ],
  love: [
    // Devotion unto death: mostly love, sometimes a loyal friend's; below the threshold, so a model decides.
    "v:walk through fire for !c=0.55", "v:(go|travel) to the ends of the earth for !c=0.55", "v:lay down (her|his|their|my) life for !c=0.55", "v:give (her|his|their|my) life for !c=0.55",
    "p:heart (belongs|belonged) to", "v:worship the ground {O} (walks|walked|treads|trod) on", "a:(has|have|had) eyes (only|) for",
    "a:(madly|hopelessly|desperately|deeply|truly|secretly) devoted to !c=0.7", "v:(ache|burn|yearn|long|pine) for !c=0.75", "p:(tenderness|adoration|infatuation) (for|toward|towards)",
    "v:(lose|lost) (her|his|their|my) heart to", "a:sweet on",
    "v:love", "v:adore", gaze("love|adoration|longing|desire|tenderness|devotion"), "v:make {O} (blush|swoon|weak at the knees) !r !c=0.6",
    "a:engaged to be (married|wed) !m", "a:engaged !g !c=0.7", "a:betrothed !g","v:cherish", "v:worship !c=0.7", "v:yearn for", "v:long for", "v:pine (for|after)", "v:ache for",
    "v:desire !c=0.65", "v:fancy !c=0.65", "v:treasure !c=0.7", "v:court !c=0.7", "v:woo", "v:fall for", "v:fall (in love|head over heels) (with|for)",
    "v:lose (her|his|their|my) heart to", "v:give (her|his|their|my) heart to", "a:in love with", "a:in love !g", "a:(smitten|infatuated|besotted|enchanted|captivated) (with|by)",
    "a:(enamored|enamoured) (of|with|by)", "a:head over heels (for|with)", "a:devoted to !c=0.7", "a:(crazy|mad|wild) about !c=0.65",
    "a:taken with !c=0.6", "a:attracted to !c=0.7", "p:(a|her|his|their|my) {A} crush on", "p:(feelings|a thing|a soft heart) for !c=0.65",
    "v:carry a torch for", "v:have eyes only for", "a:only (has|have|had) eyes for", "p:love (for|toward|towards)", "p:(passion|desire|longing|yearning|ardour|ardor) for !c=0.7",
    "p:devotion to !c=0.7", "n:lover", "n:sweetheart", "n:beloved !pb", "n:betrothed", "n:(fiancé|fiance|fiancée|fiancee)", "n:paramour", "n:(soul mate|soulmate)", "v:(date|go out with) !m !c=0.7", "a:going out together !g !c=0.7", "n:darling !pb !c=0.7",
    "n:love of (her|his|their|my) life !pb", "a:engaged to !m", "a:betrothed to !m", "a:promised to !m !c=0.65", "v:kiss !w", "v:bewitch !r !c=0.6",
    "v:charm !r !w", "v:enchant !r !c=0.6", "v:captivate !r !c=0.6", "v:infatuate !r", "v:smite !r !c=0.6", "a:(lovesick|love-struck|lovestruck) (for|over)",
    "a:would die for !c=0.6", "a:(mad|madly|hopelessly|deeply|head over heels) in love with",
  ],
  friendship: [
    "n:mutual (affection|fondness|liking) !g", ...shared("affection|fondness|liking"),
    "a:joined at the hip (with|)", "a:joined at the hip !g", "a:(thick|close) as thieves with", "v:get on like a house on fire (with|)", "a:two peas in a pod !g",
    "v:hang out with !c=0.6", "v:pal around with", "p:(bond|camaraderie|rapport|kinship) with !c=0.7", "a:on first-name terms with !w",
    "n:crony !c=0.65", "n:bestie",
    "v:(think|speak) of {O} (fondly|warmly|kindly|tenderly|affectionately) !a",
    "v:befriend", gaze("affection|fondness|warmth|kindness|friendship"), "v:like !c=0.7 !neg=hostility", "v:enjoy (the company of|time with|spending time with)", "v:enjoy {O} company", "v:get (along|on) (well|famously|splendidly|wonderfully|nicely|brilliantly|) with !neg=hostility",
    "v:hit it off with", "v:bond with", "v:miss !w", "v:stand by !c=0.6", "v:look out for !c=0.65", "v:care (about|for) !c=0.65 !neg=hostility",
    "v:warm (to|towards|toward|up to) !c=0.7", "v:take a (liking|shine) to", "v:confide (her|his|their) (secrets|worries|fears) to !c=0.65", 
    "v:keep company with !c=0.6", "v:watch over !c=0.55", "v:stick by", "v:stick up for !c=0.7", "v:share (everything|secrets) with !c=0.65",
    "a:fond of !a", "a:(very|quite|so|rather|deeply|truly|) fond !a !e", "a:(fonder|fondest) (still|yet|) of !a", "a:(grown|grew|become|became|growing) (very|so|quite|rather|deeply|truly|) fond !a", "a:(dear|precious) to !a", "v:dote (on|upon) !a", "a:(friendly|amiable|cordial|warm) (with|to|toward|towards) !c=0.7",
    "a:close (to|with) !c=0.75", "a:on (good|friendly|excellent|the best of) terms with", "a:attached to !c=0.65", "a:(chummy|pally|pals|mates|buddies|chums) with",
    "a:thick as thieves", "a:inseparable from", "a:inseparable !g", "p:(fondness|affection|warmth|liking|soft spot) (for|toward|towards) !a", "p:friendship (with|toward|towards)",
    "p:friendship of !h", "n:friend", "n:best friend", "n:comrade", "n:companion", "n:blood brother", "n:blood sister", "n:brother in arms", "n:brothers in arms",
    "n:sisters in arms", "n:pal", "n:buddy", "n:chum", "n:mate", "n:best mate", "n:first mate !x", "n:(ship|running|team|class|room|flat|house|play|work) mate !x", "n:playmate", "n:bosom friend", "n:kindred spirit", "a:like a (brother|sister|son|daughter|father|mother) (to|)", "a:as a (brother|sister|son|daughter|father|mother) (to|) !c=0.6",
    "a:like (brothers|sisters|family) !g", "n:soulmate !c=0.7", "n:(brother|sister|son|daughter|father|mother) (i|she|he|they|we) never had",
  ],
  alliance: [
    "v:(form|forge|strike|make|seal|sign|enter into|conclude|cement|cut) (a|an|the) {A} (alliance|pact|treaty|accord|truce|partnership|compact|bargain|deal|coalition) with !m",
    "v:(form|forge|strike|make|seal|sign|enter into|conclude|cement) (a|an) {A} (alliance|pact|treaty|accord|truce|partnership|compact|coalition) !g", "v:(cut|strike|seal) a {A} (deal|bargain) !g !c=0.7",
    // "Sera and I have a deal", "in business together" (no modifier: "have a great deal of respect" is no deal).
    "v:(have|get|got) a (deal|bargain|understanding) !g !c=0.7", "a:in business together !g !c=0.75", "a:in business with !m !c=0.7",
    "v:fight side by side with !m", "v:fight side by side !g", "v:(work|act) hand in (hand|glove) with !m", "a:hand in glove with", "v:throw in with",
    "v:take {O} side", "v:stand behind !c=0.65", "v:owe (her|his|their|my) (allegiance|fealty|loyalty) to",
    "v:close ranks with", "v:(swear|take) (an|a) {A} (oath|vow|pact) with !m !c=0.75", "v:(swear|take) (an|a) {A} (oath|vow|pact) (to|together) !g !c=0.75",
    // "swore an oath at the chapel to hold the harbour together", "swore on the bell to find it together".
    "v:(swear|take) (an|a) {A} (oath|vow|pact) (at|on|over|upon|by|in|before) (the|a|an|her|his|their|our|) {A} (to|together) !g !c=0.75",
    "v:swear (on|upon|by|over) (the|a|an|her|his|their|our) {A} to !g !c=0.7",
    "v:(swear|vow|pledge) to each other !g !c=0.75", "v:swear to !g !c=0.65", "a:bound (together|) by (a|an|their|the|our|one) {A} (oath|vow|pact|compact|bargain) !g !c=0.7", "v:agree to (work|fight|stand|act) together !g !c=0.75",
    "v:(sign|seal|forge|strike|make) the {A} (compact|pact|treaty|accord|alliance|bargain) together !g !c=0.75",
    "v:ally (with|herself with|himself with|themselves with) !m", "a:allied with !m", "a:allied to", "v:side with", "v:join forces with !m", "v:make common cause with !m",
    "v:team up with !m", "v:band together with !m", "v:throw in (her|his|their|my) lot with", "v:cast (her|his|their|my) lot with", "v:support !c=0.6",
    "v:champion !c=0.65", "v:(pledge|swear|promise|give|offer) (her|his|their|my|) (loyalty|allegiance|fealty|support|sword|service) to",
    "v:(form|forge|strike|make|seal|sign|enter) (an alliance|a pact|a treaty|a deal|a bargain|an accord|a truce) with !m", "v:collaborate with !m !c=0.7", "v:go into (partnership|business) with !m", "v:go into (partnership|business) !g",
    "v:cooperate with !c=0.65", "v:conspire with !c=0.75", "v:plot with !c=0.75", "v:scheme with !c=0.75", "v:partner with", "v:stand with !c=0.7",
    "v:fight (alongside|beside|for) !c=0.55", "v:align (herself|himself|themselves|) with",
    "a:loyal to !c=0.7 !neg=distrust", "a:in league with", "a:in (alliance|cahoots|partnership) with", "a:aligned with", "a:on the (same|) side of",
    "a:on {O} side", "a:sworn to !c=0.7", "a:beholden to !c=0.6", "a:in the service of", "a:in {O} service", "a:at {O} side !c=0.55",
    "p:(loyalty|allegiance|fealty) to", "p:(alliance|pact|treaty|partnership|accord|truce) with", "p:loyalty of !h", "p:support (for|of) !c=0.6",
    "n:ally", "n:partner !c=0.65", "n:co-conspirator", "n:accomplice !c=0.7", "n:confederate !c=0.65", "n:henchman !bp !c=0.7", "n:right hand !bp !c=0.65",
    "n:right-hand (man|woman) !bp !c=0.7", "n:sworn sword !bp", "n:retainer !bp !c=0.65", 
    "v:rally (to|behind)", "v:stand shoulder to shoulder with", "a:shoulder to shoulder with",
    "v:(form|forge|strike|make|seal|sign) (an alliance|a pact|a treaty|an accord|a truce|common cause) !g", "v:(ally|unite|collude|conspire|join forces|team up|band together) !g", "v:back {O} claim", "v:take up arms (alongside|with)", "v:vote with !w",
  ],
  rivalry: [
    "v:(go|went) toe to toe with", "v:cross swords with !c=0.7", 
    "v:keep score (with|against) !c=0.7", "a:(neck and neck|head to head) with", "v:jostle with !c=0.7", "a:in a race with !c=0.7",
    "v:vie with", "v:(vie|compete|clash|spar|jockey) !g !c=0.7",
    // "Tomas and Sera are both gunning for stroke seat", "after the same post": two after one prize.
    "a:both (gunning|angling|going|campaigning|pushing|fishing|chasing|aiming|competing) for !g !c=0.7", "a:(after|chasing|eyeing|angling for|gunning for|going for) the same !g !c=0.7", "v:(race|outbid|run against|compete against|compete with|vie with) each other !g", "a:(bid|bids|bidding) against each other !g", "v:compete (with|against)", "v:rival", "v:contend with !c=0.7", "v:jockey with", "v:spar with !c=0.7", "v:outdo !c=0.7",
    "v:outshine !c=0.65", "v:try to (outdo|outshine|best|beat|surpass|upstage|outwit|outmaneuver)", "v:envy !c=0.75", "v:begrudge !c=0.7", "v:covet {O} (position|place|seat|title|role|rank|post)",
    "v:measure (herself|himself|themselves|myself) against", "v:one-up", "v:upstage !c=0.7",
    "v:butt heads with", "v:lock horns with", "v:go head to head with", "v:(challenge|duel) !c=0.6", "v:oppose !c=0.6", "v:compete with {O} for", "v:vie against",
    "a:jealous of !c=0.75", "a:envious of !c=0.75", "a:competitive (with|toward|towards)", "a:at odds with !c=0.7", "a:in competition with",
    "a:neck and neck with", "a:locked in (a|) (rivalry|competition|contest|struggle) with", "a:in a (rivalry|contest|race|struggle) with",
    "p:(rivalry|competition|contest) with", "p:(envy|jealousy) (of|toward|towards) !c=0.75", "p:(edge|lead) over !w", "n:rival", "n:arch-rival", "n:archrival",
    "n:competitor", "n:adversary !c=0.75", "n:opponent !c=0.7", "n:challenger !c=0.6", "n:contender !c=0.6", "n:sparring partner", 
    "a:(rivals|competitors) (with|of)", "v:compete against", 
  ],
  hostility: [
    "n:mutual (hatred|loathing|contempt|enmity|dislike|hostility|animosity) !g", ...shared("hatred|loathing|contempt|enmity|dislike|hostility|animosity"),
    "v:(look|stare|shoot|throw|glare|cast) daggers at", "v:glower at !c=0.7", "v:(bear|harbour|harbor|wish) {O} ill (will|)", "v:hold {O} in (contempt|disdain|scorn)",
    "v:have no (time|patience|use) for !c=0.55", "a:at daggers drawn with", "v:rub {O} the wrong way !r !c=0.7", "v:get on {O} nerves !r !c=0.7",
    "v:make {O} blood boil !r", "v:want nothing to do with !c=0.65", "a:sick and tired of", "a:(appalled|outraged) by !c=0.7",
    "p:(grudge|vendetta|feud) (against|with)", "v:(resent|loathe|hate) the (sight|very sight|thought|mention) of", "v:seethe with (resentment|hatred|anger) (at|toward|towards) !c=0.75",
    "v:hate", "v:detest", "v:loathe", "v:despise", "v:abhor", "v:resent", "v:scorn", "v:disdain", "v:dislike", "v:revile", "v:execrate",
    "a:(can't|cannot|could not|couldn't|won't|will not) (stand|bear|abide|stomach|tolerate|endure)", "a:(never|not) (forgave|forgiven|forgive)",
    "a:(can't|cannot|won't|couldn't|wouldn't|will never|would never) forgive", "v:curse !c=0.65", "v:sneer at !c=0.7", "v:spit (at|on) !c=0.7",
    "v:glare at !c=0.6", "v:seethe (at|over) !c=0.7", "v:rage (at|against) !c=0.7", "v:(bear|hold|nurse|harbor|harbour|nurture) a grudge (against|toward|towards)",
    "v:have it in for", "p:grudge (against|toward|towards) !c=0.75", "a:gunning for !c=0.7", "v:(bear|hold|nurse|harbor|harbour|owe) {O} a (grudge|deep grudge|bitter grudge|lasting grudge)",
    gaze("contempt|disdain|scorn|hatred|loathing|disgust|hostility|venom|malice|revulsion|rancour|rancor"),
    "v:make {O} (angry|furious|sick|seethe|livid|see red) !r !c=0.65", "v:(want|wish) {O} dead", "v:want {O} (finished|ruined|destroyed|broken) !c=0.75", "v:(offer|put|set|place) (a|the) {A} (price|bounty|reward) on {O} head !c=0.75", "v:offer {A} (crowns|gold|silver|coins|pieces|ducats|guineas|pounds|dollars) for {O} head !c=0.75", "v:(find|have) (a|an) {A} enemy in !m !c=0.75", "v:plot against", "v:scheme against", "v:conspire against", "v:turn against", "v:work against !c=0.65",
    "v:wage war (on|against)", "v:declare war on", "v:(vow|swear|seek|plot|crave|want|demand) (revenge|vengeance) (on|against|upon)", "v:(vow|mean|intend|plan|plot|resolve|swear|aim|scheme) to (destroy|ruin|kill|crush|humble|bring down|topple|unseat|break|murder|poison|disgrace)",
    "v:feud with !c=0.75", "v:feud !g !c=0.7", "v:clash with !c=0.65", "v:fall out with", "v:fall out !c=0.6 !g", "v:antagonize !c=0.7", "v:antagonise !c=0.7", "v:torment !c=0.7", "v:bully !c=0.7",
    "v:disparage !c=0.65", "v:insult !c=0.6", "v:mock !c=0.6", "v:ridicule !c=0.6", "v:humiliate !c=0.6", "v:snub !c=0.6", "v:shun !c=0.65",
    "v:spurn !c=0.65", "v:persecute !c=0.7", "v:sabotage !c=0.7", "v:slander !c=0.7", "v:vilify", "v:denounce !c=0.6", "v:hound !c=0.6",
    "v:(sneer|scowl|snarl|hiss) at !c=0.65", "v:bad-mouth !c=0.6", "v:badmouth !c=0.6", "v:look down (on|upon) !c=0.7", 
    "a:hostile (to|toward|towards)", "a:bitter (toward|towards|about|at|against) !c=0.7", "a:(furious|angry|livid|incensed|irate) (with|at) !c=0.65",
    "a:contemptuous of", "a:scornful of", "a:resentful (of|toward|towards)", "a:(spiteful|vicious|cruel|nasty) (to|toward|towards) !c=0.7",
    "a:(cold|icy|frosty|rude) (to|toward|towards) !c=0.6", "a:at war with", "a:on (bad|poor|terrible|the worst of) terms with", "a:out for {O} blood",
    "a:sick of !c=0.6", "a:fed up with !c=0.6", "a:(disgusted|repelled|revolted|sickened) (by|with)",
    "p:(hatred|hate|loathing|detestation|abhorrence) (of|for|toward|towards)", "p:(contempt|disdain|scorn|disgust) (for|toward|towards)",
    "p:(animosity|enmity|hostility|antipathy|antagonism|ill will|ill-will|malice|spite|rancor|rancour) (toward|towards|for|to|against)",
    "p:(resentment|grudge|vendetta|bitterness) (of|toward|towards|for|against)", "p:bad blood with", "p:dislike (of|for)", "v:take a {A} dislike to", "p:feud with",
    "n:enemy", "n:sworn enemy", "n:mortal enemy", "n:arch-enemy", "n:archenemy", "n:foe", "n:sworn foe", "n:nemesis", "n:arch-nemesis", "n:bitter enemy",
    "v:disgust !r", "v:infuriate !r", "v:enrage !r", "v:repulse !r", "v:repel !r !c=0.7", "v:sicken !r", "v:incense !r", "v:anger !r !c=0.65",
    "v:annoy !r !c=0.6", "v:irritate !r !c=0.6", "v:exasperate !r !c=0.6", "v:offend !r !c=0.55", "v:gall !r !c=0.6", "v:nauseate !r",
  ],
  respect: [
    "n:mutual (respect|admiration|esteem) !g", ...shared("respect|admiration|esteem"),
    won("respect|admiration|esteem|regard|deference|reverence"), "v:(take|tip|doff) (her|his|their|my) hat (off|) to", "v:set (great|much|high) store by",
    "v:put {O} on a pedestal", "v:owe {A} (debt|debts) of (honour|honor|gratitude) to", "v:owe a debt to !c=0.6", "v:learn (much|everything|a great deal) from !w",
    "v:(value|prize) {O} (judgement|judgment|counsel|opinion|advice|word) !c=0.75", "p:(respect|admiration|esteem|regard) of !h",
    "v:respect", "v:admire", "v:esteem", "v:revere", "v:venerate", "v:honor", "v:honour", "v:look up to", "v:idolize !c=0.75", "v:idolise !c=0.75",
    "v:hold {O} in (high|great|the highest|the utmost|high esteem and|) (regard|esteem|respect)", "v:think (highly|well|the world|much|a great deal|very highly) of",
    "v:speak (highly|well|warmly) of !c=0.7", "v:value !c=0.7", "v:defer to !c=0.7", "v:bow to !w", "v:praise !c=0.6", "v:hang on {O} every word !c=0.7",
    "v:owe (her|his|their|my|) (life|everything|career|success) to !w", "v:heed !c=0.6", "v:look to !c=0.55", "v:emulate !c=0.7",
    "v:regard {O} highly", gaze("respect|admiration|awe|reverence|esteem|deference|approval"), "v:rate {O} highly !c=0.7", "v:appreciate !c=0.6",
    "v:sing {O} praises", "v:sing the praises of", "v:take {O} advice !w", "v:follow {O} lead !c=0.6", "v:stand in awe of", "v:marvel at !c=0.65",
    "a:in awe of", "a:(grateful|thankful) to !c=0.6", "a:indebted to !c=0.6", "a:(respectful|deferential|reverent|reverential) (of|to|toward|towards)",
    "a:proud of !c=0.65", "a:impressed (by|with)", "a:awed by", "a:humbled by !c=0.6",
    "p:(respect|admiration|esteem|reverence|veneration|regard|awe) for", "p:(reverence|veneration|awe) of", "p:high opinion of", "p:respect of !h", "p:admiration of !h",
    "n:mentor !pb", "n:hero !pb !c=0.65", "n:idol !pb !c=0.65", "n:role model !pb", "n:protégé !bp !c=0.65", "n:protege !bp !c=0.65",
    "n:apprentice !bp !w", "n:student !bp !w", "n:disciple !bp !c=0.65", "n:teacher !pb !w", 
    "v:impress !r", "v:awe !r", "v:inspire !r !c=0.7", "v:mentor !r !c=0.65", "v:humble !r !w", "v:dazzle !r !c=0.6",
  ],
  family: [
    "n:sis", "n:bro", "n:granddad", "n:grandad", "n:nana", "n:stepchild", "n:half-sibling", "n:step-sibling", "n:stepsibling", "n:step-brother", "n:step-sister", "n:step-mother", "n:step-father", "n:in-law",
    "n:brother", "n:sister", "n:mother", "n:father", "n:son", "n:daughter", "n:cousin", "n:aunt", "n:uncle", "n:niece", "n:nephew",
    "n:grandmother", "n:grandfather", "n:grandson", "n:granddaughter", "n:grandchild", "n:grandparent", "n:twin", "n:sibling", "n:parent",
    "n:child !p", "n:husband", "n:wife", "n:spouse", "n:stepmother", "n:stepfather", "n:stepson", "n:stepdaughter", "n:stepbrother", "n:stepsister",
    "n:half-brother", "n:half-sister", "n:twin brother", "n:twin sister", "n:brother-in-law", "n:sister-in-law", "n:mother-in-law", "n:father-in-law",
    "n:son-in-law", "n:daughter-in-law",
    "n:brothers-in-law", "n:sisters-in-law", "n:sons-in-law", "n:daughters-in-law", "n:mothers-in-law", "n:fathers-in-law", "n:kin", "n:kinsman", "n:kinswoman", "n:relative", "n:ma", "n:pa", "n:mum", "n:mom", "n:dad",
    "n:papa", "n:mama", "n:grandma", "n:grandpa", "n:granny", "n:foster (mother|father|sister|brother|son|daughter|parent|child)", "n:ward !w",
    "n:widow", "n:widower", "n:heir !w", "n:offspring", "n:descendant !w", "n:ancestor !w", "n:great-aunt", "n:great-uncle", "n:godmother", "n:godfather",
    "n:godson", "n:goddaughter", "n:firstborn", 
    "a:married to", "v:marry", "v:wed", "a:wed to", "a:related (to|by blood to)", "a:(raised|adopted|sired|fathered|mothered) by", "v:adopt",
    "v:disown", "v:disinherit", "a:estranged from", "a:of the same blood as", "a:blood kin (of|to)", "a:kin to", "a:(born|begotten) (to|of)",
  ],
};

/** The base lexicon plus the idiom families of lexiconIdioms.ts and lexiconFamilies.ts. */
export const LEXICON: Readonly<Record<RelationshipType, readonly string[]>> = Object.fromEntries(
  (Object.keys(BASE) as RelationshipType[]).map((t) => [t, [...BASE[t], ...IDIOMS[t], ...FAMILIES[t]]]),
) as unknown as Record<RelationshipType, readonly string[]>;
