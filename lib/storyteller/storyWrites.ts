import type { MemoryInput } from "../memory/types.ts";
import type { RelationshipType } from "../relationships/types.ts";
import type { StoryBrief } from "./storyBrief.ts";
import type { ActionReading } from "./storyIntent.ts";
import type { Outcome, Present } from "./storyOutcome.ts";
import { chance } from "./storyRandom.ts";

/**
 * The write tool calls a careful narrator would make for a resolved turn, at most one per tool,
 * in the order update_state, update_world, create_character, add_memories (or add_memory when
 * only that one is bound). Relationship memories are worded for the rule-based extractor: the
 * character first, a plain cue ("now counts on", "now distrusts", "is afraid of"), then the
 * player's name, and each carries the `edge` hint (the type the narrator means) for the engine to check.
 */

/** One requested tool call. */
export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

/** A relationship memory's text and the edge the narrator states with it (towards the player). */
interface Bond {
  content: string;
  type: RelationshipType;
}

const bondOf = (content: string, type: RelationshipType): Bond => ({ content, type });

/** The memory of a bond, with its `edge` hint: the holder feels `type` towards the player. */
const bondMemory = (holder: string, bond: Bond, player: string): MemoryInput => ({
  entity_id: holder,
  scope: "relationship",
  visibility: "private",
  content: bond.content,
  edge: { about: player, type: bond.type },
});

/** The relationship cue and the event, per kind of interaction, for one character. */
function memoriesFor(p: Present, brief: StoryBrief, reading: ActionReading, outcome: Outcome): MemoryInput[] {
  const npc = p.short;
  const player = brief.player.name;
  const at = `at ${outcome.place}`;
  const gift = outcome.gift?.label ?? "what little there was";
  const shared = /\bshar/i.test(brief.action) ? "shared" : "gave";
  let event: string;
  let bond: Bond | undefined;
  switch (outcome.lead) {
    case "attack":
      event = `${player} attacked ${npc} ${at}.`;
      bond = p.mood === "afraid" ? bondOf(`${npc} now fears ${player} after the attack ${at}.`, "fear") : bondOf(`${npc} detests ${player} for the attack ${at}.`, "hostility");
      break;
    case "threaten":
      event = `${player} threatened ${npc} ${at}.`;
      bond = p.mood === "afraid" ? bondOf(`${npc} is afraid of ${player} after the threats ${at}.`, "fear") : bondOf(`${npc} is wary of ${player} after the threats ${at}.`, "distrust");
      break;
    case "deceive":
      if (reading.stealing) {
        const what = outcome.itemGained ? `the ${outcome.itemGained.item}` : "something";
        event = outcome.noticed ? `${player} was caught stealing ${what} from ${npc} ${at}.` : `${player} stole ${what} from ${npc} unseen ${at}.`;
        bond = outcome.noticed ? bondOf(`${npc} now distrusts ${player} after the theft ${at}.`, "distrust") : undefined;
        break;
      }
      event = outcome.noticed ? `${player} was caught lying to ${npc} ${at}.` : `${player} told ${npc} a story ${at} that did not quite ring true.`;
      bond = outcome.noticed ? bondOf(`${npc} now distrusts ${player} after catching the lie ${at}.`, "distrust") : bondOf(`${npc} is wary of ${player} after an odd conversation ${at}.`, "distrust");
      break;
    case "give":
      event = shared === "shared" ? `${player} shared ${gift} with ${npc} ${at}.` : `${player} gave ${gift} to ${npc} ${at}.`;
      bond = p.mood === "warm" ? bondOf(`${npc} now counts on ${player} after the gift of ${gift} ${at}.`, "trust") : bondOf(`${npc} is grateful to ${player} for the gift of ${gift} ${at}.`, "respect");
      break;
    case "help":
      event = reading.healing ? `${player} tended ${npc}'s wounds ${at}.` : `${player} helped ${npc} ${at}.`;
      bond =
        p.mood === "warm"
          ? reading.healing
            ? bondOf(`${npc} is grateful to and enjoys the company of ${player} after the care ${at}.`, "friendship")
            : bondOf(`${npc} trusts ${player} after the help ${at}.`, "trust")
          : bondOf(`${npc} is grateful to ${player} for the help ${at}.`, "respect");
      break;
    case "observe":
      event = outcome.noticed ? `${npc} caught ${player} watching ${at}.` : `${player} watched ${npc} ${at}.`;
      bond = outcome.noticed ? bondOf(`${npc} is wary of ${player} after catching the watcher ${at}.`, "distrust") : undefined;
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
  if (bond) memories.push(bondMemory(p.entity.id, bond, brief.player.id));
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

function bondForTalk(reading: ActionReading, p: Present, npc: string, player: string, at: string): Bond {
  if (p.mood === "cold") return bondOf(`${npc} is wary of ${player} after their exchange ${at}.`, "distrust");
  const warm = p.mood === "warm";
  switch (reading.tone) {
    case "thank":
      return warm ? bondOf(`${npc} admires ${player} for the kind words ${at}.`, "respect") : bondOf(`${npc} respects ${player} for the courtesy ${at}.`, "respect");
    case "persuade":
      return bondOf(`${npc} respects ${player} after hearing the argument ${at}.`, "respect");
    case "confide":
      return warm ? bondOf(`${npc} trusts ${player} after the confidence shared ${at}.`, "trust") : bondOf(`${npc} respects ${player} for speaking honestly ${at}.`, "respect");
    default: {
      const what = reading.intents.includes("talk") ? "their talk" : "their time together";
      return warm ? bondOf(`${npc} enjoys the company of ${player} after ${what} ${at}.`, "friendship") : bondOf(`${npc} respects ${player} after ${what} ${at}.`, "respect");
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
      ? bondOf(`${first} now counts on ${brief.player.name} for wages and a safe road.`, "trust")
      : chance(rng, 0.5)
        ? bondOf(`${first} respects ${brief.player.name} after their first meeting ${at}.`, "respect")
        : bondOf(`${first} is wary of ${brief.player.name} after their first meeting ${at}.`, "distrust");
    memories.push(bondMemory(nc.id, bond, brief.player.id));
  }
  if (memories.length > 0) {
    if (bound.has("add_memories")) calls.push({ name: "add_memories", args: { memories: memories.slice(0, 20) } });
    else if (bound.has("add_memory")) {
      calls.push({ name: "add_memory", args: { ...(memories.find((m) => m.scope === "relationship") ?? memories[0]) } });
    }
  }
  return calls;
}
