import type { StoryBrief } from "./storyBrief.ts";
import type { ActionReading } from "./storyIntent.ts";
import type { Outcome } from "./storyOutcome.ts";
import { chance, pick } from "./storyRandom.ts";
import { BACKGROUND, CONSEQUENCES, REACTIONS, RECALL } from "./storyReactions.ts";
import { ATMOSPHERE, BEATS, DETAILS, HOOKS, HOOKS_FACTION, HOOKS_OTHER, NOTICE, OPENINGS } from "./storyTemplates.ts";
import { driftWeather, phaseOf, secondPerson } from "./storyWorld.ts";

/**
 * Composes the turn's prose from template fragments: an opening grounded in the world, the
 * action in second person, a beat, each character's reaction (coloured by background and
 * history), what changed, and a closing hook — then pads or trims it to 80–200 words.
 */

/** Word bounds every narrative respects. */
export const NARRATIVE_WORDS = { min: 80, max: 200 } as const;

type Vars = Record<string, string>;

const cap = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Replaces {key} with vars[key] and {Key} with the capitalised value. */
export function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (_all, key: string) => {
    const lower = key[0].toLowerCase() + key.slice(1);
    const value = vars[key] ?? vars[lower] ?? "";
    return key[0] === key[0].toUpperCase() ? cap(value) : value;
  });
}

/** Words in a text (whitespace-separated). */
export const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** A sentence part: `drop` 0 is kept always; higher numbers are dropped first when too long. */
interface Part {
  text: string;
  drop: number;
  paragraph: 0 | 1 | 2;
}

/** The first sentence of a background, as a phrase ("Young water-master who…" → "young water-master who…"). */
function backgroundPhrase(background: string): string | undefined {
  if (!background || /^the player\b/i.test(background)) return undefined;
  let first = background.split(/(?<=[.!?…])\s/)[0].replace(/[.!?…]+$/, "").trim();
  if (first.split(/\s+/).length > 16) first = first.split(",")[0];
  if (first.split(/\s+/).length > 16 || first.length < 3) return undefined;
  return /^[A-Z][a-z]/.test(first) ? first[0].toLowerCase() + first.slice(1) : first;
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? "an" : "a");

