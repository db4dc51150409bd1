import type { Awaitable } from "../memory/session.ts";
import type { MemoryDoc } from "../memory/types.ts";
import type { ImportRecord } from "../memory/session.ts";
import type { MigrationEntry } from "../migration/mapping.ts";
import { castAdditions, relationshipWork } from "../migration/relationships.ts";
import type { StoryEngine } from "../sessions/engine.ts";

/** What one legacy session's migration did. */
export interface SessionOutcome {
  added: number;
  already_present: number;
  /** Legacy holders added to the session's cast (ids). */
  cast_added: string[];
  /** Relationship observations merged into the session's graph. */
  observations: number;
  /** Relationship readings left to the model (background enrichment). */
  queued_for_enrichment: number;
  /** Pairs left out of enrichment by the per-memory limit (MAX_PAIRS_PER_MEMORY), when any. */
  enrichment_skipped?: number;
}

const BATCH = 500;

/** The relationship memories a previous migration stored, oldest first (by label). */
async function legacyRelationshipMemories(list: (offset: number) => Awaitable<{ items: MemoryDoc[]; total: number }>): Promise<MemoryDoc[]> {
  const out: MemoryDoc[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await list(offset);
    out.push(...page.items.filter((m) => m.source_id?.startsWith("legacy:")));
    if (offset + 200 >= page.total) break;
  }
  return out.sort((a, b) => a.label - b.label);
}

/**
 * Migrates one legacy session into `entry.session_id`: imports its memories (idempotent by
 * source_id, re-embedded by the engine's embedder), adds legacy holders missing from the cast,
 * and sends the relationship memories not applied yet through the extractor into the graph.
 * `saved` persists the entry after each step, so a stopped run resumes where it stopped.
 */
export async function migrateSession(
  engine: StoryEngine,
  entry: MigrationEntry,
  records: ImportRecord[],
  holders: ReadonlyMap<string, string | undefined>,
  progress: (n: number) => void,
  saved: () => Promise<void>,
): Promise<SessionOutcome> {
  const id = entry.session_id;
  const outcome: SessionOutcome = { added: 0, already_present: 0, cast_added: [], observations: 0, queued_for_enrichment: 0 };
  const relationshipMemories = await engine.runtime.memory.use(id, async (store) => {
    for (let i = 0; i < records.length; i += BATCH) {
      const part = await store.import(records.slice(i, i + BATCH));
      outcome.added += part.added;
      outcome.already_present += part.skipped;
      progress(Math.min(BATCH, records.length - i));
    }
    return legacyRelationshipMemories((offset) => store.list({ scope: "relationship", limit: 200, offset }));
  });

  const state = await engine.sessions.committed(id);
  const added = castAdditions(state.entities, holders);
  if (added.length > 0) {
    await engine.sessions.addToCast(id, added);
    outcome.cast_added = added.map((e) => e.id);
  }

  // Only this legacy session's memories: two legacy sessions may be mapped onto one session.
  const ours = new Set(records.map((r) => r.source_id));
  const applied = new Set(entry.relationships_applied);
  const pending = relationshipMemories.filter((m) => ours.has(m.source_id as string) && !applied.has(m.source_id as string));
  if (pending.length > 0) {
    const cast = [...state.entities, ...added].map((e) => ({ id: e.id, name: e.name }));
    const work = relationshipWork(id, pending, cast);
    if (work.observations.length > 0) await engine.applyRelationships(id, work.observations);
    if (work.enrichments.length > 0) await engine.runtime.enrichment?.enqueue(work.enrichments);
    entry.relationships_applied.push(...pending.map((m) => m.source_id as string));
    await saved();
    outcome.observations = work.observations.length;
    outcome.queued_for_enrichment = work.enrichments.length;
    if (work.skipped > 0) outcome.enrichment_skipped = work.skipped;
  }
  return outcome;
}
