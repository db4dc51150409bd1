/**
 * Recognises which engine step sent a request to the simulated model server, from the same protocol
 * constants the engine builds its prompts with (never a copied string that could drift).
 */
import { ENRICHMENT_MARKER } from "../../enrichment/request.ts";
import { NARRATE_CHANGES_INSTRUCTION, WRITE_RESULTS_HEADER } from "../../prompts/confirm.ts";
import { lastUserText } from "../simulator/scripts.ts";
import { messageText } from "../simulator/tokens.ts";
import type { ChatRequest, Reply } from "../simulator/types.ts";

/** The confirm step: its last user message is the rendered write results. */
export function isConfirmRequest(req: ChatRequest): boolean {
  return lastUserText(req).startsWith(WRITE_RESULTS_HEADER);
}

/** A background enrichment call: its system message asks to classify a relationship. */
export function isEnrichmentRequest(req: ChatRequest): boolean {
  const system = req.messages.find((m) => m.role === "system");
  return system !== undefined && messageText(system.content).startsWith(ENRICHMENT_MARKER);
}

/**
 * A model that narrates `content` with one add_memories call of `memories`, confirms with a short
 * line, and fails every enrichment call, so the relationship graph holds only what the turn admitted.
 */
export function memoryWritingModel(content: string, memories: readonly object[]): (req: ChatRequest) => Reply {
  return (req) => {
    if (isEnrichmentRequest(req)) return { fail: "http_500" };
    if (isConfirmRequest(req)) return { content: "Saved." };
    return { content, toolCalls: [{ name: "add_memories", args: { memories } }] };
  };
}

/** The confirm call narrating the applied changes (narrate sent no prose). */
export function isNarrateChangesRequest(req: ChatRequest): boolean {
  const system = req.messages.find((m) => m.role === "system");
  return system !== undefined && messageText(system.content) === NARRATE_CHANGES_INSTRUCTION;
}
