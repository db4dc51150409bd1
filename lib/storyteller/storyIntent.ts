import type { StoryBrief } from "./storyBrief.ts";
import { findMentioned, removeNames } from "./storyNames.ts";

/**
 * What the player's action means to the offline storyteller: keyword lexicons (no model), the
 * cast it mentions, and the objects it names (an item, a destination, a newcomer's role).
 */

/** The intents it understands, in priority order (the first one found leads the narrative). */
export const INTENTS = [
  "attack", "threaten", "deceive", "give", "help", "introduce", "take", "travel", "rest", "talk", "observe",
] as const;
/** One of {@link INTENTS}. */
export type Intent = (typeof INTENTS)[number];

/** How a conversation is meant: it decides the relationship wording. */
export type TalkTone = "thank" | "persuade" | "confide" | "ask" | "plain";

/** The player's action, read. */
export interface ActionReading {
  intents: Intent[];
  /** Cast ids mentioned (never the player), in order of mention. */
  mentioned: string[];
  /** Where a travel action goes: a cast place, or the words after "to". */
  destination?: { name: string; id?: string };
  /** The object of give/take ("water", "rope", "lantern"), as written. */
  item?: string;
  /** Coins named in the action ("pay Tomas 3 coins" → 3). */
  coins?: number;
  buying: boolean;
  /** Searching a place: whatever is found is generated. */
  searching: boolean;
  stealing: boolean;
  healing: boolean;
  /** The player tends their own wounds. */
  selfCare: boolean;
  sleeping: boolean;
  tone: TalkTone;
  /** Someone new enters: their role and whether the player hires them. */
  newcomer?: { role: string; hired: boolean };
}

