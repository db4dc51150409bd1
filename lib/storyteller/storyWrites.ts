import type { MemoryInput } from "../memory/types.ts";
import type { StoryBrief } from "./storyBrief.ts";
import type { ActionReading } from "./storyIntent.ts";
import type { Outcome, Present } from "./storyOutcome.ts";
import { chance } from "./storyRandom.ts";

/**
 * The write tool calls a careful narrator would make for a resolved turn, at most one per tool,
 * in the order update_state, update_world, create_character, add_memories (or add_memory when
 * only that one is bound). Relationship memories are worded for the rule-based extractor: the
 * character first, a plain cue ("now counts on", "no longer trusts", "is afraid of"), then the
 * player's name.
 */

/** One requested tool call. */
export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

/** The relationship cue and the event, per kind of interaction, for one character. */
function memoriesFor(p: Present, brief: StoryBrief, reading: ActionReading, outcome: Outcome): MemoryInput[] {
  const npc = p.short;
  const player = brief.player.name;
  const at = `at ${outcome.place}`;
  const gift = outcome.gift?.label ?? "what little there was";
  const shared = /\bshar/i.test(brief.action) ? "shared" : "gave";
  let event: string;
  let bond: string | undefined;
  switch (outcome.lead) {
    case "attack":
      event = `${player} attacked ${npc} ${at}.`;
      bond = p.mood === "afraid" ? `${npc} now fears ${player} after the attack ${at}.` : `${npc} detests ${player} for the attack ${at}.`;
      break;
    case "threaten":
      event = `${player} threatened ${npc} ${at}.`;
      bond = p.mood === "afraid" ? `${npc} is afraid of ${player} after the threats ${at}.` : `${npc} is wary of ${player} after the threats ${at}.`;
      break;
    case "deceive":
      if (reading.stealing) {
        const what = outcome.itemGained ? `the ${outcome.itemGained.item}` : "something";
        event = outcome.noticed ? `${player} was caught stealing ${what} from ${npc} ${at}.` : `${player} stole ${what} from ${npc} unseen ${at}.`;
        bond = outcome.noticed ? `${npc} no longer trusts ${player} after the theft ${at}.` : undefined;
        break;
      }
      event = outcome.noticed ? `${player} was caught lying to ${npc} ${at}.` : `${player} told ${npc} a story ${at} that did not quite ring true.`;
      bond = outcome.noticed ? `${npc} no longer trusts ${player} after catching the lie ${at}.` : `${npc} is wary of ${player} after an odd conversation ${at}.`;
      break;
    case "give":
      event = shared === "shared" ? `${player} shared ${gift} with ${npc} ${at}.` : `${player} gave ${gift} to ${npc} ${at}.`;
      bond = p.mood === "warm" ? `${npc} now counts on ${player} after the gift of ${gift} ${at}.` : `${npc} is grateful to ${player} for the gift of ${gift} ${at}.`;
      break;
    case "help":
      event = reading.healing ? `${player} tended ${npc}'s wounds ${at}.` : `${player} helped ${npc} ${at}.`;
      bond =
        p.mood === "warm"
          ? reading.healing
            ? `${npc} is grateful to and enjoys the company of ${player} after the care ${at}.`
            : `${npc} trusts ${player} after the help ${at}.`
          : `${npc} is grateful to ${player} for the help ${at}.`;
      break;
    case "observe":
      event = outcome.noticed ? `${npc} caught ${player} watching ${at}.` : `${player} watched ${npc} ${at}.`;
      bond = outcome.noticed ? `${npc} is wary of ${player} after catching the watcher ${at}.` : undefined;
      break;
    default:
      event = eventForTalk(reading, outcome, npc, player, at);
      bond = bondForTalk(reading, p, npc, player, at);
  }
  // A watcher who was not noticed: only the player remembers it.
  const unseen = (outcome.lead === "observe" || (outcome.lead === "deceive" && reading.stealing)) && !outcome.noticed;
  const memories: MemoryInput[] = [
    { entity_id: unseen ? brief.player.id : p.entity.id, scope: "event", visibility: unseen ? "private" : "public", content: event },
  ];
  if (bond) memories.push({ entity_id: p.entity.id, scope: "relationship", visibility: "private", content: bond });
  return memories;
}

