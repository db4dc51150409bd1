import { LEXICON } from "./storyIntent.ts";
import { pick } from "./storyRandom.ts";

/**
 * World arithmetic for the offline storyteller: the setting's palette (read from the world's own
 * words), the passing of time in the world's time text, and the player's action in second person.
 */

/** The kind of place the story is in, guessed from the world text; it flavours the prose. */
export type Palette = "coast" | "wild" | "town";

const COAST = /\b(?:harbou?r|quay|docks?|sea|tide|fog|ships?|wharf|port|breakwater|shore|gulls?|salt spray|pier)\b/i;
const WILD = /\b(?:flats|desert|dust|trail|caravan|wagons?|well|pass|plains?|forest|mountains?|steppe|camp|wilds?|moor)\b/i;

/** Picks the palette from the world's values. */
export function paletteOf(world: Record<string, string>): Palette {
  const text = Object.values(world).join(" ");
  if (COAST.test(text)) return "coast";
  if (WILD.test(text)) return "wild";
  return "town";
}

/** The day's phases in order; time words are mapped onto them. */
export const PHASES = ["dawn", "morning", "midday", "afternoon", "dusk", "night"] as const;
/** One phase of the day. */
export type Phase = (typeof PHASES)[number];
const PHASE_WORDS: Record<string, Phase> = {
  dawn: "dawn", daybreak: "dawn", sunrise: "dawn", morning: "morning", forenoon: "morning", midday: "midday", noon: "midday",
  afternoon: "afternoon", dusk: "dusk", evening: "dusk", sunset: "dusk", twilight: "dusk", nightfall: "dusk", night: "night",
  midnight: "night",
};
const PHASE_RE = new RegExp(`\\b(${Object.keys(PHASE_WORDS).join("|")})\\b`, "i");

/** The phase named in a time text ("evening, two nights before the vote" → dusk). */
export function phaseOf(time: string | undefined): Phase | undefined {
  const m = time ? PHASE_RE.exec(time) : null;
  return m ? PHASE_WORDS[m[1].toLowerCase()] : undefined;
}

/**
 * The time text after `steps` phases: the phase word is replaced (capitalisation kept) and the
 * rest is kept; passing dawn increments a "day N" count. Undefined when the text has no phase word.
 */
export function advanceTime(time: string, steps: number): string | undefined {
  const m = PHASE_RE.exec(time);
  if (!m) return undefined;
  const from = PHASES.indexOf(PHASE_WORDS[m[1].toLowerCase()]);
  const raw = from + Math.max(1, steps);
  const next = PHASES[raw % PHASES.length];
  const word = m[1][0] === m[1][0].toUpperCase() ? next[0].toUpperCase() + next.slice(1) : next;
  let out = time.slice(0, m.index) + word + time.slice(m.index + m[1].length);
  const days = Math.floor(raw / PHASES.length);
  if (days > 0) out = out.replace(/\b(day )(\d+)\b/i, (_all, d: string, n: string) => `${d}${Number(n) + days}`);
  return out;
}

/** Steps a sleep takes: from dusk or night to the next dawn; by day, a long nap of two phases. */
export function stepsToDawn(time: string): number {
  const phase = phaseOf(time);
  if (!phase) return 1;
  return phase === "dusk" || phase === "night" ? PHASES.length - PHASES.indexOf(phase) : 2;
}

/** Steps from the phase of `time` to the named phase word ("until nightfall" → dusk); 1 if unknown. */
export function stepsToPhase(time: string, word: string): number {
  const from = phaseOf(time);
  const to = phaseOf(word);
  if (!from || !to) return 1;
  return (PHASES.indexOf(to) - PHASES.indexOf(from) + PHASES.length) % PHASES.length || PHASES.length;
}

const WEATHER: Record<Palette, readonly string[]> = {
  coast: [
    "a thin rain drifting in off the water",
    "fog thickening over the harbour",
    "a cold wind smelling of tar and brine",
    "clear skies and a sharp, salt-bright light",
    "low cloud pressing down on the rooftops",
    "drizzle that beads on every coat and rope",
  ],
  wild: [
    "hot, still air and a white sky",
    "a gusting wind that lifts the dust in sheets",
    "high thin cloud and a hard glare",
    "a dry wind from the west, sand in every fold of cloth",
    "heat shimmer on the horizon and no shade anywhere",
    "a sudden cool breeze that smells, faintly, of rain",
  ],
  town: [
    "a grey drizzle over the slate roofs",
    "a bright, cold afternoon wind",
    "low cloud and the smell of coming rain",
    "a mild, windless calm",
    "smoke hanging in the still air",
    "a rising wind that rattles the shutters",
  ],
};

