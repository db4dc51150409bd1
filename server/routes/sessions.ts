import { Router } from "express";
import { z } from "zod";
import type { TurnStateType } from "../../graph/state.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import type { SessionSummary } from "../../lib/sessions/sessionIndex.ts";
import { principalOf } from "../security/auth.ts";
import { CreateSessionBodySchema, parseOr400, sessionIdParam } from "../validation.ts";

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The public view of a session: its committed story, never the turn in flight. */
export function sessionView(summary: SessionSummary, state: TurnStateType) {
  return {
    ...summary,
    scenario: state.scenario,
    turn: state.turn,
    world: state.world,
    state: state.story,
    entities: state.entities,
    relationships: Object.keys(state.relationships?.edges ?? {}).length,
    history: state.history.map((h) => ({
      turn: h.turn,
      input: h.input,
      narrative: h.narrative,
      confirmation: h.confirmation,
      tool_calls: h.tool_calls.map((c) => ({ phase: c.phase, name: c.name, ok: c.ok, cached: c.cached ?? false })),
      metrics: h.metrics,
      at: h.at,
    })),
  };
}

/** Session lifecycle: create, list, read, delete (ownership is checked in front, see server/security). */
export function sessionRoutes(engine: StoryEngine): Router {
  const router = Router();
  router.post("/sessions", async (req, res) => {
    const body = parseOr400(CreateSessionBodySchema, req.body, "body");
    const summary = await engine.createSession(body.scenario, principalOf(res).name);
    const { state } = await engine.getSession(summary.id);
    res.status(201).location(`/sessions/${summary.id}`).json(sessionView(summary, state));
  });
  router.get("/sessions", (req, res) => {
    const q = parseOr400(ListQuery, req.query, "query");
    // A key lists only its own stories; the admin key (and the local user without keys) lists all.
    const { name, admin } = principalOf(res);
    res.json(engine.listSessions(q.limit, q.offset, admin ? {} : { owner: name }));
  });
  router.get("/sessions/:id", sessionIdParam, async (req, res) => {
    const { summary, state } = await engine.getSession(req.params.id as string);
    res.json(sessionView(summary, state));
  });
  router.delete("/sessions/:id", sessionIdParam, async (req, res) => {
    await engine.deleteSession(req.params.id as string);
    res.status(204).end();
  });
  return router;
}