function eventForTalk(reading: ActionReading, outcome: Outcome, npc: string, player: string, at: string): string {
  if (outcome.lead === "travel") return `${player} travelled with ${npc} to ${outcome.place}.`;
  if (outcome.lead === "rest") return `${player} rested alongside ${npc} ${at}.`;
  if (outcome.lead === "take") {
    const item = outcome.itemGained ? `the ${outcome.itemGained.item}` : "nothing";
    return reading.buying ? `${player} bought ${item} from ${npc} ${at}.` : `${player} took ${item} while ${npc} looked on ${at}.`;
  }
  if (reading.tone === "thank") return `${player} thanked ${npc} ${at}.`;
  if (reading.tone === "persuade") return `${player} tried to persuade ${npc} ${at}.`;
  if (reading.tone === "confide") return `${player} confided in ${npc} ${at}.`;
  if (reading.tone === "ask") return `${player} questioned ${npc} ${at}.`;
  return `${player} spoke with ${npc} ${at}.`;
}

function bondForTalk(reading: ActionReading, p: Present, npc: string, player: string, at: string): string {
  if (p.mood === "cold") return `${npc} is wary of ${player} after their exchange ${at}.`;
  const warm = p.mood === "warm";
  switch (reading.tone) {
    case "thank":
      return warm ? `${npc} admires ${player} for the kind words ${at}.` : `${npc} respects ${player} for the courtesy ${at}.`;
    case "persuade":
      return `${npc} respects ${player} after hearing the argument ${at}.`;
    case "confide":
      return warm ? `${npc} trusts ${player} after the confidence shared ${at}.` : `${npc} respects ${player} for speaking honestly ${at}.`;
    default: {
      const what = reading.intents.includes("talk") ? "their talk" : "their time together";
      return warm ? `${npc} enjoys the company of ${player} after ${what} ${at}.` : `${npc} respects ${player} after ${what} ${at}.`;
    }
  }
}

/** The tool calls for a turn, restricted to `bound` tool names. */
export function planWrites(
  brief: StoryBrief,
  reading: ActionReading,
  outcome: Outcome,
  rng: () => number,
  bound: ReadonlySet<string>,
): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const ops: Array<{ op: "set" | "inc" | "dec" | "push" | "remove"; path: string; value: string | number }> = [];
  if (outcome.waterGiven) ops.push({ op: "dec", path: outcome.waterGiven.path, value: outcome.waterGiven.amount });
  if (outcome.itemRemoved) ops.push({ op: "remove", path: outcome.itemRemoved.path, value: outcome.itemRemoved.item });
  if (outcome.coinsSpent) ops.push({ op: "dec", path: outcome.coinsSpent.path, value: outcome.coinsSpent.amount });
  if (outcome.itemGained) ops.push({ op: "push", path: outcome.itemGained.path, value: outcome.itemGained.item });
  if (outcome.damage) ops.push({ op: "dec", path: outcome.damage.path, value: outcome.damage.amount });
  if (outcome.healed) ops.push({ op: "inc", path: outcome.healed.path, value: outcome.healed.amount });
  if (ops.length > 0 && bound.has("update_state")) calls.push({ name: "update_state", args: { ops } });

  const world = Object.fromEntries(Object.entries(outcome.world).filter(([, v]) => typeof v === "string" && v.length > 0));
  if (Object.keys(world).length > 0 && bound.has("update_world")) calls.push({ name: "update_world", args: world });

  const memories: MemoryInput[] = outcome.people.flatMap((p) => memoriesFor(p, brief, reading, outcome));
  const nc = outcome.newcomer;
  if (nc && bound.has("create_character")) {
    calls.push({ name: "create_character", args: { id: nc.id, name: nc.name, type: "character", background: nc.background } });
    const first = nc.name.split(" ")[0];
    const at = `at ${outcome.place}`;
    memories.push({
      entity_id: nc.id,
      scope: "event",
      visibility: "public",
      content: nc.hired ? `${brief.player.name} hired ${first} ${at}.` : `${first} met ${brief.player.name} ${at}.`,
    });
    const bond = nc.hired
      ? `${first} now counts on ${brief.player.name} for wages and a safe road.`
      : chance(rng, 0.5)
        ? `${first} respects ${brief.player.name} after their first meeting ${at}.`
        : `${first} is wary of ${brief.player.name} after their first meeting ${at}.`;
    memories.push({ entity_id: nc.id, scope: "relationship", visibility: "private", content: bond });
  }
  if (memories.length > 0) {
    if (bound.has("add_memories")) calls.push({ name: "add_memories", args: { memories: memories.slice(0, 20) } });
    else if (bound.has("add_memory")) {
      calls.push({ name: "add_memory", args: { ...(memories.find((m) => m.scope === "relationship") ?? memories[0]) } });
    }
  }
  return calls;
}
