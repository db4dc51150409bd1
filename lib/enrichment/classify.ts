import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import { StreamFilter } from "../modelOutput/streamFilter.ts";
import { parseTextToolCall } from "../modelOutput/textToolCalls.ts";
import { edgeKey, RELATIONSHIP_TYPES } from "../relationships/types.ts";
import type { EnrichmentResult, NewEnrichmentTask } from "./queue.ts";
import { buildClassifyMessages, type RuleReading } from "./request.ts";

/** One feeling the memory shows between the two, held by `from` toward `to` (entity ids). */
const EdgeAnswerSchema = z.strictObject({
  from: z.string().min(1).max(120),
  to: z.string().min(1).max(120),
  type: z.enum(RELATIONSHIP_TYPES),
  sentiment: z.number().min(-1).max(1),
});

/**
 * The structured answer the model must give: every feeling the memory shows between the pair, each
 * way. A queued pair is read once, so one type held one way could not say "Sera and Quill swore
 * common cause" (two edges), "Corvin frightens Tomas" asked as corvin → tomas (held the other way),
 * or "his sister, whom he fears" (two types): a perfect model answering that way stays at 0.901 exact
 * on the fresh sets' lines; answering every edge of the pair, 0.964 (docs/enrichment.md).
 */
export const ClassificationSchema = z.strictObject({
  // []: the memory shows no feeling between them (precision first: enrichment must be able to say so
  // rather than invent an edge).
  edges: z.array(EdgeAnswerSchema).max(6),
  confidence: z.number().min(0).max(1),
  reason: z.string().min(1).max(300),
});

/**
 * What is accepted back: the tool's shape, or `edges` as some servers and small models send a nested
 * array, as a JSON string of it or as one edge object instead of a list of one.
 */
const AnswerSchema = ClassificationSchema.extend({
  edges: z.preprocess((value) => {
    let v = value;
    if (typeof v === "string") {
      try {
        v = JSON.parse(v);
      } catch {
        return value; // left for the schema to refuse, with its reason
      }
    }
    return v !== null && typeof v === "object" && !Array.isArray(v) ? [v] : v;
  }, ClassificationSchema.shape.edges),
});

export const CLASSIFY_TOOL = {
  name: "classify_relationship",
  description: "Every relationship the memory shows between the two people, each held by `from` toward `to`; edges [] when it shows none.",
  schema: ClassificationSchema,
};

/**
 * The answer's edges, checked against the task: each must join its two people (either way), named by
 * id, by the name the request gave, or as the request wrote them ("Tomas Reed (tomas)"), any case;
 * a repeated edge counts once. Throws on an edge about anyone else (untrusted output: the attempt
 * fails with the reason rather than writing, or quietly dropping, a feeling the task did not ask about).
 */
export function edgesForTask(task: Pick<NewEnrichmentTask, "from" | "to">, edges: EnrichmentResult["edges"], names: Record<string, string> = {}): EnrichmentResult["edges"] {
  const party = (said: string): string | undefined => {
    const s = said.trim().toLowerCase();
    return [task.from, task.to].find((id) => [id, names[id], `${names[id]} (${id})`].some((n) => n !== undefined && n.toLowerCase() === s));
  };
  const out = new Map<string, EnrichmentResult["edges"][number]>();
  for (const e of edges) {
    const from = party(e.from);
    const to = party(e.to);
    if (!from || !to || from === to) throw new Error(`invalid classification: an edge ${e.from} → ${e.to} is not between ${task.from} and ${task.to}`);
    const key = edgeKey(from, to, e.type);
    if (!out.has(key)) out.set(key, { ...e, from, to });
  }
  return [...out.values()];
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

/**
 * The classification a model wrote in its content, as servers that do not parse their chat
 * template's tool format send it (Hermes, Llama, Mistral tags; reasoning in think tags around it).
 * Throws when there is none: a declined answer (prose, permanent) or nothing at all (retried).
 */
function callWrittenAsText(content: string): Record<string, unknown> {
  const filter = new StreamFilter();
  filter.push(content);
  filter.end();
  const call = filter.toolCallTexts.flatMap(parseTextToolCall).find((c) => c.name === CLASSIFY_TOOL.name || c.name === "unknown");
  if (call?.ok) return call.args;
  if (call) throw new Error(`invalid classification written as text: ${call.error}`);
  const prose = filter.visibleText.trim();
  if (prose) throw new EnrichmentDeclinedError(prose);
  throw new Error("the model did not call classify_relationship");
}

/** Asks the model for a classification and validates it; throws with a clear reason otherwise. */
export async function classifyWithModel(
  model: BaseChatModel,
  task: NewEnrichmentTask,
  names: Record<string, string>,
  options: { signal?: AbortSignal; readings?: readonly RuleReading[] } = {},
): Promise<EnrichmentResult> {
  if (!model.bindTools) throw new Error("the model cannot call tools");
  const bound = model.bindTools([CLASSIFY_TOOL], { tool_choice: CLASSIFY_TOOL.name });
  const answer = await bound.invoke(buildClassifyMessages(task, names, options.readings), { tags: ["nostream", "enrichment"], signal: options.signal });
  const args = answer.tool_calls?.find((c) => c.name === CLASSIFY_TOOL.name)?.args ?? callWrittenAsText(typeof answer.content === "string" ? answer.content : "");
  const parsed = AnswerSchema.safeParse(args);
  if (!parsed.success) throw new Error(`invalid classification: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return { ...parsed.data, edges: edgesForTask(task, parsed.data.edges, names) };
}
