import { Router, type Express } from "express";
import { createApp } from "../../../../server/app.ts";
import { SseStream } from "../../../../server/sse.ts";
import { parseOr400, sessionIdParam, TurnBodySchema } from "../../../../server/validation.ts";
import type { StoryEngine } from "../../../sessions/engine.ts";
import { busy } from "../../../sessions/errors.ts";
import { runBaselineTurn, type BaselineKind } from "./agent.ts";

/**
 * `POST /baseline/weak/sessions/:id/turns/stream` and `/baseline/strong/…`: a ReAct baseline turn
 * with the same SSE events as the product's stream (start, tool, token, done, error), so one client
 * measures every flow.
 */
export function baselineRoutes(engine: StoryEngine): Router {
  const router = Router();
  const running = new Set<string>();
  router.post("/baseline/:kind/sessions/:id/turns/stream", sessionIdParam, async (req, res) => {
    const kind = req.params.kind as string;
    if (kind !== "weak" && kind !== "strong") return void res.status(404).json({ error: "not_found", message: `no baseline "${kind}" (weak or strong)` });
    const id = req.params.id as string;
    const body = parseOr400(TurnBodySchema, req.body, "body");
    await engine.requireSession(id);
    if (running.has(id) || engine.isBusy(id)) throw busy(id);
    running.add(id);
    const sse = new SseStream(res);
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort(new Error("client disconnected"));
    });
    try {
      await runBaselineTurn(kind as BaselineKind, engine, id, body.input, (e) => sse.send(e.event, e.data), controller.signal);
    } catch (error) {
      engine.logger.warn({ err: error, sessionId: id }, "baseline turn failed");
    } finally {
      running.delete(id);
      sse.end();
    }
  });
  return router;
}

/** The bench's HTTP app: the product's API plus the baseline route (bench only, never in server/). */
export function createBenchApp(engine: StoryEngine): Express {
  return createApp(engine, { routes: [baselineRoutes(engine)] });
}
