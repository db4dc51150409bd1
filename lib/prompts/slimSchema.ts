import { z } from "zod";

/** A JSON Schema object as tool parameters carry it. */
export type JsonSchemaObject = { [key: string]: unknown };

/** Keys a model does not need to call a tool well (every argument is validated by zod on arrival). */
const DROPPED = new Set(["$schema", "$defs", "default", "additionalProperties", "minLength", "minItems", "minimum", "propertyNames"]);

/**
 * The model-facing JSON Schema of a tool's zod schema (pure): the input shape (defaulted fields
 * optional), without `$defs` (a recursive "any JSON" reference becomes `{}`), defaults, lower
 * bounds and `additionalProperties`. Kept: types, enums, patterns, upper bounds, required keys,
 * descriptions. The zod schema stays the validator; this only decides what the prompt costs.
 */
export function slimToolSchema(schema: z.ZodType): JsonSchemaObject {
  return slim(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })) as JsonSchemaObject;
}

function slim(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(slim);
  if (!node || typeof node !== "object") return node;
  const out: JsonSchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    if (key === "$ref") return {}; // only the recursive JSON value uses $ref: any JSON
    out[key] = key === "properties" ? Object.fromEntries(Object.entries(value as JsonSchemaObject).map(([k, v]) => [k, slim(v)])) : slim(value);
  }
  return out;
}
