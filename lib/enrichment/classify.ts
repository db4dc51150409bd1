import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import { RELATIONSHIP_TYPES } from "../relationships/types.ts";
import type { EnrichmentResult, NewEnrichmentTask } from "./queue.ts";

const TypeOrNone = z.enum([...RELATIONSHIP_TYPES, "none"]);

/**
 * The structured answer the model must give: the pair both ways in one call, because a queued pair
 * is read once ("Sera and Quill swore common cause" is two edges; "Corvin frightens Tomas" is held
 * by the second person named). Asking one direction only capped even a perfect model at 0.901 of
 * the fresh sets' lines; both ways, 0.931 (docs/enrichment.md).
 */
export const ClassificationSchema = z.strictObject({
  // "none": the memory shows no feeling of `from` toward `to` (precision first: enrichment must be
  // able to say so rather than invent an edge).
  type: TypeOrNone,
  sentiment: z.number().min(-1).max(1),
  // The same, held by `to` toward `from`.
  reverse_type: TypeOrNone,
  reverse_sentiment: z.number().min(-1).max(1),
  confidence: z.number().min(0).max(1),
  reason: z.string().min(1).max(300),
});

/**
 * What is accepted back: a model that leaves out the reverse half still gives the forward one (the
 * reverse then stays unread, as before the pair was asked both ways; stored answers of that time too).
 */
const AnswerSchema = ClassificationSchema.partial({ reverse_type: true, reverse_sentiment: true });

export const CLASSIFY_TOOL = {
  name: "classify_relationship",
  description: "The relationship the memory shows, held by `from` toward `to` (type) and by `to` toward `from` (reverse_type); none where it shows none.",
  schema: ClassificationSchema,
};

/** Marker the offline storyteller recognises to answer enrichment deterministically. */
export const ENRICHMENT_MARKER = "Classify the relationship";

export function buildClassifyMessages(task: NewEnrichmentTask, names: Record<string, string>): BaseMessage[] {
  const name = (id: string) => `${names[id] ?? id} (${id})`;
  const guess = task.guess_type ? ` The rules guessed ${task.guess_type} (confidence ${task.guess_confidence?.toFixed(2)}).` : "";
  return [
    new SystemMessage(
      `${ENRICHMENT_MARKER} a story memory shows, both ways, by calling classify_relationship once. Types: ${RELATIONSHIP_TYPES.join(", ")}, ` +
        "or none when the memory shows no such feeling (a rumour, a wish, someone else's feeling). type: held by from toward to; " +
        "reverse_type: held by to toward from (mutual words such as allies, friends, rivals, sisters give both). " +
        "sentiment and reverse_sentiment -1..1 (negative for distrust, fear, rivalry, hostility), confidence 0..1, reason in a few words.",
    ),
    new HumanMessage(`Memory held by ${name(task.entity_id)}: "${task.content}"\nfrom: ${name(task.from)}\nto: ${name(task.to)}${guess}`),
  ];
}

/** A failure that retrying cannot fix: the task is marked failed at once. */
export class PermanentEnrichmentError extends Error {
  override name = "PermanentEnrichmentError";
}

/** The model answered but would not classify (no tool call). */
export class EnrichmentDeclinedError extends PermanentEnrichmentError {
  override name = "EnrichmentDeclinedError";
  constructor(answer: string) {
    super(`the model declined to classify: ${answer.slice(0, 200)}`);
  }
}

/** Asks the model for a classification and validates it; throws with a clear reason otherwise. */
export async function classifyWithModel(
  model: BaseChatModel,
  task: NewEnrichmentTask,
  names: Record<string, string>,
  signal?: AbortSignal,
): Promise<EnrichmentResult> {
  if (!model.bindTools) throw new Error("the model cannot call tools");
  const bound = model.bindTools([CLASSIFY_TOOL], { tool_choice: CLASSIFY_TOOL.name });
  const answer = await bound.invoke(buildClassifyMessages(task, names), { tags: ["nostream", "enrichment"], signal });
  const call = answer.tool_calls?.find((c) => c.name === CLASSIFY_TOOL.name);
  if (!call) {
    const text = typeof answer.content === "string" ? answer.content.trim() : "";
    if (text) throw new EnrichmentDeclinedError(text);
    throw new Error("the model did not call classify_relationship");
  }
  const parsed = AnswerSchema.safeParse(call.args);
  if (!parsed.success) throw new Error(`invalid classification: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
