import type { PromptVariant } from "./narrator.ts";
import type { TurnContext } from "./context.ts";
import { renderEdge, renderMemory } from "./turnMessage.ts";
import { countTokens } from "./tokens.ts";

/**
 * Smart context selection: keep the memories and relationship edges that matter for this input
 * within a token budget — edges touching mentioned characters and the player first, then the
 * most similar memories. The verbose baseline keeps everything it was given.
 */
export function selectContext(ctx: TurnContext, variant: PromptVariant, tokenBudget: number): TurnContext {
  if (variant === "verbose") return ctx;
  const focus = new Set([...ctx.mentioned, ctx.player.id]);
  const edges = [...ctx.relationships].sort(
    (a, b) => Number(focus.has(b.from) || focus.has(b.to)) - Number(focus.has(a.from) || focus.has(a.to)) || b.strength - a.strength,
  );
  const memories = [...ctx.memories].sort(
    (a, b) => Number(focus.has(b.entity_id)) - Number(focus.has(a.entity_id)) || b.score - a.score,
  );
  let left = tokenBudget;
  const keptEdges = edges.filter((e) => {
    const cost = countTokens(renderEdge(e)) + 2;
    if (cost > left) return false;
    left -= cost;
    return true;
  });
  const keptMemories = memories.filter((m) => {
    const cost = countTokens(renderMemory(m)) + 2;
    if (cost > left) return false;
    left -= cost;
    return true;
  });
  return { ...ctx, relationships: keptEdges, memories: keptMemories };
}
