import { Router, type Response } from "express";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { busy, EngineError } from "../../lib/sessions/errors.ts";
import { SseStream } from "../sse.ts";
import { parseOr400, sessionIdParam, TurnBodySchema } from "../validation.ts";

/** Aborted when the client goes away before the answer is complete; nothing of its turn is saved. */
function cancelOnDisconnect(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new Error("client disconnected"));
  });
  return controller.signal;
}

/** Playing turns: as one JSON answer, or as a Server-Sent Events stream. */
export function turnRoutes(engine: StoryEngine): Router {
  const router = Router();

  router.post("/sessions/:id/turns", sessionIdParam, async (req, res) => {
    const id = req.params.id as string;
    const body = parseOr400(TurnBodySchema, req.body, "body");
    // A client that disconnects before the answer cancels its turn, as on the stream route.
    const signal = cancelOnDisconnect(res);
    try {
      const { reasoning, ...record } = await engine.runTurn(id, body.input, () => undefined, {
        signal,
        configuration: body.options?.prompt_variant ? { promptVariant: body.options.prompt_variant } : undefined,
      });
      // The model's reasoning only on request, as on the stream.
      res.json({ ...record, ...(body.options?.reasoning && reasoning ? { reasoning } : {}), model: record.metrics.model });
    } catch (error) {
      // Nobody is left to answer: the cancellation is logged by the turn runner, not as a failure here.
      if (signal.aborted) return;
      throw error;
    }
  });

  router.post("/sessions/:id/turns/stream", sessionIdParam, async (req, res) => {
    const id = req.params.id as string;
    const body = parseOr400(TurnBodySchema, req.body, "body");
    // Checks that can fail before streaming answer with a plain status (404, 409).
    await engine.requireSession(id);
    if (await engine.isBusyAnywhere(id)) throw busy(id);

    const sse = new SseStream(res);
    const signal = cancelOnDisconnect(res);
    let errorSent = false;
    try {
      await engine.runTurn(id, body.input, (e) => {
        errorSent ||= e.event === "error";
        sse.send(e.event, e.data);
      }, {
        signal,
        reasoning: body.options?.reasoning,
        configuration: body.options?.prompt_variant ? { promptVariant: body.options.prompt_variant } : undefined,
      });
    } catch (error) {
      // A failure before the turn started (409 race, shutdown) has not been reported yet.
      if (!errorSent) {
        const known = error instanceof EngineError;
        sse.send("error", { code: known ? error.code : "internal", message: known ? error.message : "internal error; see the server log" });
        if (!known) engine.logger.error({ err: error, sessionId: id }, "turn stream failed");
      }
    } finally {
      sse.end();
    }
  });
  return router;
}
