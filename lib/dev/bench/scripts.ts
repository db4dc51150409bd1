/**
 * The simulated model's behaviour in each flow. One stateless script serves every lane: what it
 * returns depends only on the request (which tools are bound, what the last user message says,
 * how many assistant turns follow it), never on counters, so concurrent lanes cannot disturb it.
 *
 * - Strong ReAct baseline (binds `read_state` and the batched `add_memories`): one answer with every
 *   read in parallel (read_state of three paths, read_world, search_memories with relationships,
 *   query_relationships), then the narrative and the same batch of writes as the hybrid in one
 *   answer (its best case: the narrative streams before the writes run), then an empty final answer.
 *   3 model calls, 6–7 tool calls.
 * - Weak ReAct baseline (binds `read_state`, unbatched): tools one or two at a time over several
 *   rounds — read_state ×2–3, read_world on a scenario's first turn, search_memories +
 *   query_relationships, update_state, update_world when the world changes, add_memory ×2–3
 *   (7–11 tool calls, 5–8 model calls) — then the narrative as the final answer.
 * - Hybrid narrate (write tools bound, no read tools): the narrative, then ONE batch of writes:
 *   update_state + add_memories (+ update_world when the world changes).
 * - Hybrid confirm (the last user message starts with "Write results:"): one short sentence.
 * - Background relationship enrichment (the engine's worker, after a turn, when the rules could
 *   not classify a relationship memory): one classify_relationship call, type from the wording.
 *
 * Both flows get the same narrative for a turn: 140–160 words, chosen by the turn index.
 */
import { CLASSIFY_TOOL } from "../../enrichment/classify.ts";
import { requestedPair } from "../../enrichment/request.ts";
import { WRITE_RESULTS_HEADER } from "../../prompts/confirm.ts";
import { MARKERS } from "../../prompts/turnMessage.ts";
import { lastUserText } from "../simulator/scripts.ts";
import type { ChatRequest, Reply, ScriptToolCall } from "../simulator/types.ts";
import { stepForInput, type StoryPosition } from "./story.ts";

export type ScriptedFlow = "weak" | "strong" | "narrate" | "confirm" | "enrich";

/** Which flow (and step of it) a request belongs to, from the request alone. */
export function flowOf(req: ChatRequest): ScriptedFlow {
  const tools = (req.tools ?? []).map((t) => t.function?.name);
  if (tools.includes("read_state")) return tools.includes("add_memories") ? "strong" : "weak";
  if (tools.includes(CLASSIFY_TOOL.name)) return "enrich";
  if (lastUserText(req).startsWith(WRITE_RESULTS_HEADER)) return "confirm";
  return "narrate";
}

/** The player's action in a user message (both flows put it after "Player action: "). */
export function playerAction(text: string): string {
  const line = text.split("\n").find((l) => l.startsWith(MARKERS.action));
  return (line ? line.slice(MARKERS.action.length) : text).trim();
}

const SENTENCES = [
  "The wind shifts and carries the smell of dust, salt and old smoke across the camp.",
  "Somewhere behind you a mule stamps and snorts, impatient with the long wait.",
  "NAME watches you for a long moment before answering, weighing every word.",
  "\"You should have come to me sooner,\" NAME says quietly, glancing over a shoulder.",
  "The light is thin and grey, and every shadow seems to lean a little closer.",
  "You notice a scrap of cloth caught on a nail, the same colour you saw before.",
  "Voices rise and fall nearby, then go silent when they notice you listening.",
  "For a heartbeat nobody moves, and the only sound is the creak of old timber.",
  "NAME's hands are busy, but NAME's eyes never leave yours while you speak.",
  "A bell rings once in the distance, and the silence afterwards feels expectant.",
  "The ground is rough underfoot, and your boots are grey with the dust of the road.",
  "Whatever happens next, you sense that this moment will be remembered by more than one person.",
];

