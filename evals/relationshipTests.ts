import type { TestCase } from "promptfoo";
import { DATASET_SPLITS, loadDataset, type DatasetSplit } from "./extraction.ts";

/** Options from relationships.yaml (`tests: { path, config }`). */
export interface RelationshipTestsConfig {
  /** Which labelled files to turn into tests (default: every split). */
  splits?: DatasetSplit[];
}

/**
 * promptfoo test generator: one test per labelled memory, with the memory as vars and the expected
 * edges in `vars.expected` (a list, so the config disables var expansion).
 */
export default function relationshipTests(config: RelationshipTestsConfig = {}): TestCase[] {
  const splits = config.splits ?? (Object.keys(DATASET_SPLITS) as DatasetSplit[]);
  return splits.flatMap((split) =>
    loadDataset(split).map((line) => ({
      description: `${split} ${line.id}: ${line.content.slice(0, 70)}`,
      vars: { id: line.id, split, entity_id: line.entity_id, content: line.content, expected: line.expected },
      metadata: { split },
    })),
  );
}
