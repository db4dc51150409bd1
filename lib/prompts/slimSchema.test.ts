import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JsonSchema } from "../common/json.ts";
import { slimToolSchema } from "./slimSchema.ts";

describe("slimToolSchema", () => {
  it("keeps types, enums, patterns and required keys; drops defaults, $defs and lower bounds", () => {
    const schema = z.strictObject({
      id: z.string().regex(/^[a-z]+$/),
      kind: z.enum(["a", "b"]).default("a"),
      tags: z.array(z.string().min(1)).min(1).max(3),
      value: JsonSchema.optional(),
    });
    expect(slimToolSchema(schema)).toEqual({
      type: "object",
      properties: {
        id: { type: "string", pattern: "^[a-z]+$" },
        kind: { type: "string", enum: ["a", "b"] },
        tags: { type: "array", maxItems: 3, items: { type: "string" } },
        value: {},
      },
      required: ["id", "tags"],
    });
  });
});