/** The prose of one turn. Deterministic for a given rng. */
export function composeNarrative(brief: StoryBrief, reading: ActionReading, outcome: Outcome, rng: () => number): string {
  const used = new Set<string>();
  const choose = (lines: readonly string[]): string => {
    const fresh = lines.filter((l) => !used.has(l));
    const line = pick(rng, fresh.length > 0 ? fresh : lines);
    used.add(line);
    return line;
  };
  const time = brief.world.time ?? "an hour without a name";
  const base: Vars = {
    time,
    phase: phaseOf(brief.world.time) ?? "grey",
    loc: brief.world.location ?? "the open road",
    weather: brief.world.weather ?? driftWeather(rng, outcome.palette, undefined),
    recipient: outcome.recipient?.short ?? "your companion",
  };
  const parts: Part[] = [];
  const add = (text: string, drop: number, paragraph: Part["paragraph"]) => parts.push({ text, drop, paragraph });

  add(fill(choose(OPENINGS), base), 0, 0);
  add(secondPerson(brief.action), 0, 0);
  add(choose(BEATS[outcome.lead]), 0, 0);
  const second = reading.intents[1];
  if (second) add(choose(BEATS[second]), 3, 0);

  const nc = outcome.newcomer;
  if (nc) {
    const v = { ...base, role: nc.role, newName: nc.name, article: article(nc.role) };
    add(fill(choose(CONSEQUENCES.newcomer), v), 0, 1);
    if (nc.hired) add(fill(choose(CONSEQUENCES.hired), v), 1, 1);
  }
  outcome.people.forEach((p, i) => {
    const v = { ...base, name: p.short };
    if (i === 0 && outcome.targetHurt) add(fill(choose(CONSEQUENCES.struck), v), 0, 1);
    add(fill(choose(REACTIONS[p.mood]), v), i === 0 ? 0 : 2, 1);
    const bg = backgroundPhrase(p.entity.background);
    if (bg && i < 2) add(fill(choose(BACKGROUND), { ...v, bg }), 3, 1);
    if (Math.abs(p.prior) >= 0.2) add(fill(choose(RECALL[p.prior > 0 ? "good" : "bad"]), v), 3, 1);
  });

  const v = { ...base, phase: outcome.phase ?? "the turn of the hour", dest: outcome.world.location ?? "", weather: outcome.world.weather ?? "" };
  const gift = outcome.gift;
  if (gift?.kind === "water") add(fill(choose(CONSEQUENCES.water), v), 0, 2);
  if (gift?.kind === "item") add(fill(choose(CONSEQUENCES.item), { ...v, item: gift.label }), 0, 2);
  if (gift?.kind === "coins") add(fill(choose(CONSEQUENCES.coins), { ...v, coins: gift.label }), 0, 2);
  if (outcome.price) add(fill(choose(CONSEQUENCES.paid), { ...v, coins: outcome.price }), 1, 2);
  if (outcome.cannotAfford) add(choose(CONSEQUENCES.broke), 0, 2);
  if (outcome.searchedNothing) add(choose(CONSEQUENCES.nothing), 0, 2);
  if (outcome.itemGained) add(fill(choose(CONSEQUENCES.gained), { ...v, item: outcome.itemGained.item }), 0, 2);
  if (reading.intents.includes("attack")) add(choose(outcome.damage ? CONSEQUENCES.hurt : CONSEQUENCES.unhurt), 0, 2);
  if (outcome.healed) add(choose(CONSEQUENCES.healed), 1, 2);
  if (outcome.world.location) add(fill(choose(CONSEQUENCES.arrive), v), 0, 2);
  else if (outcome.world.time) add(fill(choose(CONSEQUENCES.passes), v), 0, 2);
  if (outcome.world.weather) add(fill(choose(CONSEQUENCES.weather), v), 2, 2);
  if (reading.intents.includes("observe")) add(fill(choose(NOTICE), { detail: pick(rng, DETAILS[outcome.palette]) }), 1, 2);

  const present = new Set([brief.player.id, ...reading.mentioned]);
  const others = brief.cast.filter((e) => e.type === "character" && !present.has(e.id));
  const factions = brief.cast.filter((e) => e.type === "faction");
  let hook: string;
  if (others.length > 0 && chance(rng, 0.5)) hook = fill(choose(HOOKS_OTHER), { other: pick(rng, others).name });
  else if (factions.length > 0 && chance(rng, 0.35)) hook = fill(choose(HOOKS_FACTION), { faction: pick(rng, factions).name });
  else hook = choose([...HOOKS[outcome.palette], ...HOOKS.any]);

  // The target length varies a little from turn to turn, so scenes do not all feel the same size.
  const target = NARRATIVE_WORDS.min + Math.floor(rng() * 30);
  return fitLength(parts, hook, outcome, choose, target);
}

/** Pads with atmosphere (before the hook) or drops optional parts until the word count fits. */
function fitLength(parts: Part[], hook: string, outcome: Outcome, choose: (lines: readonly string[]) => string, target: number): string {
  const total = () => countWords(hook) + parts.reduce((n, p) => n + countWords(p.text), 0);
  if (total() < target && !parts.some((p) => NOTICE.some((n) => p.text.startsWith(n.split("{")[0])))) {
    parts.push({ text: fill(choose(NOTICE), { detail: choose(DETAILS[outcome.palette]) }), drop: 0, paragraph: 2 });
  }
  for (let guard = 0; total() < target && guard < 12; guard++) {
    const pool = guard % 2 === 0 ? ATMOSPHERE[outcome.palette] : ATMOSPHERE.any;
    parts.push({ text: choose(pool), drop: 0, paragraph: 2 });
  }
  for (let level = 3; level >= 1 && total() > NARRATIVE_WORDS.max; level--) {
    for (let i = parts.length - 1; i >= 0 && total() > NARRATIVE_WORDS.max; i--) if (parts[i].drop === level) parts.splice(i, 1);
  }
  const paragraphs = [0, 1, 2]
    .map((n) => parts.filter((p) => p.paragraph === n).map((p) => p.text))
    .map((sentences, n) => (n === 2 ? [...sentences, hook] : sentences))
    .filter((s) => s.length > 0)
    .map((s) => s.join(" "));
  return paragraphs.join("\n\n");
}
