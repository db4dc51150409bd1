import { z } from "zod";

/** Any JSON value: what story state, world conditions and tool arguments are made of. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A JSON object (story state, world conditions). */
export type JsonObject = { [key: string]: Json };

/** Validates a JSON value. */
export const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);

/** How deep JSON from outside (a request body, a model's tool arguments) may nest: more is hostile or broken. */
export const MAX_JSON_DEPTH = 32;

/** True when objects/arrays nest deeper than `max` (iterative, so hostile input cannot overflow the stack). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
