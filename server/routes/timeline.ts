import { Router } from "express";
import { z } from "zod";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { parseOr400, sessionIdParam } from "../validation.ts";
import { turnView, viewOf } from "./sessions.ts";

const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().min(1).optional(),
});
const TurnParam = z.object({ n: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
const TurnBody = z.strictObject({ turn: z.number({ error: "turn must be a number" }).int().min(0) });
const EmptyBody = z.strictObject({});

/**
 * A session over time: the paged transcript, and undo (rewind), regenerate and fork. Each change
 * answers 409 `session_busy` while a turn runs and 409 `outside_retention` for turns whose
 * checkpoints were pruned (QS_CHECKPOINT_RETENTION).
 */
export function timelineRoutes(engine: StoryEngine): Router {
  const router = Router();
  router.get("/sessions/:id/turns", sessionIdParam, async (req, res) => {
    const q = parseOr400(PageQuery, req.query, "query");
    const page = await engine.turnsPage(req.params.id as string, q.limit, q.before);
    res.json({ items: page.items.map(turnView), next_before: page.next_before });
  });
  router.get("/sessions/:id/turns/:n", sessionIdParam, async (req, res) => {
    const { n } = parseOr400(TurnParam, req.params, "turn number");
    res.json(turnView(await engine.turnRecord(req.params.id as string, n)));
  });
  router.post("/sessions/:id/rewind", sessionIdParam, async (req, res) => {
    const { turn } = parseOr400(TurnBody, req.body, "body");
    await engine.rewind(req.params.id as string, turn);
    res.json(await viewOf(engine, req.params.id as string));
  });
  router.post("/sessions/:id/regenerate", sessionIdParam, async (req, res) => {
    parseOr400(EmptyBody, req.body, "body");
    const record = await engine.regenerate(req.params.id as string, () => undefined);
    res.json({ ...record, model: record.metrics.model });
  });
  router.post("/sessions/:id/fork", sessionIdParam, async (req, res) => {
    const { turn } = parseOr400(TurnBody, req.body, "body");
    const summary = await engine.fork(req.params.id as string, turn);
    res.status(201).location(`/sessions/${summary.id}`).json(await viewOf(engine, summary.id));
  });
  return router;
}