/** A word-boundary regex from phrases ("set out" matches "set  out"). */
const lex = (...phrases: string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map((p) => p.replace(/ /g, "\\s+")).join("|")})(?![\\p{L}\\p{N}])`, "iu");

const DIRECTION = "(?:to|for|towards?|back|out|north|south|east|west|down|up|into|over|across|home|off|ahead|on)";

/** The keyword lexicons, one per intent. */
export const LEXICON: Readonly<Record<Intent, RegExp>> = {
  travel: lex(
    "go", "goes", "going", "went", "ride", "rides", "riding", "rode", "travel", "travels", "travelling", "traveling", "walk",
    "walks", "walking", "walked", "sail", "sails", "sailing", "row", "rows", "rowing", `heads? ${DIRECTION}`, `heading ${DIRECTION}`,
    "return", "returns", "returning", "set out", "set off", "sets out", "leave for", "leaves for", "journey", "make my way",
    "makes? (?:my|our) way", "march", "hike", "climb", "cross", "crosses", "enter", "enters", "press on", "push on", "gallop",
    "hurry", "sneak into", "slip into", "follow the (?:road|trail|path|river|coast)", "move on", "flee", "run to", "run back",
  ),
  rest: lex(
    "rest", "rests", "resting", "wait", "waits", "waiting", "sleep", "sleeps", "sleeping", "slept", "make camp", "pitch camp",
    "set up camp", "camp for", "camp here", "nap", "doze", "sit", "sits", "sitting", "pause", "take a break", "bed down",
    "lie down", "lie low", "settle in", "pass the time", "catch (?:my|our) breath", "recover", "idle",
  ),
  give: lex(
    "give", "gives", "giving", "gave", "share", "shares", "sharing", "shared", "offer", "offers", "offering", "hand over",
    "hand", "hands", "lend", "lends", "donate", "trade", "trades", "gift", "pay", "pays", "paid", "bribe", "bribes", "pour",
  ),
  take: lex(
    "take", "takes", "took", "pick up", "picks up", "grab", "grabs", "find", "finds", "found", "search", "searches",
    "searching", "buy", "buys", "bought", "purchase", "collect", "gather", "loot", "scavenge", "pocket", "retrieve", "steal",
    "steals", "stole", "acquire", "rummage", "fetch", "claim",
  ),
  attack: lex(
    "attack", "attacks", "fight", "fights", "fought", "strike", "strikes", "struck", "hit", "hits", "punch", "stab", "stabs",
    "shoot", "shoots", "shot", "kill", "kills", "slash", "ambush", "tackle", "kick", "wrestle", "duel", "assault", "lunge",
    "swing at", "charge at", "draw (?:my|a) (?:knife|blade|sword|pistol|weapon|dagger|bow)", "club", "brawl", "shove",
  ),
  threaten: lex(
    "threaten", "threatens", "threatening", "intimidate", "intimidates", "menace", "or else", "bully", "coerce", "blackmail",
    "scare", "frighten", "warn \\S+ off", "glare", "loom over", "squeeze",
  ),
  help: lex(
    "help", "helps", "helping", "heal", "heals", "tend", "tends", "protect", "protects", "save", "saves", "defend", "shield",
    "comfort", "comforts", "bandage", "carry", "assist", "rescue", "aid", "guard", "nurse", "stand by", "look after",
    "patch up", "cover for", "support", "mend", "repair", "dress (?:my|the|his|her|their) wounds?", "treat", "calm",
  ),
  deceive: lex(
    "deceive", "deceives", "lie to", "lies to", "lying to", "lied", "lie about", "betray", "betrays", "steal", "steals",
    "stole", "trick", "tricks", "cheat", "forge", "forges", "bluff", "pickpocket", "swindle", "mislead", "con", "pretend",
    "feign", "fake", "double-cross", "frame", "plant", "pose as", "sell out", "sell the route",
  ),
  talk: lex(
    "talk", "talks", "ask", "asks", "question", "persuade", "persuades", "confide", "confides", "thank", "thanks", "tell",
    "tells", "say", "says", "speak", "speaks", "chat", "greet", "convince", "negotiate", "bargain", "apologi[sz]e", "flatter",
    "console", "plead", "praise", "compliment", "argue", "discuss", "explain", "promise", "reassure", "joke", "whisper",
    "call out", "invite", "interrogate", "confess", "admit", "warn", "insist", "reason with", "beg",
  ),
  introduce: /(?!)/u,
  observe: lex(
    "look", "looks", "observe", "observes", "listen", "listens", "scout", "scouts", "watch", "watches", "study", "examine",
    "inspect", "survey", "spy", "eavesdrop", "peer", "scan", "keep watch", "check", "glance", "notice", "track", "read",
    "search the horizon", "stare",
  ),
};

const TONES: Array<[TalkTone, RegExp]> = [
  ["thank", lex("thank", "thanks", "praise", "compliment", "flatter", "apologi[sz]e", "admire")],
  ["persuade", lex("persuade", "convince", "negotiate", "bargain", "argue", "plead", "reason with", "insist", "beg")],
  ["confide", lex("confide", "confides", "confess", "admit", "tell \\S+ (?:the truth|a secret|everything)", "trust")],
  ["ask", lex("ask", "asks", "question", "interrogate", "inquire", "enquire")],
];

/** People who can arrive in a scene. */
const ROLES = [
  "stranger", "rider", "traveller", "traveler", "merchant", "trader", "peddler", "pilgrim", "scout", "guide", "sailor",
  "fisherman", "fisherwoman", "boatman", "porter", "guard", "soldier", "mercenary", "sellsword", "hunter", "healer", "priest",
  "monk", "beggar", "child", "woman", "man", "smuggler", "courier", "messenger", "clerk", "bard", "minstrel", "shepherd",
  "herder", "farmer", "miner", "drover", "ferryman", "dockhand", "thief", "urchin", "informant", "newcomer", "wanderer",
  "widow", "deserter", "tinker", "carter", "lamplighter", "fishwife", "navigator", "rider",
];
const ROLE = `(${ROLES.join("|")})`;
const NEWCOMER_RES = [
  new RegExp(`\\b(hire|hires|recruit|meet|meets|hail|approach|befriend|greet|find|seek out|look for|flag down|call over|wave over|talk to|speak to|ask)\\s+(?:a|an|another|some)\\s+(?:[a-z'-]+\\s+)?${ROLE}s?\\b`, "i"),
  new RegExp(`\\b(?:a|an|another)\\s+(?:[a-z'-]+\\s+)?${ROLE}\\s+(?:approaches|arrives|appears|rides up|rides in|steps out|emerges|comes|walks up|joins)\\b`, "i"),
  /\b(?:a|the) (stranger)\b|\bsomeone (new)\b|\b(newcomer)\b/i,
];

const DETERMINERS = new Set(["a", "an", "the", "some", "my", "our", "your", "his", "her", "their", "this", "that", "these", "those", "up", "any", "more", "of"]);
const STOP = new Set([
  "from", "to", "with", "for", "at", "in", "on", "into", "and", "but", "then", "before", "after", "while", "so", "because",
  "as", "under", "near", "by", "behind", "or", "if", "when", "until", "over", "across", "toward", "towards", "through",
]);
/** Things "take" is used with that are not items ("take a rest", "take a look"). */
const NOT_ITEMS = new Set([
  "rest", "look", "break", "breath", "moment", "walk", "seat", "turn", "watch", "aim", "cover", "place", "care", "stock",
  "lead", "chance", "risk", "note", "step", "stand", "time", "while", "it", "them", "him", "her", "me", "one", "way", "word",
  "advice", "glance", "notice", "shelter", "aside", "stock", "heart", "leave", "position", "offer", "hand", "you", "myself", "everyone",
]);
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1 };
const ALL_VERBS = new Set(["scout", "see", "check", "find", "meet", "look", "ask", "speak", "talk", "warn", "help", "buy", "fetch", "get", "sell", "trade", "rest", "search", "watch", "bring", "tell", "learn"]);

