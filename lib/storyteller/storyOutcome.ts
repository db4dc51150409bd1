import { stateValue, type BriefEntity, type StoryBrief } from "./storyBrief.ts";
import type { ActionReading, Intent } from "./storyIntent.ts";
import { newcomerName, shortName } from "./storyNames.ts";
import { chance, intBetween, pick } from "./storyRandom.ts";
import { NEWCOMER_TRAITS, type Mood } from "./storyReactions.ts";
import { FINDS } from "./storyTemplates.ts";
import { advanceTime, driftWeather, landmark, paletteOf, phaseOf, stepsToDawn, stepsToPhase, type Palette } from "./storyWorld.ts";
import type { Json } from "../common/json.ts";

/**
 * What a turn changes, decided once from the brief and the reading, so the prose and the tool
 * calls always agree: water handed over, items gained or lost, wounds, the move, a newcomer,
 * and how each character present feels about it.
 */

/** A character in the scene with the mood the action puts them in. */
export interface Present {
  entity: BriefEntity;
  short: string;
  mood: Mood;
  /** -1..1: how the character felt about the player before this turn (edges and memories). */
  prior: number;
}

/** The resolved turn. */
export interface Outcome {
  palette: Palette;
  lead: Intent | "other";
  people: Present[];
  /** Who receives a gift (the first character mentioned). */
  recipient?: Present;
  gift?: { kind: "water" | "coins" | "item"; label: string };
  /** What a purchase cost, for prose ("3 coins"). */
  price?: string;
  waterGiven?: { path: string; amount: number };
  itemRemoved?: { path: string; item: string };
  coinsSpent?: { path: string; amount: number };
  itemGained?: { path: string; item: string };
  searchedNothing: boolean;
  cannotAfford: boolean;
  damage?: { path: string; amount: number };
  healed?: { path: string; amount: number };
  targetHurt: boolean;
  /** A deception or a watcher was noticed. */
  noticed: boolean;
  /** World keys that change (only the changed ones). */
  world: { location?: string; time?: string; weather?: string };
  /** Where the scene ends up, and its phase word for prose. */
  place: string;
  phase?: string;
  newcomer?: { id: string; name: string; role: string; hired: boolean; background: string };
}

/** Player/state paths tried in order; the first one present in the State section is used. */
const PATHS = {
  health: ["player.health", "health", "player.hp", "hp"],
  maxHealth: ["player.max_health", "max_health", "player.max_hp", "max_hp"],
  water: ["player.water", "water", "supplies.water"],
  coins: ["player.coins", "coins", "player.gold", "gold", "player.money", "money"],
  inventory: ["inventory", "player.inventory"],
};

