import type { ContextEdge, ContextMemory, TurnContext } from "../tools/context.ts";
import type { Json } from "../common/json.ts";

/**
 * The narrator's user message: the same line-oriented layout for every prompt variant, so the
 * offline storyteller (and a human reading logs) can rely on its markers. Variants differ in
 * how much context they select and in the system prompt, not in this layout.
 *
 *   Turn 3. Player: Mara Venn (mara)
 *   World: time=dawn | weather=dry wind | location=Cracked Well camp
 *   Cast: tomas=Tomas Reed (character): Young water-master... ; ilse=...
 *   State: player={"health":10} | inventory=["rope"]
 *   Memories:
 *   - tomas/relationship: Tomas now counts on Mara...
 *   Relationships:
 *   - tomas→mara trust +0.60 s0.72
 *   Player action: I share my water with Tomas.
 */
export const MARKERS = {
  turn: "Turn ",
  world: "World: ",
  cast: "Cast: ",
  state: "State: ",
  memories: "Memories:",
  relationships: "Relationships:",
  notes: "Scenario notes:",
  action: "Player action: ",
} as const;

export interface RenderOptions {
  /** Max characters of each cast member's background (0 = names only). */
  backgroundChars: number;
  /** Cast members to describe; others are listed by name only. Undefined = everyone. */
  describeIds?: string[];
}

const scalar = (v: Json | null): string => (typeof v === "string" ? v : JSON.stringify(v));

export function renderEdge(e: ContextEdge): string {
  const sign = e.sentiment >= 0 ? "+" : "";
  return `${e.from}→${e.to} ${e.type} ${sign}${e.sentiment.toFixed(2)} s${e.strength.toFixed(2)}`;
}

export function renderMemory(m: ContextMemory): string {
  return `${m.entity_id}/${m.scope}: ${m.content}`;
}

export function renderTurnMessage(ctx: TurnContext, input: string, opts: RenderOptions): string {
  const lines: string[] = [];
  lines.push(`${MARKERS.turn}${ctx.turn}. Player: ${ctx.player.name} (${ctx.player.id})`);
  lines.push(MARKERS.world + Object.entries(ctx.world).map(([k, v]) => `${k}=${scalar(v)}`).join(" | "));
  const cast = ctx.cast
    .filter((e) => e.id !== ctx.player.id)
    .map((e) => {
      const describe = opts.backgroundChars > 0 && (!opts.describeIds || opts.describeIds.includes(e.id));
      const bg = describe && e.background ? `: ${truncate(e.background, opts.backgroundChars)}` : "";
      return `${e.id}=${e.name} (${e.type})${bg}`;
    });
  lines.push(MARKERS.cast + cast.join(" ; "));
  const state = Object.entries(ctx.state).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  if (state.length > 0) lines.push(MARKERS.state + state.join(" | "));
  if (ctx.notes?.length) {
    lines.push(MARKERS.notes);
    for (const n of ctx.notes) lines.push(`- ${n}`);
  }
  if (ctx.memories.length > 0) {
    lines.push(MARKERS.memories);
    for (const m of ctx.memories) lines.push(`- ${renderMemory(m)}`);
  }
  if (ctx.relationships.length > 0) {
    lines.push(MARKERS.relationships);
    for (const e of ctx.relationships) lines.push(`- ${renderEdge(e)}`);
  }
  lines.push(MARKERS.action + input.replace(/\s+/g, " ").trim());
  return lines.join("\n");
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}