/** The turn's narrative: the same words for both flows, 140–160 words by the turn index. */
export function narrativeFor(pos: StoryPosition): string {
  const target = 140 + ((pos.index * 37) % 21);
  const name = pos.step.focus.charAt(0).toUpperCase() + pos.step.focus.slice(1);
  const words = [`You`, ...pos.step.input.replace(/^I /, "").replace(/[.!?]$/, "").split(" "), "and", "the", "world", "answers."];
  for (let i = pos.index; words.length < target; i++) words.push(...SENTENCES[i % SENTENCES.length].replaceAll("NAME", name).split(" "));
  const text = words.slice(0, target).join(" ");
  return /[.!?"]$/.test(text) ? text : `${text.replace(/[,;:]$/, "")}.`;
}

/** The hybrid narrator's single batch of writes for a step. */
export function hybridWrites(pos: StoryPosition): ScriptToolCall[] {
  const { step } = pos;
  const calls: ScriptToolCall[] = [{ name: "update_state", args: { ops: step.ops } }];
  if (step.world) calls.push({ name: "update_world", args: step.world });
  calls.push({ name: "add_memories", args: { memories: step.memories } });
  return calls;
}

/** The ReAct model's tool rounds for a step (each round is one model answer with 1–2 calls). */
export function baselineRounds(pos: StoryPosition): ScriptToolCall[][] {
  const { step, index } = pos;
  const rounds: ScriptToolCall[][] = [];
  rounds.push([{ name: "read_state", args: { path: "player" } }, { name: "read_state", args: { path: "inventory" } }]);
  const second: ScriptToolCall[] = [];
  if (index % 2 === 0) second.push({ name: "read_state", args: { path: "flags" } });
  if (index === 0) second.push({ name: "read_world", args: {} });
  if (second.length > 0) rounds.push(second);
  rounds.push([
    { name: "search_memories", args: { query: step.input, k: 6 } },
    { name: "query_relationships", args: { entity_id: step.focus } },
  ]);
  rounds.push([{ name: "update_state", args: { ops: step.ops } }]);
  if (step.world) rounds.push([{ name: "update_world", args: step.world }]);
  const adds = step.memories.map((m): ScriptToolCall => ({ name: "add_memory", args: { ...m } }));
  for (let i = 0; i < adds.length; i += 2) rounds.push(adds.slice(i, i + 2));
  return rounds;
}

/** The strong ReAct model's answers for a step: parallel reads, narrative + writes, then an empty final answer. */
export function strongRounds(pos: StoryPosition): Reply[] {
  const { step } = pos;
  const reads: ScriptToolCall[] = [
    { name: "read_state", args: { paths: ["player", "inventory", "flags"] } },
    { name: "read_world", args: {} },
    { name: "search_memories", args: { query: step.input, k: 6, include_relationships: true } },
    { name: "query_relationships", args: { entity_id: step.focus } },
  ];
  return [{ toolCalls: reads }, { content: narrativeFor(pos), toolCalls: hybridWrites(pos) }, { content: "" }];
}

/** Tool calls the baseline makes for a step (for tests and docs). */
export function baselineToolCount(pos: StoryPosition): number {
  return baselineRounds(pos).reduce((n, r) => n + r.length, 0);
}

const KEYWORDS: Array<[RegExp, string, number]> = [
  [/\bally\b|alliance/i, "alliance", 0.6],
  [/distrust/i, "distrust", -0.5],
  [/trust|counts on/i, "trust", 0.6],
  [/fear/i, "fear", -0.6],
  [/hate/i, "hostility", -0.8],
  [/resent|suspect/i, "rivalry", -0.4],
  [/respect|admire/i, "respect", 0.6],
];

/** A deterministic relationship classification from the memory's wording. */
function classify(text: string): { edges: Array<{ from: string; to: string; type: string; sentiment: number }>; confidence: number; reason: string } {
  const [, type, sentiment] = KEYWORDS.find(([re]) => re.test(text)) ?? [/./, "friendship", 0.3];
  const pair = requestedPair(text);
  return { edges: pair ? [{ ...pair, type, sentiment }] : [], confidence: 0.8, reason: "from the memory's wording" };
}

/** Assistant answers after the last user message = the ReAct round this request asks for. */
function reactRound(req: ChatRequest): number {
  let round = 0;
  for (let i = req.messages.length - 1; i >= 0 && req.messages[i].role !== "user"; i--) {
    if (req.messages[i].role === "assistant") round++;
  }
  return round;
}

/** The bench's script for the simulated model server (both flows, any concurrency). */
export function benchScript(req: ChatRequest): Reply {
  const flow = flowOf(req);
  if (flow === "enrich") return { toolCalls: [{ name: CLASSIFY_TOOL.name, args: classify(lastUserText(req)) }] };
  if (flow === "confirm") {
    const writes = lastUserText(req).split("\n").filter((l) => l.startsWith("- ")).length;
    return { content: `Saved ${writes} changes to the story.` };
  }
  const pos = stepForInput(playerAction(lastUserText(req)));
  if (flow === "narrate") return { content: narrativeFor(pos), toolCalls: hybridWrites(pos) };
  const round = reactRound(req);
  if (flow === "strong") return strongRounds(pos)[Math.min(round, 2)];
  const rounds = baselineRounds(pos);
  return round < rounds.length ? { toolCalls: rounds[round] } : { content: narrativeFor(pos) };
}