function resolve(brief: StoryBrief, candidates: readonly string[]): { path: string; value: Json } | undefined {
  for (const path of candidates) {
    const value = stateValue(brief, path);
    if (value !== undefined) return { path, value };
  }
  return undefined;
}
const num = (v: Json | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

const WARM_WORDS = /\b(?:trusts?|counts on|grateful|admires?|respects?|enjoys? the company|fond|relies|likes?|friend)\b/i;
const COLD_WORDS = /\b(?:fears?|afraid|detests?|hates?|no longer trusts|wary|distrusts?|resents?|suspects?|despises?)\b/i;
const HARD_TRAITS = /\b(?:distrust\w*|suspicious|ruthless|merciless|resents?|cold|proud|hard)\b/i;
const SOFT_TRAITS = /\b(?:honest|generous|mothers|kind|loyal|gentle|respected|warm)\b/i;
const TIMID_TRAITS = /\b(?:frightened|terrified|afraid|young|timid|nervous|scared)\b/i;

/** How the character felt about the player before: relationship edges, then memories. */
function priorOf(entity: BriefEntity, brief: StoryBrief): number {
  let score = 0;
  for (const e of brief.relationships) if (e.from === entity.id && e.to === brief.player.id) score += e.sentiment * Math.max(0.3, e.strength);
  const playerWords = [brief.player.name, brief.player.name.split(/\s+/)[0], brief.player.id].filter((w) => w.length > 1);
  for (const m of brief.memories) {
    if (m.entity_id !== entity.id || !playerWords.some((w) => m.content.toLowerCase().includes(w.toLowerCase()))) continue;
    if (COLD_WORDS.test(m.content)) score -= 0.4;
    else if (WARM_WORDS.test(m.content)) score += 0.4;
  }
  return Math.max(-1, Math.min(1, score));
}

function moodOf(entity: BriefEntity, prior: number, lead: Intent | "other", reading: ActionReading, noticed: boolean, rng: () => number): Mood {
  const bg = entity.background;
  const trait = (SOFT_TRAITS.test(bg) ? 0.5 : 0) - (HARD_TRAITS.test(bg) ? 0.7 : 0);
  const timid = TIMID_TRAITS.test(bg);
  switch (lead) {
    case "attack":
      return timid || chance(rng, 0.4) ? "afraid" : "hostile";
    case "threaten":
      return timid || chance(rng, 0.5) ? "afraid" : "cold";
    case "deceive":
      return noticed ? "cold" : "guarded";
    case "observe":
      if (!noticed) return "unaware";
      return prior + trait < 0 ? "cold" : "guarded";
    default: {
      const base = lead === "give" || lead === "help" ? 1.6 : reading.tone === "thank" || reading.tone === "confide" ? 1 : 0.6;
      const score = base + prior * 2 + trait + (rng() - 0.5) * 0.6;
      return score >= 1.4 ? "warm" : score >= 0 ? "guarded" : "cold";
    }
  }
}

const WATER = /\b(?:water|canteen|waterskin|water-skin|flask|drink)\b/i;
const COIN = /\b(?:coins?|money|silver|gold|crowns?|marks?|payment)\b/i;

/** Decides everything the turn changes. Pure: same inputs and rng, same outcome. */
export function resolveOutcome(brief: StoryBrief, reading: ActionReading, rng: () => number): Outcome {
  const palette = paletteOf(brief.world);
  const lead: Intent | "other" = reading.intents[0] ?? "other";
  const has = (i: Intent) => reading.intents.includes(i);
  const noticed = chance(rng, 0.5);
  const byId = new Map(brief.cast.map((e) => [e.id, e]));
  const people = reading.mentioned
    .map((id) => byId.get(id))
    .filter((e): e is BriefEntity => e?.type === "character")
    .slice(0, 3)
    .map((entity) => {
      const prior = priorOf(entity, brief);
      return { entity, short: shortName(entity), prior, mood: moodOf(entity, prior, lead, reading, noticed, rng) };
    });
  const out: Outcome = {
    palette, lead, people, recipient: people[0], searchedNothing: false, cannotAfford: false, targetHurt: false, noticed,
    world: {}, place: brief.world.location ?? "the road",
  };
  const inventory = resolve(brief, PATHS.inventory);
  const items = Array.isArray(inventory?.value) ? inventory.value.filter((v): v is string => typeof v === "string") : [];
  const inventoryPath = inventory?.path ?? "inventory";
  const coins = resolve(brief, PATHS.coins);
  const purse = num(coins?.value);

  if (has("give") && reading.item) {
    const item = reading.item;
    const owned = items.find((i) => i.toLowerCase() === item.toLowerCase()) ??
      items.find((i) => item.toLowerCase().includes(i.toLowerCase()) || i.toLowerCase().includes(item.toLowerCase()));
    if (owned) {
      out.gift = { kind: "item", label: owned };
      if (inventory) out.itemRemoved = { path: inventoryPath, item: owned };
    } else if (WATER.test(item)) {
      out.gift = { kind: "water", label: "water" };
      const water = resolve(brief, PATHS.water);
      if (water && (num(water.value) ?? 0) > 0) out.waterGiven = { path: water.path, amount: 1 };
    } else if (COIN.test(item) || reading.coins !== undefined) {
      const amount = reading.coins ?? intBetween(rng, 1, 3);
      out.gift = { kind: "coins", label: amount === 1 ? "a single coin" : `${amount} coins` };
      if (coins && purse !== undefined && purse >= amount) out.coinsSpent = { path: coins.path, amount };
    } else {
      out.gift = { kind: "item", label: item.replace(/^(?:the|a|an)\s+/i, "") };
    }
  }

  if (has("take") && !out.gift) {
    let item = reading.item?.replace(/^(?:the|a|an)\s+/i, "");
    if (reading.searching) {
      item = chance(rng, 0.7) ? pick(rng, FINDS[palette]) : undefined;
      out.searchedNothing = item === undefined;
    }
    if (item && reading.buying) {
      const price = reading.coins ?? intBetween(rng, 1, 4);
      if (coins && purse !== undefined) {
        if (purse >= price) out.coinsSpent = { path: coins.path, amount: price };
        else out.cannotAfford = true;
      }
      if (!out.cannotAfford) out.price = price === 1 ? "a single coin" : `${price} coins`;
    }
    if (item && !out.cannotAfford && !items.some((i) => i.toLowerCase() === item.toLowerCase())) {
      out.itemGained = { path: inventoryPath, item };
    }
  }

  const health = resolve(brief, PATHS.health);
  const hp = num(health?.value);
  const maxHp = num(resolve(brief, PATHS.maxHealth)?.value);
  if (has("attack")) {
    out.targetHurt = people.length > 0 || reading.mentioned.length > 0;
    if (health && hp !== undefined && chance(rng, 0.6)) {
      const amount = Math.min(intBetween(rng, 1, 3), Math.max(0, hp - 1));
      if (amount > 0) out.damage = { path: health.path, amount };
    }
  }
  const heals = (reading.healing && reading.selfCare) || has("rest");
  if (heals && health && hp !== undefined && !out.damage) {
    const room = maxHp !== undefined ? maxHp - hp : 1;
    const amount = Math.min(reading.healing ? 2 : 1, room);
    if (amount > 0) out.healed = { path: health.path, amount };
  }

  const time = brief.world.time;
  if (has("travel")) {
    out.world.location = reading.destination?.name ?? landmark(rng, palette, brief.world.location);
    out.place = out.world.location;
    if (time) out.world.time = advanceTime(time, 1);
  } else if (has("rest") && time) {
    const until = /\b(?:until|till|til|through to)\s+(?:the\s+)?(\w+)/i.exec(brief.action)?.[1];
    const steps = until && phaseOf(until) ? stepsToPhase(time, until) : reading.sleeping ? stepsToDawn(time) : 1;
    out.world.time = advanceTime(time, steps);
  }
  if ((has("travel") || has("rest")) && chance(rng, 0.3)) out.world.weather = driftWeather(rng, palette, brief.world.weather);
  if (out.world.time === undefined) delete out.world.time;
  out.phase = phaseOf(out.world.time ?? time);

  if (reading.newcomer) {
    const { id, name } = newcomerName(rng, brief.cast, brief.player.id);
    const role = reading.newcomer.role;
    const met = `${role[0].toUpperCase()}${role.slice(1)} met at ${out.place} on turn ${brief.turn}`;
    const hired = reading.newcomer.hired ? `, hired by ${brief.player.name}` : "";
    out.newcomer = { id, name, role, hired: reading.newcomer.hired, background: `${met}${hired}; ${pick(rng, NEWCOMER_TRAITS)}.` };
  }
  return out;
}
