import { Router } from "express";
import { z } from "zod";
import { MEMORY_SCOPES } from "../../lib/memory/types.ts";
import { RELATIONSHIP_TYPES } from "../../lib/relationships/types.ts";
import { toGraphView } from "../../lib/relationships/graph.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { hybridRecallOf, relationshipsQuery, searchMemories } from "../../lib/tools/reads.ts";
import { buildRecallQuery } from "../../lib/tools/recallQuery.ts";
import { parseOr400, sessionIdParam } from "../validation.ts";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const MemoriesQuery = z.strictObject({
  query: z.string().trim().min(1).max(2000).optional(),
  entity_id: z.string().min(1).max(64).optional(),
  scope: z.enum(MEMORY_SCOPES).optional(),
  k: z.coerce.number().int().min(1).max(50).default(8),
  include_relationships: flag.default(false),
  /** hybrid (default): the recall the narrator gets (keyword + vector, fused); vector: similarity only. */
  retrieval: z.enum(["hybrid", "vector"]).default("hybrid"),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const RelationshipsQuery = z.strictObject({
  entity_id: z.string().min(1).max(64).optional(),
  type: z.enum(RELATIONSHIP_TYPES).optional(),
  min_strength: z.coerce.number().min(0).max(1).default(0),
});

/** A session's memories (search or newest first) and its relationship graph. */
export function memoryRoutes(engine: StoryEngine): Router {
  const router = Router();

  router.get("/sessions/:id/memories", sessionIdParam, async (req, res) => {
    const id = req.params.id as string;
    const q = parseOr400(MemoriesQuery, req.query, "query");
    await engine.requireSession(id);
    if (q.query) {
      // The checkpoint is read for the cast (hybrid recall) and for relationship edges.
      const state = q.include_relationships || q.retrieval === "hybrid" ? (await engine.getSession(id)).state : undefined;
      const turn = state?.turn ?? 0;
      const built = state && q.retrieval === "hybrid"
        ? buildRecallQuery({ action: q.query, recentInputs: [], entities: state.entities, playerId: state.scenario.player_id })
        : undefined;
      const args = { query: built?.text.slice(0, 2000) ?? q.query, entity_id: q.entity_id, scope: q.scope, k: q.k, include_relationships: q.include_relationships };
      const hybrid = state && built ? hybridRecallOf(built, state.entities, turn) : undefined;
      const found = await searchMemories(engine.runtime.memory, id, state?.relationships ?? { edges: {} }, turn, args, [], hybrid);
      res.json({ items: found.hits, ...(q.include_relationships ? { relationships: found.relationships } : {}) });
      return;
    }
    const page = await engine.runtime.memory.use(id, async (store) => store.list({ entity_id: q.entity_id, scope: q.scope, limit: q.limit, offset: q.offset }));
    res.json({ ...page, limit: q.limit, offset: q.offset });
  });

  router.get("/sessions/:id/relationships", sessionIdParam, async (req, res) => {
    const q = parseOr400(RelationshipsQuery, req.query, "query");
    const { state } = await engine.getSession(req.params.id as string);
    res.json({ turn: state.turn, edges: relationshipsQuery(state.relationships, state.turn, q) });
  });

  router.get("/sessions/:id/relationships/graph", sessionIdParam, async (req, res) => {
    const id = req.params.id as string;
    const { state } = await engine.getSession(id);
    const view = toGraphView(state.relationships, state.entities, state.turn);
    // Each edge's evidence as the memories' own text, so a reader sees why the edge exists.
    const ids = [...new Set(view.edges.flatMap((e) => e.evidence))];
    const docs = ids.length === 0 ? [] : await engine.runtime.memory.use(id, async (store) => store.get(ids));
    const byId = new Map(docs.map((d) => [d.id, { id: d.id, content: d.content, turn: d.turn }]));
    const edges = view.edges.map((e) => ({ ...e, evidence_memories: e.evidence.flatMap((m) => byId.get(m) ?? []) }));
    res.json({ turn: state.turn, nodes: view.nodes, edges });
  });
  router.get("/sessions/:id/enrichment", sessionIdParam, async (req, res) => {
    const id = req.params.id as string;
    await engine.requireSession(id);
    const { counts, tasks } = await engine.enrichmentStatus(id);
    res.json({
      counts,
      tasks: tasks.map((t) => ({
        id: t.id,
        status: t.status,
        reason: t.reason,
        from: t.from,
        to: t.to,
        memory_id: t.memory_id,
        content: t.content,
        guess_type: t.guess_type ?? null,
        attempts: t.attempts,
        result: t.result,
        error: t.error,
        updated_at: t.updated_at,
      })),
    });
  });
  return router;
}
