/**
 * Recognises which engine step sent a request to the simulated model server, from the same protocol
 * constants the engine builds its prompts with (never a copied string that could drift).
 */
import { ENRICHMENT_MARKER } from "../../enrichment/classify.ts";
import { NARRATE_CHANGES_INSTRUCTION, WRITE_RESULTS_HEADER } from "../../prompts/confirm.ts";
import { lastUserText } from "../simulator/scripts.ts";
import { messageText } from "../simulator/tokens.ts";
import type { ChatRequest } from "../simulator/types.ts";

/** The confirm step: its last user message is the rendered write results. */
export function isConfirmRequest(req: ChatRequest): boolean {
  return lastUserText(req).startsWith(WRITE_RESULTS_HEADER);
}

/** A background enrichment call: its system message asks to classify a relationship. */
export function isEnrichmentRequest(req: ChatRequest): boolean {
  const system = req.messages.find((m) => m.role === "system");
  return system !== undefined && messageText(system.content).startsWith(ENRICHMENT_MARKER);
}

/** The confirm call narrating the applied changes (narrate sent no prose). */
export function isNarrateChangesRequest(req: ChatRequest): boolean {
  const system = req.messages.find((m) => m.role === "system");
  return system !== undefined && messageText(system.content) === NARRATE_CHANGES_INSTRUCTION;
}
