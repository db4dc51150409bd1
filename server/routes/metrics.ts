import { Router } from "express";
import { summarize } from "../../lib/metrics/stats.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { sessionIdParam } from "../validation.ts";

const SERIES = ["ttft_ms", "total_ms", "llm_calls", "tool_calls", "cache_hits", "input_tokens", "output_tokens"] as const;

/** Per-session turn metrics with aggregates, and the process's Prometheus metrics. */
export function metricsRoutes(engine: StoryEngine): Router {
  const router = Router();
  router.get("/metrics", async (_req, res) => {
    res.type(engine.metrics.contentType).send(await engine.metrics.text());
  });
  router.get("/sessions/:id/metrics", sessionIdParam, async (req, res) => {
    const turns = (await engine.turnMetrics(req.params.id as string)).map((h) => ({ turn: h.turn, at: h.at, ...h.metrics }));
    const aggregates = Object.fromEntries(SERIES.map((k) => [k, summarize(turns.map((t) => t[k]))]));
    res.json({ session_id: req.params.id, turns, aggregates });
  });
  return router;
}
