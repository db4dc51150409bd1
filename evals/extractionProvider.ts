import type { ApiProvider, CallApiContextParams, ProviderResponse } from "promptfoo";
import type { EntityRef } from "../lib/relationships/types.ts";
import { extractScored, loadDatasetEntities } from "./extraction.ts";

/**
 * promptfoo provider (`file://extractionProvider.ts`) for the relationship-extraction eval: runs
 * the rule-based extractor on the test's memory (vars `entity_id`, `content`) against the labelled
 * cast and answers with the edges found, as JSON (output) and as `metadata.edges`.
 */
export default class ExtractionProvider implements ApiProvider {
  private entities?: EntityRef[];

  id(): string {
    return "relationship-extractor";
  }

  async callApi(_prompt: string, context?: CallApiContextParams): Promise<ProviderResponse> {
    const vars = context?.vars ?? {};
    if (typeof vars.entity_id !== "string" || typeof vars.content !== "string") {
      return { error: 'the test needs string vars "entity_id" and "content"' };
    }
    this.entities ??= loadDatasetEntities();
    const edges = extractScored({ entity_id: vars.entity_id, content: vars.content }, this.entities);
    return { output: JSON.stringify(edges), metadata: { edges } };
  }
}
