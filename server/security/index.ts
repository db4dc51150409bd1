import { type RequestHandler, Router } from "express";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { ApiKeys } from "./apiKeys.ts";
import { identify, rejectAnonymous, requireAdmin, sessionOwnership } from "./auth.ts";
import { allowedHosts, hostCheck } from "./exposure.ts";
import { cors, securityHeaders } from "./headers.ts";
import { type LimitOptions, memoryQuota, rateLimiters, sessionQuota, sharedStores } from "./limits.ts";

export interface SecurityOptions extends LimitOptions {
  /** The keys, when already loaded (server/index.ts loads them before listening); else read from the engine's env. */
  keys?: ApiKeys;
}

/** Routes that create a story (session limit and quota); a fork makes a new story too. */
export const CREATE_PATHS = ["/sessions", "/sessions/:id/fork"];

/** Routes that play a turn and so may add memories (the memory quota applies to them). */
export const TURN_PATHS = ["/sessions/:id/turns", "/sessions/:id/turns/stream", "/sessions/:id/regenerate"];

/**
 * What runs before anything else, the page's static files included: the Host check (DNS
 * rebinding), security headers, CORS.
 */
export function frontDoor(engine: StoryEngine): RequestHandler[] {
  return [hostCheck(allowedHosts(engine.env)), securityHeaders(), cors(engine.env.QS_CORS_ORIGINS)];
}

/**
 * What runs before the API routes, in this order: the API key, the request limit, the 401, the
 * ownership check on every `/sessions/:id…` route (404 for another key's story, whatever router
 * defines the route), then the per-action limits and quotas. Answers are EngineErrors, so the
 * app's error handler writes them.
 */
export function apiGuards(engine: StoryEngine, options: SecurityOptions = {}): Router {
  const env = engine.env;
  const keys = options.keys ?? ApiKeys.fromEnv(env);
  const shared = engine.sharedRateCounters;
  const limits = rateLimiters(env, engine.logger, { ...options, stores: options.stores ?? (shared ? sharedStores(shared) : undefined) });
  const router = Router();
  router.use(identify(keys));
  router.use(limits.requests); // before the 401, so failed key attempts count (per client address)
  router.use(rejectAnonymous);
  router.use("/sessions/:id", sessionOwnership(engine));
  router.post(CREATE_PATHS, limits.sessions, sessionQuota(engine, env.QS_MAX_SESSIONS_PER_KEY));
  router.post("/sessions/:id/*action", limits.turns);
  router.post(TURN_PATHS, memoryQuota(engine, env.QS_MAX_MEMORIES_PER_SESSION));
  if (keys.enabled) router.get("/metrics", requireAdmin);
  return router;
}
