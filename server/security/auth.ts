import type { NextFunction, Request, RequestHandler, Response } from "express";
import { isSessionId } from "../../lib/common/sessionIds.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { EngineError, notFound } from "../../lib/sessions/errors.ts";
import { type ApiKeys, LOCAL_USER, type Principal } from "./apiKeys.ts";

/** Routes anyone may call even with keys on (a load balancer's probe). */
const PUBLIC_PATHS = new Set(["/health"]);

/** Someone who presented no valid key: only public routes see this principal. */
const ANONYMOUS: Principal = { name: null, admin: false };

export const principalOf = (res: Response): Principal => (res.locals.principal as Principal | undefined) ?? ANONYMOUS;

const unauthorized = (code: string, message: string) => new EngineError(code, 401, message);

/**
 * Who is calling. With keys off every caller is the local user, who sees every session. With keys
 * on, a valid `Authorization: Bearer <key>` names the caller; anything else leaves the request
 * anonymous with the reason noted, so the request limit (by client address) counts failed attempts
 * before `rejectAnonymous` answers 401.
 */
export function identify(keys: ApiKeys): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!keys.enabled) {
      res.locals.principal = LOCAL_USER;
      return next();
    }
    const header = req.get("authorization");
    const presented = header && /^Bearer +(\S+)\s*$/i.exec(header)?.[1];
    const principal = presented ? keys.verify(presented) : undefined;
    if (principal) res.locals.principal = principal;
    else if (!header) res.locals.authProblem = unauthorized("missing_api_key", "this server needs an API key: send the header Authorization: Bearer <key>");
    else if (!presented) res.locals.authProblem = unauthorized("malformed_authorization", 'the Authorization header must be "Bearer <key>"');
    else res.locals.authProblem = unauthorized("invalid_api_key", "the API key is not valid on this server");
    next();
  };
}

/** 401 for a request without a valid key (keys on), except the public routes. */
export function rejectAnonymous(req: Request, res: Response, next: NextFunction): void {
  const problem = res.locals.authProblem as EngineError | undefined;
  if (!problem || PUBLIC_PATHS.has(req.path)) return next();
  res.setHeader("WWW-Authenticate", 'Bearer realm="QuietStories"');
  next(problem);
}

/** Admin-only routes (process-wide data such as /metrics) when keys are on. */
export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  next(principalOf(res).admin ? undefined : new EngineError("admin_only", 403, `${req.path} needs the admin key`));
}

/**
 * Mounted on `/sessions/:id` (every route below it, whichever router defines it): for a key, a
 * session it does not own and one that does not exist get the same 404 not_found, before the route
 * looks at the body or query, so no answer tells them apart and ids cannot be probed. Ids that
 * are not the server's format go on to the route, which answers 400 the same way for every key.
 */
export function sessionOwnership(engine: StoryEngine): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = req.params.id;
    const principal = principalOf(res);
    if (principal.admin || !isSessionId(id)) return next();
    engine.sessions.ownerOf(id).then((owner) => next(owner === principal.name ? undefined : notFound(id)), next);
  };
}
