import { z } from "zod";

/** Any JSON value: what story state, world conditions and tool arguments are made of. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A JSON object (story state, world conditions). */
export type JsonObject = { [key: string]: Json };

/** Validates a JSON value. */
export const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);
