import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, MemoryStore, rateLimit, type Store } from "express-rate-limit";
import type { Env } from "../../lib/config/env.ts";
import type { RateCounters } from "../../lib/postgres/rateCounters.ts";
import type { Logger } from "../../lib/config/logger.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { EngineError } from "../../lib/sessions/errors.ts";
import { principalOf } from "./auth.ts";

/** The rate limits, each counted per key (per client address without keys). */
export type LimiterName = "requests" | "turns" | "sessions";

/**
 * Where the counters live: in this process by default; in PostgreSQL when the engine runs on it
 * (QS_DATABASE_URL), so that every instance behind a load balancer counts against the same limit.
 */
export type RateLimitStores = (limiter: LimiterName) => Store;
export const memoryStores: RateLimitStores = () => new MemoryStore();

/** express-rate-limit stores over the shared counters, one key space per limiter. */
export function sharedStores(counters: RateCounters): RateLimitStores {
  return (name) => {
    let windowMs = MINUTE;
    return {
      prefix: `${name}:`,
      localKeys: false,
      init: (options) => void (windowMs = options.windowMs),
      increment: async (key) => {
        const { hits, resetAt } = await counters.hit(`${name}:${key}`, windowMs);
        return { totalHits: hits, resetTime: resetAt };
      },
      decrement: (key) => counters.unhit(`${name}:${key}`),
      resetKey: (key) => counters.reset(`${name}:${key}`),
    };
  };
}

export interface LimitOptions {
  stores?: RateLimitStores;
  /** Window lengths; the defaults are a minute for requests and turns, an hour for sessions (tests shorten them). */
  windowMs?: Partial<Record<LimiterName, number>>;
}

const MINUTE = 60_000;
const DEFAULT_WINDOWS: Record<LimiterName, number> = { requests: MINUTE, turns: MINUTE, sessions: 60 * MINUTE };
const WHAT: Record<LimiterName, string> = { requests: "requests", turns: "story actions (turns)", sessions: "new stories" };

/** The bucket a request counts in: its key's name, else its client address (IPv6 by /56 subnet). */
export function clientKey(req: Request, res: Response): string {
  const { name } = principalOf(res);
  return name !== null ? `key:${name}` : `ip:${ipKeyGenerator(req.ip ?? "unknown")}`;
}

const windowText = (ms: number) => (ms % (60 * MINUTE) === 0 ? `${ms / (60 * MINUTE)} h` : ms % MINUTE === 0 ? `${ms / MINUTE} min` : `${ms / 1000} s`);

/** A limiter answering 429 rate_limited with Retry-After and RateLimit headers; a limit of 0 = off. */
function limiter(name: LimiterName, limit: number, options: LimitOptions, variable: string, logger: Logger): RequestHandler {
  if (limit === 0) return (_req, _res, next) => next();
  const windowMs = options.windowMs?.[name] ?? DEFAULT_WINDOWS[name];
  return rateLimit({
    windowMs,
    limit,
    identifier: name,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: (options.stores ?? memoryStores)(name),
    keyGenerator: clientKey,
    handler: (req, res, next) => {
      const retry = res.getHeader("Retry-After");
      logger.info({ limiter: name, client: clientKey(req, res), path: req.path }, "rate limited");
      next(
        new EngineError(
          "rate_limited",
          429,
          `too many ${WHAT[name]}: at most ${limit} per ${windowText(windowMs)} (${variable}); try again in ${retry ?? "a few"} s`,
        ),
      );
    },
  });
}

export function rateLimiters(env: Env, logger: Logger, options: LimitOptions = {}): Record<LimiterName, RequestHandler> {
  return {
    requests: limiter("requests", env.QS_RATE_REQUESTS_PER_MIN, options, "QS_RATE_REQUESTS_PER_MIN", logger),
    turns: limiter("turns", env.QS_RATE_TURNS_PER_MIN, options, "QS_RATE_TURNS_PER_MIN", logger),
    sessions: limiter("sessions", env.QS_RATE_SESSIONS_PER_HOUR, options, "QS_RATE_SESSIONS_PER_HOUR", logger),
  };
}

/**
 * Quota on stories kept per key (all keyless stories count together): 429 session_quota, without
 * Retry-After, because waiting does not help; deleting a story does. Checked when a story is created.
 */
export function sessionQuota(engine: StoryEngine, max: number): RequestHandler {
  return async (_req: Request, res: Response, next: NextFunction) => {
    if (max === 0) return next();
    const owned = await engine.sessions.countOwnedBy(principalOf(res).name).catch((error: unknown) => error);
    if (typeof owned !== "number") return next(owned);
    if (owned < max) return next();
    next(new EngineError("session_quota", 429, `this key already keeps ${owned} stories, the most allowed (QS_MAX_SESSIONS_PER_KEY=${max}); delete one to start another`));
  };
}

/**
 * Quota on memories per story, checked before a turn is played (a turn writes at most a few, so a
 * story can end a few over): 429 memory_quota, without Retry-After. The turn is refused whole, so
 * nothing of it is written.
 */
export function memoryQuota(engine: StoryEngine, max: number): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const id = req.params.id;
    try {
      if (max === 0 || typeof id !== "string" || (await engine.sessions.ownerOf(id)) === undefined) return next();
      // Counted without creating the story's memory folder: a refused request writes nothing.
      const count = await engine.runtime.memory.count(id);
      if (count < max) return next();
      next(new EngineError("memory_quota", 429, `this story holds ${count} memories, the most allowed (QS_MAX_MEMORIES_PER_SESSION=${max}); start a new story to play on`));
    } catch (error) {
      next(error);
    }
  };
}
