import { Router } from "express";
import { z } from "zod";
import type { TurnRecord } from "../../graph/records.ts";
import type { TurnStateType } from "../../graph/state.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import type { SessionSummary } from "../../lib/sessions/sessionIndex.ts";
import { principalOf } from "../security/auth.ts";
import { scenarioFromCardBody } from "./cards.ts";
import { CreateSessionBodySchema, parseOr400, sessionIdParam } from "../validation.ts";

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** How many recent turns GET /sessions/:id shows; older ones come from GET /sessions/:id/turns. */
export const RECENT_VIEW_TURNS = 10;

/** A transcript record as the API shows it (tool calls without arguments or results). */
export function turnView(h: TurnRecord) {
  return {
    turn: h.turn,
    input: h.input,
    narrative: h.narrative,
    confirmation: h.confirmation,
    tool_calls: h.tool_calls.map((c) => ({ phase: c.phase, name: c.name, ok: c.ok, cached: c.cached ?? false })),
    metrics: h.metrics,
    at: h.at,
  };
}

/** The session's scenario facts as the API shows them: the lorebook as a count. */
function scenarioView({ lorebook, ...scenario }: TurnStateType["scenario"]) {
  return lorebook?.length ? { ...scenario, lorebook_entries: lorebook.length } : scenario;
}

/** The public view of a session: its committed story and its recent turns, never the turn in flight. */
export function sessionView(summary: SessionSummary, state: TurnStateType, recent: TurnRecord[]) {
  return {
    ...summary,
    // The lorebook stays server-side (it can be large, and it holds the story's secrets).
    scenario: scenarioView(state.scenario),
    turn: state.turn,
    world: state.world,
    state: state.story,
    entities: state.entities,
    relationships: Object.keys(state.relationships?.edges ?? {}).length,
    history: recent.map(turnView),
    /** True when turns older than `history` exist (page them with GET /sessions/:id/turns?before=). */
    older_turns: (recent[0]?.turn ?? 1) > 1,
  };
}

/** The session view as GET /sessions/:id answers it. */
export async function viewOf(engine: StoryEngine, id: string) {
  const { summary, state } = await engine.getSession(id);
  return sessionView(summary, state, await engine.recentTurns(id, state, RECENT_VIEW_TURNS));
}

/** Session lifecycle: create, list, read, delete (ownership is checked in front, see server/security). */
export function sessionRoutes(engine: StoryEngine): Router {
  const router = Router();
  router.post("/sessions", async (req, res) => {
    const body = parseOr400(CreateSessionBodySchema, req.body, "body");
    const fromCard = body.card ? scenarioFromCardBody(body.card, body.player) : undefined;
    const scenario = fromCard?.scenario ?? body.scenario;
    // A card's book as written goes to the session's index row (for export), not into its state.
    const summary = await engine.createSession(scenario, principalOf(res).name, { greeting: body.greeting, ...(fromCard ? { label: "card", cardBook: fromCard.cardBook } : {}) });
    // A card's import warnings (entries skipped, fields converted) come back as they do from /scenarios/import.
    const warnings = fromCard && fromCard.warnings.length > 0 ? { warnings: fromCard.warnings } : {};
    res.status(201).location(`/sessions/${summary.id}`).json({ ...(await viewOf(engine, summary.id)), ...warnings });
  });
  router.get("/sessions", async (req, res) => {
    const q = parseOr400(ListQuery, req.query, "query");
    // A key lists only its own stories; the admin key (and the local user without keys) lists all.
    const { name, admin } = principalOf(res);
    res.json(await engine.listSessions(q.limit, q.offset, admin ? {} : { owner: name }));
  });
  router.get("/sessions/:id", sessionIdParam, async (req, res) => {
    res.json(await viewOf(engine, req.params.id as string));
  });
  router.delete("/sessions/:id", sessionIdParam, async (req, res) => {
    await engine.deleteSession(req.params.id as string);
    res.status(204).end();
  });
  return router;
}
