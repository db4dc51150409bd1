import type { ContextEdge, ContextMemory, TurnContext } from "../tools/context.ts";
import { renderEdge, renderMemory } from "./turnMessage.ts";
import { countTokens } from "../common/tokens.ts";
import { findMentionedEntities } from "../relationships/mentionedEntities.ts";
import type { PromptVariant } from "./variants.ts";

/** Edges weaker than this are noise for the narrator (decayed or barely observed). */
export const MIN_EDGE_STRENGTH = 0.15;
/** Memories of bystanders are kept only when the search found them at least this similar. */
export const MIN_BYSTANDER_SCORE = 0.35;

/**
 * Smart context selection for the compact prompt: only what matters for this input, within a
 * token budget. The focus is the entities the input mentions plus the player.
 * - Relationship edges: those touching the focus (both ends in focus first), strongest first;
 *   edges under {@link MIN_EDGE_STRENGTH} are dropped.
 * - Memories: held by or naming a focus entity first, then bystanders' memories that are
 *   similar enough; duplicates (same holder and text) are dropped.
 * - Cast: when the input mentions someone, only the mentioned entities keep their background;
 *   the rest are listed by name (the narrator still knows who is present).
 * The edges are paid for first (they are short and steer characterisation), then memories.
 * The verbose baseline keeps everything it was given.
 */
export function selectContext(ctx: TurnContext, variant: PromptVariant, tokenBudget: number): TurnContext {
  if (variant === "verbose") return ctx;
  const focus = new Set([...ctx.mentioned, ctx.player.id]);
  const touches = (e: ContextEdge) => Number(focus.has(e.from)) + Number(focus.has(e.to));
  const edges = ctx.relationships
    .filter((e) => touches(e) > 0 && e.strength >= MIN_EDGE_STRENGTH)
    .sort((a, b) => touches(b) - touches(a) || b.strength - a.strength);

  const relevance = (m: ContextMemory) => {
    if (focus.has(m.entity_id) && m.entity_id !== ctx.player.id) return 2;
    // Same name matching as the rest of the engine (full names, ids, distinctive words; never
    // a substring: "Ren" is not in "children").
    return focus.has(m.entity_id) || findMentionedEntities(m.content, ctx.cast).some((id) => focus.has(id)) ? 1 : 0;
  };
  const seen = new Set<string>();
  const memories = ctx.memories
    .filter((m) => {
      const key = `${m.entity_id}|${m.content.trim().toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return relevance(m) > 0 || m.score >= MIN_BYSTANDER_SCORE;
    })
    .sort((a, b) => relevance(b) - relevance(a) || b.score - a.score);

  let left = tokenBudget;
  const fits = (line: string) => {
    const cost = countTokens(line) + 2;
    if (cost > left) return false;
    left -= cost;
    return true;
  };
  const keptEdges = edges.filter((e) => fits(renderEdge(e)));
  const keptMemories = memories.filter((m) => fits(renderMemory(m)));
  const cast =
    ctx.mentioned.length === 0 ? ctx.cast : ctx.cast.map((e) => (focus.has(e.id) ? e : { ...e, background: "" }));
  return { ...ctx, cast, relationships: keptEdges, memories: keptMemories };
}
