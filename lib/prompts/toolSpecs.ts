import type { z } from "zod";
import { WRITE_TOOLS } from "../tools/writes.ts";
import { narratorPrompt } from "./narrator.ts";
import type { PromptVariant } from "./variants.ts";

/** What the narrator model is given for bindTools: the write tools, described by the prompt variant. */
export interface ModelToolSpec {
  name: string;
  description: string;
  schema: z.ZodType;
}

export function writeToolSpecs(variant: PromptVariant): ModelToolSpec[] {
  const descriptions = narratorPrompt(variant).toolDescriptions;
  return WRITE_TOOLS.map((t) => ({ name: t.name, description: descriptions[t.name] ?? t.description, schema: t.schema }));
}
