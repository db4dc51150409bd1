import { z } from "zod";
import { JsonSchema } from "../common/json.ts";
import { LorebookSchema } from "./lorebook.ts";

/** Entity ids are short slugs; they appear in prompts, tool calls and memory records. */
export const EntityIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, "entity ids are lowercase slugs: a letter, then letters, digits, _ or - (max 40)");

export const ENTITY_TYPES = ["character", "place", "item", "faction"] as const;

export const EntitySchema = z.strictObject({
  id: EntityIdSchema,
  name: z.string().min(1).max(80),
  type: z.enum(ENTITY_TYPES),
  background: z.string().max(1000).default(""),
  stats: z.record(z.string(), JsonSchema).optional(),
});
export type Entity = z.infer<typeof EntitySchema>;

export const ScenarioSchema = z
  .strictObject({
    title: z.string().min(1).max(120),
    premise: z.string().min(1).max(4000),
    world: z.record(z.string(), JsonSchema).default({}),
    entities: z.array(EntitySchema).min(1).max(200),
    state: z.record(z.string(), JsonSchema).default({}),
    player_id: EntityIdSchema,
    /** Opening narratives (turn 0); a session starts with one of them (`greeting`, default the first). */
    greetings: z.array(z.string().max(16_000)).max(33).optional(),
    /** Notes the narrator sees every turn, beside (never instead of) the engine's own rules. */
    notes: z.array(z.string().min(1).max(8000)).max(4).optional(),
    /** World facts brought into a turn by key (lib/scenarios/lorebook.ts). */
    lorebook: LorebookSchema.optional(),
    /** Where the scenario came from (e.g. a character card's creator, tags and extensions); kept, not read. */
    metadata: z.record(z.string(), JsonSchema).optional(),
  })
  .superRefine((scenario, ctx) => {
    const seen = new Set<string>();
    scenario.entities.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: "custom", path: ["entities", i, "id"], message: `duplicate entity id "${e.id}"` });
      seen.add(e.id);
    });
    const player = scenario.entities.find((e) => e.id === scenario.player_id);
    if (!player) ctx.addIssue({ code: "custom", path: ["player_id"], message: `player_id "${scenario.player_id}" is not an entity` });
    else if (player.type !== "character")
      ctx.addIssue({ code: "custom", path: ["player_id"], message: `player "${scenario.player_id}" must be a character` });
  });
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** Formats zod issues as "path: message" lines, for 400 answers and CLI errors. */
export function formatIssues(error: z.ZodError, prefix = ""): string[] {
  return error.issues.map((i) => {
    const p = [prefix, ...i.path.map(String)].filter(Boolean).join(".");
    return p ? `${p}: ${i.message}` : i.message;
  });
}
