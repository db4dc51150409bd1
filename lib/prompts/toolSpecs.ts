import { MODEL_WRITE_TOOLS } from "../tools/writes.ts";
import { narratorPrompt } from "./narrator.ts";
import { slimToolSchema, type JsonSchemaObject } from "./slimSchema.ts";
import type { PromptVariant } from "./variants.ts";

/** What the narrator model is given for a write tool: its name, the variant's description, the slim JSON Schema. */
export interface ModelToolSpec {
  name: string;
  description: string;
  parameters: JsonSchemaObject;
}

/** A tool in the Chat Completions `tools` format, passed to bindTools as is (no second conversion). */
export interface OpenAiTool {
  type: "function";
  function: ModelToolSpec;
}

const cache = new Map<PromptVariant, OpenAiTool[]>();

/** The write tools of the narrate request (and of the confirm call's repair round), as sent. */
export function writeToolSpecs(variant: PromptVariant): OpenAiTool[] {
  let tools = cache.get(variant);
  if (!tools) {
    const descriptions = narratorPrompt(variant).toolDescriptions;
    tools = MODEL_WRITE_TOOLS.map((t) => ({
      type: "function" as const,
      function: { name: t.name, description: descriptions[t.name] ?? t.description, parameters: slimToolSchema(t.schema) },
    }));
    cache.set(variant, tools);
  }
  return tools;
}
