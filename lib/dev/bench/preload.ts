import type { MemoryInput } from "../../memory/types.ts";
import { MEMORY_SCOPES, type MemoryScope } from "../../memory/types.ts";
import type { MemoryPool } from "../../memory/pool.ts";
import { mulberry32 } from "../../common/seededRandom.ts";

const WORDS = ("water lantern bridge river harvest storm debt oath letter sword bread smith widow child tower bell fire " +
  "winter map coin secret promise wagon ledger seal fog tide rope knife barrel raider council vote pass").split(" ");
const VERBS = ["remembers", "hides", "promises", "fears", "trades", "repairs", "argues over", "buries", "overhears talk of", "counts"];

/**
 * A deterministic maker of plausible memories held by the given entities: call it with
 * increasing numbers; the same seed gives the same corpus on every run.
 */
export function syntheticMemoryMaker(entityIds: readonly string[], seed: number, scopes: readonly MemoryScope[] = MEMORY_SCOPES): (i: number) => MemoryInput {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  return (i) => {
    const entity = pick(entityIds);
    return {
      entity_id: entity,
      content: `${entity} ${pick(VERBS)} the ${pick(WORDS)} by the ${pick(WORDS)} and the ${pick(WORDS)} (note ${i})`,
      scope: pick(scopes),
    };
  };
}

/** `count` synthetic memories, relationship scope excluded (they would feed the graph). */
export function syntheticMemories(entityIds: readonly string[], count: number, seed = 7): MemoryInput[] {
  const make = syntheticMemoryMaker(entityIds, seed, MEMORY_SCOPES.filter((s) => s !== "relationship"));
  return Array.from({ length: count }, (_, i) => make(i));
}

/**
 * Loads `count` memories into a session's own store through the pool (offline embedder), in
 * batches, before the session's first turn — the state a long-running story would be in.
 */
export async function preloadMemories(pool: MemoryPool, sessionId: string, entityIds: readonly string[], count: number, batch = 1000): Promise<void> {
  const all = syntheticMemories(entityIds, count);
  for (let i = 0; i < all.length; i += batch) {
    await pool.use(sessionId, (store) => store.add(all.slice(i, i + batch), { turn: 0 }));
  }
}
