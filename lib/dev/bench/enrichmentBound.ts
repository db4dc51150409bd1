/**
 * Background enrichment calls one turn can cause (`npm run bench -- enrichment-bound`): one
 * add_memories call of 20 relationship memories (the schema's most), each naming 20 people of a
 * 200-person cast (a scenario's most) with no feeling between them. Every pair the rules cannot type
 * would be a model call after the turn; the limits keep it to 6 per memory and 24 per turn.
 */
import { MAX_PAIRS_PER_MEMORY } from "../../relationships/hint.ts";
import { draftFrom } from "../../tools/draft.ts";
import { MAX_ENRICHMENTS_PER_TURN, runWrite } from "../../tools/writes.ts";
import { machineInfo } from "./flows.ts";
import { markdownTable } from "./table.ts";

const SYLLABLES = ["ka", "ro", "mi", "tel", "vas", "du", "ne", "bri", "sol", "ar"];

/** 200 distinct names that are no title or common word ("Karomi", "Rotelvas", …). */
function castOf(size: number): Array<{ id: string; name: string; type: "character"; background: string }> {
  return Array.from({ length: size }, (_, i) => {
    const word = `${SYLLABLES[i % 10]}${SYLLABLES[Math.floor(i / 10) % 10]}${SYLLABLES[Math.floor(i / 100) % 10]}n`;
    return { id: `p${i}`, name: word[0].toUpperCase() + word.slice(1), type: "character", background: "" };
  });
}

export function runEnrichmentBound(): { model: string; machine: ReturnType<typeof machineInfo>; date: string; pairsNamed: number; queued: number; perMemory: number; skipped: number; ms: number; ok: boolean; summary: string } {
  const cast = castOf(200);
  const draft = draftFrom({ world: {}, story: {}, entities: cast });
  const memories = Array.from({ length: 20 }, (_, m) => {
    const names = cast.slice(m * 10, m * 10 + 20).map((e) => e.name);
    return { entity_id: cast[m * 10].id, scope: "relationship", content: `${names.slice(0, -1).join(", ")} and ${names.at(-1)} waited by the wagons.` };
  });
  const t0 = performance.now();
  const run = runWrite("add_memories", { memories }, draft);
  const ms = performance.now() - t0;
  if (!run.ok) throw new Error(`add_memories refused the bench's memories: ${run.error}`);
  const queued = run.draft.enrichments.length;
  const result = run.result as { enrichment_skipped?: number };
  const skipped = result.enrichment_skipped ?? 0;
  // Pairs the rules found named with no reading (each would have been a call).
  const pairsNamed = queued + skipped;
  const perMemory = Math.max(...memories.map((_, i) => run.draft.enrichments.filter((e) => e.memoryIndex === i).length));
  const ok = queued <= MAX_ENRICHMENTS_PER_TURN && perMemory <= MAX_PAIRS_PER_MEMORY && skipped > 0;
  const machine = machineInfo();
  const date = new Date().toISOString();
  const summary = [
    `Enrichment calls from one turn's worst add_memories call (20 memories × 20 names of a 200-person cast, no feeling); node ${machine.node}, ${date}`,
    "",
    markdownTable(
      ["pairs with no reading", "queued (model calls)", "most from one memory", "left out (reported)", "limits", "add_memories ms", "ok"],
      [[String(pairsNamed), String(queued), String(perMemory), String(skipped), `${MAX_PAIRS_PER_MEMORY} per memory, ${MAX_ENRICHMENTS_PER_TURN} per turn`, ms.toFixed(1), ok ? "yes" : "NO"]],
    ),
  ].join("\n");
  return { model: "none (engine code only)", machine, date, pairsNamed, queued, perMemory, skipped, ms, ok, summary };
}
