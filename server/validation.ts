import type { NextFunction, Request, Response } from "express";
import { z } from "zod";
import { MAX_INPUT_CHARS } from "../lib/common/limits.ts";
import { PROMPT_VARIANTS } from "../lib/prompts/variants.ts";
import { formatIssues } from "../lib/scenarios/schema.ts";
import { invalid } from "../lib/sessions/errors.ts";
import { InvalidSessionIdError, isSessionId } from "../lib/common/sessionIds.ts";

/** Largest request body accepted. */
export const BODY_LIMIT = "64kb";

export const TurnBodySchema = z.strictObject({
  input: z
    .string({ error: "input must be a string" })
    .trim()
    .min(1, "input must not be empty")
    .max(MAX_INPUT_CHARS, `input is longer than ${MAX_INPUT_CHARS} characters`),
  options: z
    .strictObject({
      prompt_variant: z.enum(PROMPT_VARIANTS).optional(),
      /** Stream the model's reasoning as `reasoning` events (off by default). */
      reasoning: z.boolean().optional(),
    })
    .optional(),
});

export const CreateSessionBodySchema = z
  .strictObject({
    scenario: z
      .union([z.string().min(1).max(80), z.record(z.string(), z.unknown())], {
        error: "scenario must be a bundled scenario name or a scenario object",
      })
      .optional(),
    /** A Character Card (V1/V2/V3 JSON) to start from instead of a scenario (docs/cards.md). */
    card: z.record(z.string(), z.unknown(), { error: "card must be a character card object" }).optional(),
    /** The player's name for a card (its {{user}}); default "You". */
    player: z.string().trim().min(1).max(80).optional(),
    /** Which greeting opens the story: 0 = the first (a card's first_mes), 1… its alternate greetings. */
    greeting: z.number().int().min(0).max(32).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.scenario === undefined) === (body.card === undefined))
      ctx.addIssue({ code: "custom", path: ["scenario"], message: "send either scenario or card" });
    if (body.player !== undefined && body.card === undefined) ctx.addIssue({ code: "custom", path: ["player"], message: "player is only for a card" });
  });

/** Parses a body or query with a schema, throwing a 400 that lists every problem. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalid(`invalid ${what}`, formatIssues(result.error));
  return result.data;
}

/** Rejects ids that are not the server's own format before anything touches a file. */
export function sessionIdParam(req: Request, _res: Response, next: NextFunction): void {
  const id = req.params.id;
  next(isSessionId(id) ? undefined : new InvalidSessionIdError(id));
}