/** A new weather text in keeping with the palette. */
export function driftWeather(rng: () => number, palette: Palette, current: string | undefined): string {
  const options = WEATHER[palette].filter((w) => w !== current);
  return pick(rng, options);
}

const LANDMARKS: Record<Palette, readonly string[]> = {
  coast: ["the rope-walk behind the warehouses", "a shuttered chandlery", "the end of the long pier", "a stair down to the tideline", "the net-menders' yard", "a lantern-lit alley above the quay"],
  wild: ["a wind-cut ridge", "a dry ford", "an abandoned waystation", "a ring of weathered stones", "a shallow gully out of the wind", "the crest of a long, bare rise"],
  town: ["a crossroads shrine", "the covered market", "a quiet courtyard", "the old bridge", "a narrow lane of shuttered shops", "the edge of the common"],
};

/** Somewhere to arrive when the action names no destination. */
export function landmark(rng: () => number, palette: Palette, current: string | undefined): string {
  return pick(rng, LANDMARKS[palette].filter((l) => l !== current));
}

const PERSON: Array<[RegExp, string]> = [
  [/\bI am\b/g, "you are"], [/\bI'm\b/gi, "you're"], [/\bI was\b/g, "you were"], [/\bI've\b/gi, "you've"],
  [/\bI'll\b/gi, "you'll"], [/\bI'd\b/gi, "you'd"], [/\bI\b/g, "you"], [/\bmyself\b/gi, "yourself"], [/\bmy\b/gi, "your"],
  [/\bmine\b/gi, "yours"], [/\bme\b/gi, "you"], [/\bwe\b/gi, "you"], [/\bour\b/gi, "your"], [/\bus\b/g, "you"],
];

const EXTRA_VERBS = /^(?:try|stay|keep|draw|light|open|close|put|turn|hide|follow|call|bring|pull|push|drink|eat|write|burn|pray|sing|kneel|stand|step|count|note|hold|let|wake|saddle|lead|send|sneak|slip|run|move|get|make|use|drop|throw|wave|nod|smile|shout|knock|climb|cross|enter|leave)$/i;

/** Converts first person to second person outside quotation marks. */
function convertOutsideQuotes(text: string): string {
  return text
    .split(/(["“][^"”]*["”]?)/)
    .map((part, i) => (i % 2 === 1 ? part : PERSON.reduce((acc, [re, to]) => acc.replace(re, to), part)))
    .join("");
}

/**
 * The action retold in second person as one sentence ("I share my water with Tomas." →
 * "You share your water with Tomas."), cleaned of markup and cut to `maxWords`. Text that is
 * not an action (a line of dialogue) becomes "You say: “…”".
 */
export function secondPerson(action: string, maxWords = 28): string {
  let text = action.replace(/[{}[\]#*_<>`|\\]/g, " ").replace(/\s+/g, " ").trim();
  if (!text) return "You hesitate, weighing what to do.";
  const words = text.split(" ");
  if (words.length > maxWords) text = `${words.slice(0, maxWords).join(" ").replace(/[,;:.!?]$/, "")}…`;
  if (/^["“]/.test(text)) {
    const converted = convertOutsideQuotes(text);
    const outside = converted.split(/["“][^"”]*["”]?/).join("");
    if (!/\p{L}/u.test(outside)) return `You say: ${text}`;
    return /[.!?…"”]$/.test(converted) ? converted : `${converted}.`;
  }
  const first = (text.split(" ")[0] ?? "").replace(/[^\p{L}']/gu, "");
  const isAction =
    /^(?:I|I'm|I've|I'll|I'd|we|you)$/i.test(first) ||
    EXTRA_VERBS.test(first) ||
    Object.values(LEXICON).some((re) => re.test(first) && re.exec(first)?.[0].length === first.length);
  if (!isAction) {
    const bare = text.replace(/^["“]|["”]$/g, "");
    const speech = /\?$/.test(text) || /^[\p{L}']+,/u.test(text) || /^(?:hello|hey|hi|yes|no|please|listen|sorry|thanks|thank you|wait)\b/i.test(text);
    if (speech) return `You say: “${bare}”`;
    // Narration in the third person ("A rider approaches; I wave"): keep it, in second person.
    const told = convertOutsideQuotes(text);
    return /[.!?…"”]$/.test(told) ? told : `${told}.`;
  }
  text = convertOutsideQuotes(text);
  if (!/^you\b/i.test(text)) text = `You ${text[0].toLowerCase()}${text.slice(1)}`;
  text = `Y${text.slice(1)}`;
  return /[.!?…"”]$/.test(text) ? text : `${text}.`;
}