/** The words of `text` after the first match of `verb`, up to a stop word, skipping determiners. */
function phraseAfter(text: string, verb: RegExp, cleanNames: (s: string) => string, maxWords = 4): string | undefined {
  const m = verb.exec(text);
  if (!m) return undefined;
  const rest = cleanNames(text.slice(m.index + m[0].length)).split(/[.,;:!?"“”()]/)[0];
  const out: string[] = [];
  for (const w of rest.split(/\s+/).filter(Boolean)) {
    const lw = w.toLowerCase();
    if (out.length === 0 && DETERMINERS.has(lw)) continue;
    if (STOP.has(lw) || out.length >= maxWords) break;
    out.push(w);
  }
  const phrase = out.join(" ");
  return phrase && !NOT_ITEMS.has(out[0].toLowerCase()) ? phrase : undefined;
}

/** Reads the player's action: intents, mentions, objects. Pure and deterministic. */
export function readAction(brief: StoryBrief): ActionReading {
  const text = brief.action;
  const mentioned = findMentioned(text, brief.cast, brief.player.id);
  const byId = new Map(brief.cast.map((e) => [e.id, e]));
  const people = mentioned.filter((id) => byId.get(id)?.type === "character");
  const nameWords = brief.cast
    .filter((e) => e.type === "character")
    .flatMap((e) => [...e.name.split(/[\s.]+/), e.id])
    .filter((w) => w.length >= 3 && /^[\p{L}'-]+$/u.test(w));
  const cleanNames = (s: string) => removeNames(s, nameWords);
  let newcomer: ActionReading["newcomer"];
  let lexText = text;
  for (const re of NEWCOMER_RES) {
    const m = re.exec(text);
    if (m) {
      const role = (m[m.length - 1] ?? "stranger").toLowerCase();
      newcomer = { role: role === "new" ? "stranger" : role, hired: /\b(?:hire|hires|recruit)\b/i.test(m[0]) };
      // The role is a noun here ("hire a scout"): it must not count as a verb ("scout").
      const roleAt = m.index + m[0].toLowerCase().lastIndexOf(role);
      lexText = `${text.slice(0, roleAt)} ${text.slice(roleAt + role.length)}`;
      break;
    }
  }
  const found = new Set<Intent>(INTENTS.filter((i) => LEXICON[i].test(lexText)));
  if (newcomer) found.add("introduce");
  if (/"|“/.test(text)) found.add("talk");

  const place = mentioned.map((id) => byId.get(id)).find((e) => e?.type === "place" && e.name !== brief.world.location);
  let destination: ActionReading["destination"];
  if (found.has("travel")) {
    if (place) destination = { name: place.name, id: place.id };
    else {
      const to =
        /\b(?:to|towards?|into|for|across|through|onto)\s+(?!(?:a|an)\s)([^.,;:!?]+)/i.exec(text) ??
        /\b(?:enter|enters|cross|crosses|climb|climbs)\s+([^.,;:!?]+)/i.exec(text);
      const words = (to?.[1] ?? "").split(/\s+/).filter(Boolean);
      const kept: string[] = [];
      for (const w of words) {
        if (STOP.has(w.toLowerCase()) || kept.length >= 5) break;
        kept.push(w);
      }
      const phrase = kept.join(" ");
      const isPerson = phrase && findMentioned(phrase, brief.cast, brief.player.id).some((id) => byId.get(id)?.type === "character");
      if (phrase && !isPerson && !ALL_VERBS.has(kept[0].toLowerCase()) && !NOT_ITEMS.has(kept[0].toLowerCase())) destination = { name: phrase };
      else if (isPerson && !/\b(?:ride|rode|sail|set out|journey|gallop|leave for|travel)/i.test(text)) found.delete("travel");
    }
  }

  const buying = /\b(?:buy|buys|bought|purchase)\b/i.test(text);
  const searching = /\b(?:search|searches|searching|scavenge|loot|rummage)\b/i.test(text) && !buying;
  const stealing = /\b(?:steal|steals|stole|pickpocket|pocket)\b/i.test(text);
  let item: string | undefined;
  if (found.has("give")) item = phraseAfter(text, LEXICON.give, cleanNames);
  else if (found.has("take") && !searching) item = phraseAfter(text, LEXICON.take, cleanNames);
  if (item && newcomer && item.toLowerCase().includes(newcomer.role)) item = undefined;
  const itemEntity = item ? findMentioned(item, brief.cast).map((id) => byId.get(id)).find((e) => e?.type === "item") : undefined;
  if (itemEntity) item = itemEntity.name.replace(/^(?:the|a|an)\s+/i, "");
  if (found.has("give") && !item && /\b(?:pay|pays|paid|bribe|bribes)\b/i.test(text)) item = "coins";
  if (found.has("give") && !item) found.delete("give");
  if (found.has("take") && !item && !searching && !stealing) found.delete("take");
  const coinMatch = /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?:coins?|silver|gold|crowns?|marks?|pieces)\b/i.exec(text);
  const coins = coinMatch ? (NUMBERS[coinMatch[1].toLowerCase()] ?? Number(coinMatch[1])) : undefined;

  const healing = /\b(?:heal|heals|tend|tends|bandage|patch up|nurse|dress (?:my|the|his|her|their) wounds?|treat)\b/i.test(text);
  const selfCare = healing && people.length === 0;
  let tone: TalkTone = "plain";
  for (const [t, re] of TONES) if (re.test(text)) { tone = t; break; }

  const intents = INTENTS.filter((i) => found.has(i));
  return {
    intents, mentioned, destination, item, coins, buying, searching, stealing, healing, selfCare,
    sleeping: /\b(?:sleep|sleeps|sleeping|slept|bed down)\b/i.test(text), tone, newcomer,
  };
}

/**
 * Runs the action reader once on a Latin and a CJK action. Its Unicode-aware regular expressions
 * cost ~100–200 ms of synchronous work the first time a process uses them (measured here: the
 * first Latin action 170 ms, the first CJK one 56 ms, later ones < 1 ms), which would otherwise
 * fall on the first players' turns and block every other request meanwhile. Called at start-up.
 */
export function warmUpActionReader(): void {
  const cast: StoryBrief["cast"] = [
    { id: "ann_vale", name: "Captain Ann Vale", type: "character", background: "" },
    { id: "greyfall", name: "Greyfall", type: "place", background: "" },
  ];
  for (const action of ["I hire a scout and ride with Ann Vale to Greyfall.", "I give Ann Vale's knife and my water to the guard.", "我和安一起去灰瀑。水".repeat(8)]) {
    readAction({ turn: 1, player: { id: "player", name: "Player" }, world: {}, cast, state: {}, memories: [], relationships: [], action });
  }
}
