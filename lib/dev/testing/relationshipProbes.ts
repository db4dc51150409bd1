import { extractRelationships } from "../../relationships/extract.ts";
import type { EntityRef } from "../../relationships/types.ts";

/** The cast the calibration probes are written for (invented names, none from a labelled set). */
export const PROBE_CAST: readonly EntityRef[] = [
  { id: "ren", name: "Ren" },
  { id: "odile", name: "Odile" },
  { id: "pax", name: "Pax" },
  { id: "hale", name: "Dr. Yuen Hale" },
  { id: "ines", name: "Lady Ines" },
];

/**
 * What the rules read from a probe sentence, as sorted strings for test assertions: `edges` every
 * edge found ("ren>pax distrust-"), `sure` only those that pass the enrichment threshold and go
 * straight into the graph ("ren>pax distrust").
 */
export function relationshipProbes(cast: readonly EntityRef[], defaultOwner: string): {
  edges: (content: string, owner?: string) => string[];
  sure: (content: string, owner?: string) => string[];
} {
  const found = (content: string, owner = defaultOwner) => extractRelationships({ entity_id: owner, content }, cast);
  return {
    edges: (content, owner) => found(content, owner).map((r) => `${r.from}>${r.to} ${r.type}${r.sentiment < 0 ? "-" : "+"}`).sort(),
    sure: (content, owner) => found(content, owner).filter((r) => !r.needsEnrichment).map((r) => `${r.from}>${r.to} ${r.type}`).sort(),
  };
}
